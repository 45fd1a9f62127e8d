"""Fiscal years (年度, April to March) and dates in the Japanese era (和暦).

japanera knows when each era began; the rest is ours: the fiscal-year arithmetic and the conventions
of official documents (元年 for an era's first year, both era names for a fiscal year that spans
an era change, such as FY2019 = 平成31年度 = 令和元年度).
"""

import datetime
from functools import lru_cache

from japanera import EraDate

FISCAL_YEAR_START_MONTH = 4


def fiscal_year_of(day: datetime.date) -> int:
    """The fiscal year a date belongs to, named by the calendar year in which it starts."""
    return day.year if day.month >= FISCAL_YEAR_START_MONTH else day.year - 1


def fiscal_year_start(fiscal_year: int) -> datetime.date:
    return datetime.date(fiscal_year, FISCAL_YEAR_START_MONTH, 1)


def fiscal_year_end(fiscal_year: int) -> datetime.date:
    return datetime.date(fiscal_year + 1, FISCAL_YEAR_START_MONTH, 1) - datetime.timedelta(days=1)


@lru_cache(maxsize=4096)  # pages, exports and e-mails name thousands of dates; japanera's lookup takes tens of µs
def _era(day: datetime.date):
    return EraDate.from_date(day).era


def _era_year(day: datetime.date) -> tuple[str, str, int]:
    era = _era(day)
    return era.kanji, era.english, era.absolute_year_to_relative_year(day.year)


def _year_label(number: int) -> str:
    return "元" if number == 1 else str(number)


def era_year_name(day: datetime.date) -> str:
    """令和4年 for a date in 2022; 令和元年 for a date from 1 May 2019."""
    kanji, _, number = _era_year(day)
    return f"{kanji}{_year_label(number)}年"


@lru_cache(maxsize=4096)  # exports and e-mails format thousands of dates
def wareki_date(day: datetime.date) -> str:
    """令和4年10月4日."""
    return f"{era_year_name(day)}{day.month}月{day.day}日"


def wareki_month(day: datetime.date) -> str:
    """令和4年8月."""
    return f"{era_year_name(day)}{day.month}月"


def fiscal_year_names(fiscal_year: int) -> list[str]:
    """Every era name of a fiscal year, in order: ['平成31年度', '令和元年度'] for 2019.

    A fiscal year is numbered by the calendar year in which it starts, in each era in force during it.
    """
    names = []
    for day in (fiscal_year_start(fiscal_year), fiscal_year_end(fiscal_year)):
        era = _era(day)
        name = f"{era.kanji}{_year_label(era.absolute_year_to_relative_year(fiscal_year))}年度"
        if name not in names:
            names.append(name)
    return names


def fiscal_year_name(fiscal_year: int) -> str:
    """The name used from the end of the year on: 令和4年度; 令和元年度 for FY2019 (the era in force at its end)."""
    return fiscal_year_names(fiscal_year)[-1]


def fiscal_year_name_en(fiscal_year: int) -> str:
    return f"FY{fiscal_year}"


def fiscal_year_short_name(fiscal_year: int) -> str:
    """R4 for FY2022, H30 for FY2018, R1 for FY2019: the era initial, as chart axes and tables abbreviate.

    Abbreviations write the first year as 1, not 元 (R1), and FY2019 takes the era in force at its end.
    """
    era = _era(fiscal_year_end(fiscal_year))
    return f"{era.english_head}{era.absolute_year_to_relative_year(fiscal_year)}"


# The months of a fiscal year in order: April of its first calendar year to March of the next.
FISCAL_MONTHS = tuple(range(FISCAL_YEAR_START_MONTH, 13)) + tuple(range(1, FISCAL_YEAR_START_MONTH))


def fiscal_month_start(fiscal_year: int, month: int) -> datetime.date:
    """The first day of a calendar month within a fiscal year: January of FY2022 is January 2023."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1-12, not {month}")
    year = fiscal_year if month >= FISCAL_YEAR_START_MONTH else fiscal_year + 1
    return datetime.date(year, month, 1)


def fiscal_month_end(fiscal_year: int, month: int) -> datetime.date:
    start = fiscal_month_start(fiscal_year, month)
    following = datetime.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def fiscal_month_index(month: int) -> int:
    """0 for April, 11 for March: the position of a month within its fiscal year, for ordering."""
    return FISCAL_MONTHS.index(month)
