"""When a project's next status report is due: period-anchored, on the 行政機関の休日 calendar.

A report covers a period (week, fortnight, month, quarter): the one its as-of date falls in. The next
report covers the following period and is due a set number of business days after that period ends, so
due dates stay on month ends whatever day the last report was dated (a report as of 9-30 does not make
the next one due 10-30). Overdue is the first business day once the grace days have also passed;
escalation comes when the next period's report falls due as well (a second cadence) — never earlier
than overdue.

Plain functions of dates, so a data migration can recompute stored schedules with them.
"""

import datetime

from dateutil.relativedelta import relativedelta

from dx_portal.business_days import is_business_day, next_business_day

WEEKLY, BIWEEKLY, MONTHLY, QUARTERLY = "weekly", "biweekly", "monthly", "quarterly"


def period_end(day: datetime.date, cadence: str, anchor: datetime.date) -> datetime.date:
    """The last day of the period ``day`` falls in. Weeks end on Sunday; fortnights count from ``anchor``'s
    week (the project's start); quarters are the fiscal year's (ending June, September, December, March)."""
    if cadence == WEEKLY:
        return day + datetime.timedelta(days=6 - day.weekday())
    if cadence == BIWEEKLY:
        first_monday = anchor - datetime.timedelta(days=anchor.weekday())
        weeks = max((day - first_monday).days, 0) // 7
        return first_monday + datetime.timedelta(weeks=weeks - weeks % 2 + 2, days=-1)
    months = 1 if cadence == MONTHLY else 3
    # Fiscal quarters start in April, July, October and January: month numbers 1, 4, 7, 10 all start one.
    start = day.replace(day=1) - relativedelta(months=(day.month - 1) % months)
    return start + relativedelta(months=months, days=-1)


def nth_business_day_after(day: datetime.date, n: int) -> datetime.date:
    for _ in range(n):
        day = next_business_day(day)
    return day


def first_business_day_from(day: datetime.date) -> datetime.date:
    return day if is_business_day(day) else next_business_day(day)


def report_schedule(
    *, cadence: str, start: datetime.date, last_reported_on: datetime.date | None, business_days: int, grace_days: int
) -> tuple[datetime.date, datetime.date, datetime.date]:
    """Due, overdue and escalation dates of the report after one as of ``last_reported_on`` (or of the
    first report, for the period the project starts in, when there is none)."""
    if last_reported_on is None:
        period = period_end(start, cadence, start)
    else:
        period = period_end(period_end(last_reported_on, cadence, start) + datetime.timedelta(days=1), cadence, start)
    following = period_end(period + datetime.timedelta(days=1), cadence, start)
    due = nth_business_day_after(period, business_days)
    overdue = first_business_day_from(due + datetime.timedelta(days=grace_days))
    escalate = max(nth_business_day_after(following, business_days), next_business_day(overdue))
    return due, overdue, escalate
