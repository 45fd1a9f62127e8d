"""Dates that make sense: an issue is due on or after it was raised; a milestone is reached no earlier than the
project began; the API's 400 names the field."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from projects.services import issue_raise, milestone_create, milestone_update
from tests.organisation.factories import DivisionMembershipFactory
from tests.projects.factories import MilestoneFactory, ProjectFactory
from tests.projects.helpers import FROZEN, REPORT, token_client

pytestmark = FROZEN


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", division=division, planned_start=datetime.date(2022, 4, 1))


def test_an_issue_due_before_it_was_raised_is_refused_at_the_field(project, alice):
    with pytest.raises(ValidationError) as error:
        issue_raise(project=project, actor=alice, title="要員不足", raised_on=datetime.date(2022, 9, 1),
                    due_on=datetime.date(2022, 8, 31))
    assert list(error.value.message_dict) == ["due_on"]


def test_a_milestone_reached_before_the_project_began_is_refused(project, alice):
    with pytest.raises(ValidationError) as error:
        milestone_create(project=project, actor=alice, name="要件定義完了", planned_on=datetime.date(2022, 7, 1),
                         actual_on=datetime.date(2021, 6, 28))
    assert list(error.value.message_dict) == ["actual_on"]
    milestone = MilestoneFactory(project=project)
    with pytest.raises(ValidationError):
        milestone_update(milestone=milestone, actor=alice, expected_version=1, actual_on=datetime.date(2022, 3, 31))


def test_the_api_names_the_field_of_a_report_dated_before_the_project(project, fiona):
    DivisionMembershipFactory(user=fiona, division=project.division)
    body = {**REPORT, "as_of": "2019-05-31"}
    response = token_client(fiona, "projects:write").post("/api/v1/projects/EAPP/status-reports/", body, format="json")
    assert response.status_code == 400
    assert "開始予定日" in response.json()["errors"]["as_of"][0]


def test_the_api_names_the_field_of_an_issue_due_before_it_was_raised(project, fiona):
    DivisionMembershipFactory(user=fiona, division=project.division)
    body = {"title": "要員不足", "raised_on": "2022-09-01", "due_on": "2022-08-31"}
    response = token_client(fiona, "projects:write").post("/api/v1/projects/EAPP/issues/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["due_on"]
