import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from dx_portal.demo import SOURCE_DATE, Story, load_all, loaded_as_of


class Command(BaseCommand):
    help = (
        "Load the demo organisation, users, projects, KPIs and governance records, the source's story replayed so "
        "that its morning (2022-10-04) is today, or --as-of. Idempotent; --rebuild replays it on another day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of", type=datetime.date.fromisoformat, metavar="YYYY-MM-DD",
            help=f"the day the story is replayed on (default today; {SOURCE_DATE.isoformat()} is the source's own snapshot)",
        )
        parser.add_argument(
            "--rebuild", action="store_true",
            help="delete every project and committee/council record (and their history) and load the story anew",
        )

    def handle(self, *args, as_of, rebuild, **options):
        if not settings.DX_DEMO_ALLOWED:
            raise CommandError(
                "load_demo creates users with known passwords and is refused in production settings "
                "(DX_DEMO_ALLOWED is off). Use the local settings (DEBUG=1) for a demo."
            )
        today = timezone.localdate()
        if as_of is not None and as_of > today:
            raise CommandError(f"--as-of {as_of.isoformat()} is in the future: the demo replays what has happened by a day.")
        with transaction.atomic():
            story = Story(as_of or today)
            loaded = None if rebuild else loaded_as_of()
            if loaded not in (None, story.as_of):
                if as_of is not None:
                    raise CommandError(
                        f"The demo is loaded as of {loaded.isoformat()}. Add --rebuild to replay it as of {as_of.isoformat()}."
                    )
                # Loading again keeps the day the data was built for: a second run never moves the user's data.
                self.stdout.write(self.style.WARNING(
                    f"The demo stays as of {loaded.isoformat()}, the day it was loaded; to replay it as of today: "
                    "python manage.py load_demo --rebuild (deletes every project and committee/council record)."
                ))
                story = Story(loaded)
            load_all(self.stdout, story, rebuild=rebuild)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded as of {story.as_of.isoformat()}."))
