from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dx_portal.demo import load_all


class Command(BaseCommand):
    help = "Load the demo organisation, users, projects, KPIs and governance records (idempotent)."

    def handle(self, *args, **options):
        if not settings.DX_DEMO_ALLOWED:
            raise CommandError(
                "load_demo creates users with known passwords and is refused in production settings "
                "(DX_DEMO_ALLOWED is off). Use the local settings (DEBUG=1) for a demo."
            )
        with transaction.atomic():
            load_all(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
