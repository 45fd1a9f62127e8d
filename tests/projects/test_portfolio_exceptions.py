"""portfolio_exceptions: the projects the committee should look at (red, worse than last time, stale, a milestone
late against plan), with why, largest budget first, among those the person may see."""

import datetime

import pytest

from projects.models import Health
from projects.selectors import ExceptionReason, portfolio_exceptions
from tests.projects.factories import MilestoneFactory, ProjectFactory
from tests.projects.helpers import FROZEN, TODAY, file_report

pytestmark = [FROZEN, pytest.mark.django_db]


def test_each_rule_gives_its_reason_and_the_largest_budget_comes_first(petra, division, django_assert_num_queries):
    red = ProjectFactory(code="RED", division=division, budget_yen=100)
    file_report(red, petra, datetime.date(2022, 9, 30), health=Health.RED)
    worse = ProjectFactory(code="WORSE", division=division, budget_yen=300)
    file_report(worse, petra, datetime.date(2022, 8, 31), health=Health.GREEN)
    file_report(worse, petra, datetime.date(2022, 9, 30), health=Health.YELLOW)
    # Started in April with no report since: its first report is long overdue.
    ProjectFactory(code="STALE", division=division, budget_yen=200)
    late = ProjectFactory(code="LATE", division=division, budget_yen=50)
    file_report(late, petra, datetime.date(2022, 9, 30), health=Health.GREEN)
    MilestoneFactory(project=late, planned_on=datetime.date(2022, 9, 1))
    on_track = ProjectFactory(code="FINE", division=division, budget_yen=999)
    file_report(on_track, petra, datetime.date(2022, 9, 30), health=Health.GREEN)
    MilestoneFactory(project=on_track, planned_on=datetime.date(2022, 9, 1), actual_on=datetime.date(2022, 9, 5))
    MilestoneFactory(project=on_track, planned_on=datetime.date(2022, 12, 1))

    with django_assert_num_queries(2):
        rows = [(project.code, reasons) for project, reasons in portfolio_exceptions(petra, TODAY)]
    assert rows == [
        ("WORSE", [ExceptionReason.WORSENING]),
        ("STALE", [ExceptionReason.STALE]),
        ("RED", [ExceptionReason.RED]),
        ("LATE", [ExceptionReason.LATE_MILESTONE]),
    ]


def test_only_the_projects_the_person_may_see(petra, charlie, division):
    file_report(ProjectFactory(division=division), petra, datetime.date(2022, 9, 30), health=Health.RED)
    assert portfolio_exceptions(charlie, TODAY) == []
    assert len(portfolio_exceptions(petra, TODAY)) == 1
