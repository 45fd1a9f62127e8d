from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dx_portal.business_days import next_business_day, parse_moment
from inquiries.chasers import chaser_sweep


class Command(BaseCommand):
    help = (
        "Send the chasers (督促) due now to the municipalities that have not answered an inquiry (Celery beat runs "
        "the same sweep on business-day mornings). Each goes out once, however often this runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list what would be sent; send and record nothing")
        parser.add_argument("--now", help="sweep as at this ISO 8601 moment, e.g. 2022-10-04T09:00+09:00 (no offset: Tokyo time)")

    def handle(self, *args, dry_run, now, **options):
        try:
            moment = parse_moment(now) if now else None
        except ValueError as exc:
            raise CommandError(f"--now {now!r} is not an ISO 8601 date-time; write e.g. 2022-10-04T09:00+09:00") from exc
        sweep = chaser_sweep(now=moment, dry_run=dry_run)
        local = timezone.localtime(sweep.moment)
        dry = " (dry run: nothing is sent or recorded)" if dry_run else ""
        self.stdout.write(f"Chaser sweep at {local.isoformat(timespec='minutes')}{dry}")
        if not sweep.business_day:
            self.stdout.write(
                f"{local.date()} is not a business day: nothing is sent. Next business day: {next_business_day(local.date())}."
            )
            return
        for chaser in sweep.chasers:
            self.stdout.write(f"{chaser.municipality.code} {chaser.municipality.name}  {chaser.kind:<6}  {chaser.inquiry.title}")
            self.stdout.write(f"    to {', '.join(chaser.recipients)}")
        for chaser in sweep.unaddressed:
            self.stdout.write(self.style.WARNING(
                f"{chaser.municipality.name} has no contact address: the chaser about {chaser.inquiry.title} is not sent."
            ))
        count = len(sweep.chasers)
        if not count:
            self.stdout.write("Nothing to send.")
            return
        summary = f"{count} chaser{'' if count == 1 else 's'}"
        self.stdout.write(f"Would send {summary}." if dry_run else self.style.SUCCESS(f"Sent {summary}."))
