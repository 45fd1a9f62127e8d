"""Fiscal years and 和暦: the boundaries of the year and of the Heisei/Reiwa change."""

import datetime

import pytest

from dx_portal import fiscal


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (datetime.date(2022, 3, 31), 2021),
        (datetime.date(2022, 4, 1), 2022),
        (datetime.date(2023, 3, 31), 2022),
        (datetime.date(2023, 1, 1), 2022),
    ],
)
def test_the_fiscal_year_runs_april_to_march(day, year):
    assert fiscal.fiscal_year_of(day) == year


def test_a_fiscal_year_has_a_first_and_last_day():
    assert fiscal.fiscal_year_start(2022) == datetime.date(2022, 4, 1)
    assert fiscal.fiscal_year_end(2022) == datetime.date(2023, 3, 31)
    assert fiscal.fiscal_year_end(2023) == datetime.date(2024, 3, 31)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (datetime.date(2022, 10, 4), "令和4年10月4日"),
        (datetime.date(2019, 4, 30), "平成31年4月30日"),
        (datetime.date(2019, 5, 1), "令和元年5月1日"),
        (datetime.date(2020, 1, 1), "令和2年1月1日"),
        (datetime.date(1989, 1, 8), "平成元年1月8日"),
    ],
)
def test_dates_read_in_the_japanese_era(day, text):
    assert fiscal.wareki_date(day) == text


def test_fy2019_has_both_era_names():
    assert fiscal.fiscal_year_names(2019) == ["平成31年度", "令和元年度"]
    assert fiscal.fiscal_year_name(2019) == "令和元年度"


def test_other_fiscal_years_have_one_name():
    assert fiscal.fiscal_year_names(2022) == ["令和4年度"]
    assert fiscal.fiscal_year_names(2018) == ["平成30年度"]
    assert fiscal.fiscal_year_name(2020) == "令和2年度"


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (datetime.date(2019, 3, 31), 2018),
        (datetime.date(2019, 4, 1), 2019),
        (datetime.date(2019, 4, 30), 2019),
        (datetime.date(2019, 5, 1), 2019),
        (datetime.date(2020, 3, 31), 2019),
        (datetime.date(2020, 4, 1), 2020),
    ],
)
def test_the_era_change_falls_inside_fy2019(day, year):
    assert fiscal.fiscal_year_of(day) == year


def test_the_last_day_of_heisei_and_the_first_of_reiwa_belong_to_the_same_fiscal_year_under_two_names():
    assert fiscal.era_year_name(datetime.date(2019, 4, 30)) == "平成31年"
    assert fiscal.era_year_name(datetime.date(2019, 5, 1)) == "令和元年"
    year = fiscal.fiscal_year_of(datetime.date(2019, 5, 1))
    assert fiscal.fiscal_year_names(year) == ["平成31年度", "令和元年度"]


def test_fiscal_year_2018_ends_in_heisei_and_2020_is_reiwa_2():
    assert fiscal.fiscal_year_names(2018) == ["平成30年度"]
    assert fiscal.fiscal_year_name(2020) == "令和2年度"
    assert fiscal.fiscal_year_name_en(2019) == "FY2019"


@pytest.mark.parametrize(("year", "short"), [(2015, "H27"), (2018, "H30"), (2019, "R1"), (2022, "R4")])
def test_axes_abbreviate_the_era(year, short):
    assert fiscal.fiscal_year_short_name(year) == short


def test_the_months_of_a_fiscal_year_run_april_to_march():
    assert fiscal.FISCAL_MONTHS == (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
    assert fiscal.fiscal_month_index(4) == 0
    assert fiscal.fiscal_month_index(3) == 11


@pytest.mark.parametrize(
    ("month", "start", "end"),
    [
        (4, datetime.date(2022, 4, 1), datetime.date(2022, 4, 30)),
        (12, datetime.date(2022, 12, 1), datetime.date(2022, 12, 31)),
        (1, datetime.date(2023, 1, 1), datetime.date(2023, 1, 31)),
        (2, datetime.date(2023, 2, 1), datetime.date(2023, 2, 28)),
        (3, datetime.date(2023, 3, 1), datetime.date(2023, 3, 31)),
    ],
)
def test_a_month_of_fy2022_lies_in_the_right_calendar_year(month, start, end):
    assert fiscal.fiscal_month_start(2022, month) == start
    assert fiscal.fiscal_month_end(2022, month) == end


def test_february_of_a_leap_year_has_29_days():
    assert fiscal.fiscal_month_end(2023, 2) == datetime.date(2024, 2, 29)


def test_a_month_outside_1_to_12_is_an_error():
    with pytest.raises(ValueError):
        fiscal.fiscal_month_start(2022, 13)
