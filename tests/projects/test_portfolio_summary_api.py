"""GET /api/v1/portfolio/summary/: counts by health, phase and bureau, stale count and totals, filtered."""

import datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from dx_portal.tokens import api_token_issue
from projects.models import Health, Project
from projects.services import status_report_submit
from tests.projects.factories import ProjectFactory

URL = "/api/v1/portfolio/summary/"
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    # 09:00 in Tokyo.
    with time_machine.travel(datetime.datetime(2022, 10, 4, 0, 0, tzinfo=datetime.UTC), tick=False):
        yield


def report(project, as_of, health, actor):
    status_report_submit(
        project=project,
        actor=actor,
        as_of=as_of,
        health=health,
        schedule_health=health,
        cost_health=health,
        scope_health=health,
        quality_health=health,
        planned_progress=50,
        actual_progress=50,
        summary="定例報告",
    )


@pytest.fixture
def portfolio(petra, division, other_division):
    report(
        ProjectFactory(code="DX-1", division=division, budget_yen=300, actual_cost_yen=30),
        datetime.date(2022, 9, 30),
        Health.GREEN,
        petra,
    )
    report(
        ProjectFactory(code="DX-2", division=division, phase=Project.Phase.PLANNING, budget_yen=100, actual_cost_yen=10),
        datetime.date(2022, 7, 29),
        Health.RED,
        petra,
    )
    report(
        ProjectFactory(code="WA-1", division=other_division, phase=Project.Phase.OPERATION, budget_yen=200, actual_cost_yen=20),
        datetime.date(2022, 9, 28),
        Health.YELLOW,
        petra,
    )
    ProjectFactory(code="WA-2", division=other_division, phase=Project.Phase.TESTING, budget_yen=400, actual_cost_yen=0)


def as_(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_it_counts_the_portfolio_by_health_phase_and_bureau_with_stale_count_and_totals(carl, portfolio):
    response = as_(carl).get(URL)
    assert response.status_code == 200
    assert response.json() == {
        "as_of": "2022-10-04",
        "total": 4,
        "by_health": {"green": 1, "yellow": 1, "red": 1, "unreported": 1},
        "by_phase": {
            "planning": 1,
            "requirements": 0,
            "development": 1,
            "testing": 1,
            "migration": 0,
            "operation": 1,
            "closed": 0,
        },
        "by_bureau": [
            {"code": "policy", "name": "政策局", "total": 2, "by_health": {"green": 1, "yellow": 0, "red": 1, "unreported": 0}},
            {
                "code": "public-enterprise",
                "name": "企業局",
                "total": 2,
                "by_health": {"green": 0, "yellow": 1, "red": 0, "unreported": 1},
            },
        ],
        "stale": 2,
        "budget_yen": 1000,
        "actual_cost_yen": 60,
    }


@pytest.mark.parametrize(
    ("query", "total", "stale", "budget"),
    [
        ("bureau=policy", 2, 1, 400),
        ("division=water", 2, 1, 600),
        ("phase=operation", 1, 0, 200),
        ("health=red", 1, 1, 100),
        ("stale=true", 2, 2, 500),
        ("search=WA-", 2, 1, 600),
    ],
)
def test_it_takes_the_same_filters_as_the_page(carl, portfolio, query, total, stale, budget):
    body = as_(carl).get(f"{URL}?{query}").json()
    assert (body["total"], body["stale"], body["budget_yen"]) == (total, stale, budget)


def test_an_invalid_filter_is_a_400_with_the_field_errors(carl, portfolio):
    response = as_(carl).get(f"{URL}?health=purple&bureau=nowhere&phase=&stale=maybe")
    assert response.status_code == 400
    body = response.json()
    assert (body["status"], body["code"]) == (400, "invalid")
    assert set(body["errors"]) == {"health", "bureau", "stale"}


def test_a_director_gets_the_figures_of_their_bureau_only(dana, portfolio):
    body = as_(dana).get(URL).json()
    assert body["total"] == 2
    assert [bureau["code"] for bureau in body["by_bureau"]] == ["policy"]


def test_division_staff_get_only_what_they_may_see(charlie, portfolio):
    body = as_(charlie).get(URL).json()
    assert (body["total"], body["budget_yen"]) == (2, 600)


def test_a_token_with_projects_read_may_read_it(fiona, portfolio):
    _, key = api_token_issue(user=fiona, scopes=["projects:read"])
    response = APIClient().get(URL, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["total"] == 4


def test_a_token_without_the_scope_is_forbidden(fiona, portfolio):
    _, key = api_token_issue(user=fiona, scopes=["kpi:read"])
    response = APIClient().get(URL, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 403
    assert response.json()["status"] == 403


def test_an_anonymous_caller_is_refused(portfolio):
    response = APIClient().get(URL)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_it_cannot_be_written_to(carl):
    assert as_(carl).post(URL, {}).status_code == 405


def test_the_schema_documents_the_filters_and_the_error_responses(carl):
    schema = as_(carl).get("/api/schema/?format=json").json()
    operation = schema["paths"][URL]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert {"bureau", "division", "phase", "health", "stale", "search"} <= set(parameters)
    assert parameters["health"]["schema"]["enum"] == ["green", "red", "yellow"]
    assert operation["responses"]["400"] == {"$ref": "#/components/responses/BadRequest"}
    assert {"200", "401", "403"} <= set(operation["responses"])
    assert operation["x-required-scope"] == "projects:read"


@pytest.mark.parametrize("query", ["search=%00", "bureau=%00", "stale=%00", "health=" + "x" * 5000, "phase[]=testing"])
def test_odd_input_is_a_400_or_ignored_never_a_500(carl, portfolio, query):
    response = as_(carl).get(f"{URL}?{query}")
    assert response.status_code in (200, 400)
    assert response["Content-Type"] == "application/json"
