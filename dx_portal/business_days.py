"""The national administrative-office calendar (行政機関の休日に関する法律 第1条): when offices are open.

Closed are Saturdays and Sundays, national holidays (the maintained ``holidays`` package knows the
祝日法 rules, with substitute holidays 振替休日 and citizens' holidays 国民の休日) and the year-end break
from 29 December to 3 January (年末年始).
"""

import datetime
from functools import cache

import holidays
from django.utils import timezone

ONE_DAY = datetime.timedelta(days=1)


@cache
def _national_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.Japan(years=year))


def _year_end_break(day: datetime.date) -> bool:
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_business_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and not _year_end_break(day) and day not in _national_holidays(day.year)


def next_business_day(day: datetime.date) -> datetime.date:
    """The first business day after ``day``."""
    day += ONE_DAY
    while not is_business_day(day):
        day += ONE_DAY
    return day


def parse_moment(value: str) -> datetime.datetime:
    """An ISO 8601 date-time (``--now`` of the morning commands); a naive one is Tokyo time (TIME_ZONE).
    Raises ValueError when it is not one."""
    moment = datetime.datetime.fromisoformat(value)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def business_days_before(day: datetime.date, count: int) -> datetime.date:
    """The business day ``count`` business days before ``day`` (``day`` itself need not be one)."""
    for _ in range(count):
        day -= ONE_DAY
        while not is_business_day(day):
            day -= ONE_DAY
    return day
