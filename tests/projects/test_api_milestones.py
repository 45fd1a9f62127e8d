"""projects/<code>/milestones/: milestones with their slippage judged against today."""

import datetime

import pytest

from tests.projects.factories import MilestoneFactory, ProjectFactory
from tests.projects.helpers import FROZEN, token_client

pytestmark = FROZEN


@pytest.fixture
def project(division):
    return ProjectFactory(code="KSC-NEXT", division=division, planned_start=datetime.date(2021, 4, 1))


def test_a_milestone_past_its_planned_date_without_an_actual_is_late_by_the_days_since(project, carl):
    MilestoneFactory(project=project, name="次期KSC運用開始", planned_on=datetime.date(2022, 9, 1), forecast_on=None,
                     actual_on=None)
    MilestoneFactory(project=project, name="移行判定", planned_on=datetime.date(2022, 9, 20),
                     forecast_on=datetime.date(2022, 9, 27), actual_on=None)
    MilestoneFactory(project=project, name="総合テスト完了", planned_on=datetime.date(2022, 12, 1),
                     forecast_on=datetime.date(2022, 12, 15), actual_on=None)

    rows = token_client(carl, "projects:read").get("/api/v1/projects/KSC-NEXT/milestones/").json()["results"]

    assert [(r["name"], r["slippage_days"], r["late"], r["forecast_passed"]) for r in rows] == [
        ("次期KSC運用開始", 33, True, False),
        ("移行判定", 14, True, True),
        ("総合テスト完了", 14, True, False),
    ]


def test_the_api_refuses_an_actual_date_before_the_project_at_the_field(project, alice):
    milestone = MilestoneFactory(project=project, planned_on=datetime.date(2022, 9, 1))
    client = token_client(alice, "projects:write")
    response = client.patch(f"/api/v1/projects/KSC-NEXT/milestones/{milestone.pk}/",
                            {"version": 1, "actual_on": "2020-01-06"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["actual_on"]
