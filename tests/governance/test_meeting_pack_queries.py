"""The pack's print page runs a fixed number of queries, however many items, projects, decisions and action items the
meeting has, and however many indicators the KPI tables hold."""

import datetime

import pytest

from projects.models import Health, Severity
from projects.services import project_refresh_latest_report
from tests.governance.factories import ActionItemFactory, AgendaItemFactory, CommitteeMeetingFactory, DecisionFactory
from tests.kpis.factories import IndicatorFactory, ObservationFactory
from tests.projects.factories import (
    FindingFactory,
    MilestoneFactory,
    ProjectFactory,
    ProjectIssueFactory,
    StatusReportFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(datetime.datetime(2022, 10, 4, 9, 30), tick=False)]
# The portfolio summary, the exceptions (one query), the agenda projects with their reports, issues and findings,
# the decisions, action items, the KPI tables with their plan items and the pillar chooser's choices: the same
# number whatever the agenda holds.
QUERIES = 21


def meeting_with(size: int, division):
    meeting = CommitteeMeetingFactory(number=5)
    previous = CommitteeMeetingFactory(number=4, held_on=datetime.date(2022, 6, 1))
    for n in range(size):
        AgendaItemFactory(meeting=meeting, order=n + 1, presenter=division)
        project = ProjectFactory(division=division, budget_yen=1_000_000 * (n + 1))
        StatusReportFactory(project=project, health=Health.RED, pmo_health=Health.RED)
        project_refresh_latest_report(project=project)
        ProjectIssueFactory(project=project, severity=Severity.HIGH)
        FindingFactory(project=project)
        MilestoneFactory(project=project, planned_on=datetime.date(2022, 9, 1))
        decision = DecisionFactory(meeting=meeting, options="A 一斉導入\nB 段階的に導入")
        decision.related_projects.add(project)
        ActionItemFactory(decision=DecisionFactory(meeting=previous), owner_division=division, due_on=datetime.date(2022, 9, 1))
        indicator = IndicatorFactory(division=division)
        ObservationFactory(indicator=indicator, fiscal_year=2021)
    return meeting


@pytest.mark.parametrize("size", [1, 4])
def test_the_print_page_runs_a_fixed_number_of_queries(client, petra, division, size, django_assert_num_queries):
    meeting = meeting_with(size, division)
    client.force_login(petra)
    client.get(f"/governance/committee/{meeting.number}/pack/")  # the session's one-off writes
    with django_assert_num_queries(QUERIES):
        response = client.get(f"/governance/committee/{meeting.number}/pack/")
    assert response.status_code == 200
    assert response.content.decode().count('class="pack-project"') == size
