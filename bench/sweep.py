"""Times the reminder sweep (a dry run) and the send of N reminders on the database of DATABASE_URL; prints JSON for
bench/run.py.

    DJANGO_SETTINGS_MODULE=dx_portal.settings.bench DATABASE_URL=... .venv/bin/python bench/sweep.py [--send N]

The send (issue 20: 5,000 under 3 s) is the sweep's own (projects.reminders.send): N reminders claimed as a sweep
claims them (rows committed), each built, handed to Django's locmem mail backend (no mail server, no file) and
marked sent in a commit of its own; the rows are deleted afterwards. A load project has one reminder per level, so
the N reminders go round the projects with a due date, the level moving on each round.
"""

import argparse
import datetime
import itertools
import json
import statistics
import sys
import time
from pathlib import Path

import django

RUNS = 3
SEND_DEFAULT = 5000


def time_send(now, n: int) -> dict:
    from django.test.utils import override_settings
    from django.urls import reverse

    from bench.middleware import counting_queries
    from projects import reminders
    from projects.models import Project, Reminder

    taken = set(Reminder.objects.values_list("project_id", "due_on", "level"))
    projects = Project.objects.exclude(phase=Project.Phase.CLOSED).filter(report_due_on__isnull=False)
    projects = list(projects.select_related("division").order_by("pk"))
    wanted = []
    for round_, project in itertools.product(range(len(Reminder.Level.values)), projects):
        level = Reminder.Level.values[(project.pk + round_) % len(Reminder.Level.values)]
        if (project.pk, project.report_due_on, level) not in taken:
            wanted.append((project, level))
    claims = []
    for project, level in wanted[:n]:
        to = ("pmo@bench.example.lg.jp",) if level == Reminder.Level.ESCALATED else (
            f"staff@{project.division.code}.example.lg.jp", f"manager@{project.division.code}.example.lg.jp")
        row = Reminder(project=project, due_on=project.report_due_on, level=level, recipients="\n".join(to), claimed_at=now)
        claims.append((row, reminders.ReminderMessage(project, level, to)))
    Reminder.objects.bulk_create([row for row, _ in claims])
    # A worker imports its URLconf once, at its first reverse(), not at every sweep: not the send's to count (0.4 s).
    reverse("home")
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), counting_queries() as count:
            started = time.perf_counter()
            reminders.send(claims, now)
            seconds = time.perf_counter() - started
    finally:
        Reminder.objects.filter(pk__in=[row.pk for row, _ in claims]).delete()
    return {"send_ms": round(seconds * 1000, 1), "sent": len(claims), "send_queries": count.n}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--send", type=int, default=SEND_DEFAULT, metavar="N", help="reminders to send (0: none)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    django.setup()
    from django.utils import timezone

    from bench.middleware import counting_queries
    from dx_portal.business_days import is_business_day, next_business_day
    from projects.reminders import reminder_sweep

    # The sweep sends nothing on a holiday: sweep on the first business day from today, at 09:00 as beat does.
    day = timezone.localdate()
    day = day if is_business_day(day) else next_business_day(day)
    now = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    walls, queries = [], 0
    for _ in range(RUNS):
        with counting_queries() as count:
            started = time.perf_counter()
            sweep = reminder_sweep(now=now, dry_run=True)
            walls.append(time.perf_counter() - started)
        queries = count.n
    print(json.dumps({
        "moment": now.isoformat(),
        "wall_ms": round(statistics.median(walls) * 1000, 1),
        "queries": queries,
        "reminders": len(sweep.reminders) + len(sweep.unaddressed),
        **(time_send(now, args.send) if args.send else {}),
    }))


if __name__ == "__main__":
    main()
