from django.core.management.base import BaseCommand, CommandError

from dx_portal.business_days import parse_moment
from organisation.transfers import transfers_apply


class Command(BaseCommand):
    help = (
        "Apply the transfers (人事異動) due by now and not yet applied: end the old membership the day before "
        "the date, start the new one on it, and tell the former managers what to hand over. Each transfer is "
        "applied once, however often this runs. Unlike the Celery beat task it runs on any day it is asked to."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", help="apply as at this ISO 8601 moment, e.g. 2023-04-01T08:00+09:00 (no offset: Tokyo time)")

    def handle(self, *args, now, **options):
        try:
            moment = parse_moment(now) if now else None
        except ValueError as exc:
            raise CommandError(f"--now {now!r} is not an ISO 8601 date-time; write e.g. 2023-04-01T08:00+09:00") from exc
        applied = transfers_apply(now=moment)
        for transfer in applied:
            self.stdout.write(
                f"{transfer.effective_on}  {transfer.user.get_username()}  "
                f"{transfer.from_division.code if transfer.from_division else '-'} -> "
                f"{transfer.to_division.code if transfer.to_division else '-'} ({transfer.role})"
            )
        self.stdout.write(self.style.SUCCESS(f"Applied {len(applied)} transfer(s)."))
