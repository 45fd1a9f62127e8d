import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dx_portal.business_days import next_business_day
from dx_portal.sweeps import parse_moment
from projects.reminders import DigestMessage, reminder_sweep


def _day(day: datetime.date) -> str:
    return f"{day:%Y-%m-%d} ({day:%a})"


class Command(BaseCommand):
    help = (
        "Send the stale-status reminders and the PMO digest due now (Celery beat runs the same sweep on "
        "business-day mornings). Each goes out once, however often this runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list what would be sent; send and record nothing")
        parser.add_argument("--now", help="sweep as at this ISO 8601 moment, e.g. 2022-10-04T09:00+09:00 (no offset: Tokyo time)")

    def handle(self, *args, dry_run, now, **options):
        try:
            moment = parse_moment(now) if now else None
        except ValueError as exc:
            raise CommandError(f"--now {now!r} is not an ISO 8601 date-time; write e.g. 2022-10-04T09:00+09:00") from exc
        sweep = reminder_sweep(now=moment, dry_run=dry_run)
        local = timezone.localtime(sweep.moment)
        dry = " (dry run: nothing is sent or recorded)" if dry_run else ""
        self.stdout.write(f"Sweep at {local.isoformat(timespec='minutes')}{dry}")
        if not sweep.business_day:
            following = next_business_day(local.date())
            self.stdout.write(
                f"{_day(local.date())} is not a business day: nothing is sent. Next business day: {_day(following)}."
            )
            return
        for reminder in sweep.reminders:
            project = reminder.project
            self.stdout.write(f"{project.code}  {reminder.level:<9}  due date {reminder.due_on}  {project.name}")
            self.stdout.write(f"    to {', '.join(reminder.recipients)}")
        if digest := sweep.digest:
            counts = (
                f"{len(digest.projects)} overdue project(s), {len(digest.findings)} finding(s) awaiting an answer past due, "
                f"{len(digest.action_items)} action item(s) past due, {len(digest.unreachable)} project(s) with no contact"
            )
            self.stdout.write(f"PMO digest {digest.day}: {counts}")
            self.stdout.write(f"    to {', '.join(digest.recipients)}")
        for message in sweep.unaddressed:
            what = "the PMO digest" if isinstance(message, DigestMessage) else f"{message.project.code} {message.level}"
            self.stdout.write(self.style.WARNING(f"Nobody with an e-mail address to send {what} to: not sent."))
        if not (sweep.reminders or sweep.digest):
            self.stdout.write("Nothing to send.")
            return
        count = len(sweep.reminders)
        parts = [f"{count} reminder{'' if count == 1 else 's'}"] if count else []
        summary = " and ".join(parts + (["the PMO digest"] if sweep.digest else []))
        self.stdout.write(f"Would send {summary}." if dry_run else self.style.SUCCESS(f"Sent {summary}."))
