"""The national administrative-office calendar: weekends, national holidays and 29 Dec - 3 Jan are closed."""

import datetime

import pytest

from dx_portal.business_days import is_business_day, next_business_day

D = datetime.date


@pytest.mark.parametrize(
    "day",
    [
        D(2022, 10, 4),  # a Tuesday
        D(2022, 12, 28),  # the last day before the year-end break (御用納め)
        D(2023, 1, 4),  # the first day after it (御用始め)
        D(2023, 5, 1),  # Golden Week's working Monday
        D(2022, 5, 6),  # the Friday after Golden Week 2022
    ],
)
def test_an_ordinary_weekday_is_a_business_day(day):
    assert is_business_day(day)


@pytest.mark.parametrize(
    "day",
    [
        D(2022, 10, 8),  # Saturday
        D(2022, 10, 9),  # Sunday
        D(2022, 10, 10),  # スポーツの日 (Monday)
        D(2022, 7, 18),  # 海の日 (Monday)
        D(2022, 12, 29),
        D(2022, 12, 30),  # a Friday in the year-end break
        D(2023, 1, 2),  # 振替休日 for 元日 on a Sunday, and in the break
        D(2023, 1, 3),  # a Tuesday in the break, not a national holiday
        D(2023, 5, 3),  # 憲法記念日
        D(2023, 5, 4),  # みどりの日
        D(2023, 5, 5),  # こどもの日
        D(2024, 2, 12),  # 振替休日 for 建国記念の日 on a Sunday
        D(2026, 9, 22),  # 国民の休日 between 敬老の日 and 秋分の日
        D(2019, 10, 22),  # 即位礼正殿の儀 (a one-off holiday)
    ],
)
def test_weekends_national_holidays_and_the_year_end_break_are_not_business_days(day):
    assert not is_business_day(day)


@pytest.mark.parametrize(
    "day, following",
    [
        (D(2022, 10, 4), D(2022, 10, 5)),
        (D(2022, 10, 7), D(2022, 10, 11)),  # Friday, then a weekend and スポーツの日
        (D(2022, 12, 28), D(2023, 1, 4)),  # over the year-end break
        (D(2022, 12, 30), D(2023, 1, 4)),
        (D(2023, 5, 2), D(2023, 5, 8)),  # over Golden Week
        (D(2022, 7, 15), D(2022, 7, 19)),  # over 海の日
    ],
)
def test_next_business_day_skips_every_closed_day(day, following):
    assert next_business_day(day) == following
