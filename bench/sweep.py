"""Times the reminder sweep (a dry run) on the database of DATABASE_URL; prints JSON for bench/run.py.

    DJANGO_SETTINGS_MODULE=dx_portal.settings.bench DATABASE_URL=... .venv/bin/python bench/sweep.py
"""

import datetime
import json
import statistics
import sys
import time
from pathlib import Path

import django

RUNS = 3


def main() -> None:
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
    }))


if __name__ == "__main__":
    main()
