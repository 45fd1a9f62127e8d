"""Period-anchored due dates on the 行政機関の休日 calendar."""

import datetime

import pytest

from dx_portal.business_days import is_business_day
from projects.schedule import period_end, report_schedule

D = datetime.date


@pytest.mark.parametrize(
    ("cadence", "day", "end"),
    [
        ("monthly", D(2022, 9, 30), D(2022, 9, 30)),
        ("monthly", D(2022, 2, 10), D(2022, 2, 28)),
        ("quarterly", D(2022, 8, 15), D(2022, 9, 30)),
        ("quarterly", D(2023, 1, 5), D(2023, 3, 31)),
        ("weekly", D(2022, 10, 4), D(2022, 10, 9)),
        # Fortnights count from the week of the project's start (Monday 2022-04-04).
        ("biweekly", D(2022, 4, 20), D(2022, 5, 1)),
    ],
)
def test_a_period_ends_on_its_last_day(cadence, day, end):
    assert period_end(day, cadence, D(2022, 4, 6)) == end


def test_a_report_as_of_a_month_end_makes_the_next_one_due_after_the_next_month_end_not_a_month_later():
    due, overdue, escalate = report_schedule(
        cadence="monthly", start=D(2022, 4, 1), last_reported_on=D(2022, 9, 30), business_days=5, grace_days=7
    )
    # October's report: the 5th business day after 10-31 (3 November is 文化の日).
    assert (due, overdue, escalate) == (D(2022, 11, 8), D(2022, 11, 15), D(2022, 12, 7))


def test_a_quarterly_report_is_never_due_in_the_year_end_closure():
    for business_days in range(1, 21):
        due, overdue, escalate = report_schedule(
            cadence="quarterly", start=D(2022, 4, 1), last_reported_on=D(2022, 9, 30), business_days=business_days,
            grace_days=0,
        )
        assert is_business_day(due) and is_business_day(overdue) and is_business_day(escalate)
        assert not (D(2022, 12, 29) <= due <= D(2023, 1, 3))
    # The third quarter's report, five business days after 12-31: 4, 5, 6, 10 (after 成人の日) and 11 January.
    assert report_schedule(cadence="quarterly", start=D(2022, 4, 1), last_reported_on=D(2022, 9, 30), business_days=5,
                           grace_days=7)[0] == D(2023, 1, 11)


def test_the_first_report_is_for_the_period_the_project_starts_in():
    due, _overdue, _escalate = report_schedule(
        cadence="monthly", start=D(2022, 4, 12), last_reported_on=None, business_days=5, grace_days=7
    )
    assert due == D(2022, 5, 11)
