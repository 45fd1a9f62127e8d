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
