"""Every date a person or client enters lies in the range the portal shows in 和暦 (平成元年1月8日 to
令和82年12月31日): a far date is refused at its field, on the page, in the API and in the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from dx_portal.validators import DATE_OUT_OF_RANGE
from governance.services import action_item_create
from projects.services import issue_raise, milestone_create, project_update
from tests.governance.factories import DecisionFactory
from tests.kpis.factories import IndicatorFactory
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, field_error, token_client

pytestmark = FROZEN
FAR = datetime.date(9999, 12, 31)


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", division=division)


@pytest.mark.parametrize(("field", "day"), [
    ("planned_end", FAR), ("planned_end", datetime.date(2101, 1, 1)), ("planned_start", datetime.date(1989, 1, 7)),
])
def test_a_project_date_outside_the_range_is_refused(project, petra, field, day):
    with pytest.raises(ValidationError) as error:
        project_update(project=project, actor=petra, expected_version=1, **{field: day})
    assert str(DATE_OUT_OF_RANGE) in error.value.message_dict[field]


def test_the_first_and_last_day_are_accepted(project, petra):
    first, last = datetime.date(1989, 1, 8), datetime.date(2100, 12, 31)
    project = project_update(project=project, actor=petra, expected_version=1, planned_start=first, planned_end=last)
    assert (project.planned_start, project.planned_end) == (first, last)


def test_an_issue_due_date_and_a_milestone_forecast_are_bounded(project, alice):
    with pytest.raises(ValidationError) as error:
        issue_raise(project=project, actor=alice, title="帳票の確定遅れ", due_on=FAR)
    assert list(error.value.message_dict) == ["due_on"]
    with pytest.raises(ValidationError) as error:
        milestone_create(project=project, actor=alice, name="本番稼働", planned_on=datetime.date(2023, 4, 1), forecast_on=FAR)
    assert list(error.value.message_dict) == ["forecast_on"]


def test_an_action_item_due_date_is_bounded(petra, division):
    with pytest.raises(ValidationError) as error:
        action_item_create(decision=DecisionFactory(), actor=petra, title="調査", owner_division=division, due_on=FAR)
    assert list(error.value.message_dict) == ["due_on"]


def test_the_page_shows_the_range_next_to_the_field(client, alice, project):
    client.force_login(alice)
    response = client.post("/projects/EAPP/milestones/new/", {"name": "本番稼働", "planned_on": "2023-04-01",
                                                             "forecast_on": "9999-12-31"})
    assert response.status_code == 200
    assert field_error(response, "forecast_on") == "平成元年1月8日から令和82年12月31日までの日付を入力してください。"


@pytest.mark.parametrize(("path", "payload", "field"), [
    ("/api/v1/projects/EAPP/", {"planned_end": "9999-12-31", "version": 1}, "planned_end"),
    ("/api/v1/projects/EAPP/issues/", {"title": "帳票の確定遅れ", "due_on": "9999-12-31"}, "due_on"),
])
def test_the_api_answers_400_at_the_field(petra, project, path, payload, field):
    api = token_client(petra, "projects:read", "projects:write")
    response = (api.patch if payload.get("version") else api.post)(path, payload, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {field: ["平成元年1月8日から令和82年12月31日までの日付を入力してください。"]}


def test_a_kpi_figure_dated_far_ahead_is_400_at_its_field(client, alice, division):
    indicator = IndicatorFactory(code="e-approval-rate", division=division, percentage=True)
    client.force_login(alice)
    response = client.post(f"/api/v1/kpis/{indicator.code}/observations/",
                           {"fiscal_year": 2022, "value": "95.1", "as_of": "9999-12-31"}, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["as_of"]
