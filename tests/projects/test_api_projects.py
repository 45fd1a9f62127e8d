"""GET /api/v1/projects/: filters, ordering, pagination, visibility by role and token, a fixed query count."""

import datetime

import pytest
from rest_framework.test import APIClient

from projects.models import Health, Project
from projects.services import status_report_review, status_report_submit
from tests.projects.factories import FindingFactory, ProjectFactory, ProjectIssueFactory
from tests.projects.helpers import FROZEN, REPORT, session_client, token_client

pytestmark = FROZEN
URL = "/api/v1/projects/"
# The count; the page's ids (sorted and cut on the projects alone); their rows. The token's lookup, with its user's
# roles, is cached by the first request, and a read writes no audit row (dx_portal/usage.py counts it).
QUERIES_WITH_TOKEN = 3
# The same request again, answered from the cache: none.
CACHED_QUERIES_WITH_TOKEN = 0


@pytest.fixture
def ours(division, alice, petra):
    project = ProjectFactory(code="EAPP", name="e-kanagawa 電子申請システム", division=division, pmo_contact=petra,
                             budget_yen=1_234_567_890)
    status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    return project


@pytest.fixture
def theirs(other_division):
    return ProjectFactory(code="WATER-CLOUD", name="クラウド水質監視", division=other_division)


def codes(response) -> list[str]:
    return [row["code"] for row in response.json()["results"]]


def test_a_row_has_iso_dates_integer_yen_and_the_current_health(fiona, ours):
    ProjectIssueFactory(project=ours)
    row = token_client(fiona, "projects:read").get(URL).json()["results"][0]
    assert row["code"] == "EAPP" and row["url"].endswith("/api/v1/projects/EAPP/")
    assert row["division"] == {"code": "dx-office", "name": "デジタル戦略本部室"}
    assert row["bureau"] == {"code": "policy", "name": "政策局"}
    assert row["pmo_contact"] == "petra"
    assert (row["budget_yen"], row["actual_cost_yen"]) == (1_234_567_890, 30_000_000)
    assert (row["planned_start"], row["last_reported_on"], row["report_due_on"]) == ("2022-04-01", "2022-09-30", "2022-11-08")
    assert (row["health"], row["report_state"], row["open_issue_count"], row["version"]) == ("yellow", "fresh", 1, 1)
    assert row["latest_report"]["as_of"] == "2022-09-30" and row["latest_report"]["effective_health"] == "yellow"


def test_a_row_is_the_projects_detail_answer(fiona, alice, petra, ours, theirs, division):
    """The list builds its rows from values (serializers.project_rows), the detail through ProjectSerializer."""
    reviewed = ProjectFactory(code="REVIEWED", division=division, description="概要")
    report = status_report_submit(project=reviewed, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    status_report_review(report=report, actor=petra, expected_version=report.version, pmo_health=Health.RED)
    FindingFactory(project=reviewed)
    client = token_client(fiona, "projects:read")
    rows = client.get(URL).json()["results"]
    assert [row["code"] for row in rows] == ["EAPP", "REVIEWED", "WATER-CLOUD"]
    assert rows[1]["latest_report"]["effective_health"] == Health.RED and rows[2]["latest_report"] is None
    for row in rows:
        assert row == client.get(row["url"]).json()


@pytest.mark.parametrize(
    ("person", "expected"),
    [("alice", ["EAPP"]), ("dana", ["EAPP"]), ("charlie", ["WATER-CLOUD"]), ("petra", ["EAPP", "WATER-CLOUD"]),
     ("carl", ["EAPP", "WATER-CLOUD"]), ("audrey", ["EAPP", "WATER-CLOUD"]), ("fiona", ["EAPP", "WATER-CLOUD"]),
     ("nobody", [])],
)
def test_a_token_sees_what_its_user_may(request, ours, theirs, person, expected):
    assert codes(token_client(request.getfixturevalue(person), "projects:read").get(URL)) == expected


def test_a_browser_session_works_too(alice, ours, theirs):
    assert codes(session_client(alice).get(URL)) == ["EAPP"]


def test_no_token_is_401_and_a_token_without_the_scope_is_403(fiona, ours):
    response = APIClient().get(URL)
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"
    response = token_client(fiona, "kpi:read").get(URL)
    assert response.status_code == 403 and set(response.json()) >= {"status", "code", "message"}


def test_filters_narrow_the_list(fiona, ours, theirs):
    client = token_client(fiona, "projects:read")
    assert codes(client.get(URL, {"division": "water"})) == ["WATER-CLOUD"]
    assert codes(client.get(URL, {"bureau": "policy"})) == ["EAPP"]
    assert codes(client.get(URL, {"health": "yellow"})) == ["EAPP"]
    assert codes(client.get(URL, {"phase": "development"})) == ["EAPP", "WATER-CLOUD"]
    assert codes(client.get(URL, {"stale": "true"})) == ["WATER-CLOUD"]
    assert codes(client.get(URL, {"search": "電子申請"})) == ["EAPP"]


def test_ordering_by_health_ranks_red_first(fiona, division):
    for code, health in [("A", Health.GREEN), ("B", Health.RED), ("C", Health.YELLOW)]:
        ProjectFactory(code=code, division=division, health=health, budget_yen=ord(code))
    client = token_client(fiona, "projects:read")
    assert codes(client.get(URL, {"ordering": "-health"})) == ["B", "C", "A"]
    assert codes(client.get(URL, {"ordering": "-budget_yen"})) == ["C", "B", "A"]


def test_blank_sort_keys_ask_for_nothing(fiona, division):
    for code, budget in [("A", 2), ("B", 3), ("C", 1)]:
        ProjectFactory(code=code, division=division, budget_yen=budget)
    client = token_client(fiona, "projects:read")
    assert codes(client.get(URL, {"ordering": ",,"})) == ["A", "B", "C"]
    assert codes(client.get(URL, {"ordering": ",-budget_yen,"})) == ["B", "A", "C"]


@pytest.mark.parametrize("params", [
    {"health": "purple"}, {"division": "no-such"}, {"ordering": "password"},
    {"search": "\x00"}, {"division": "\x00"}, {"ordering": "-"},
])
def test_bad_query_parameters_are_400_with_the_field(fiona, ours, params):
    response = token_client(fiona, "projects:read").get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and set(body["errors"]) == set(params)


def test_pagination_and_page_size(fiona, division):
    for n in range(7):
        ProjectFactory(code=f"P{n}", division=division)
    client = token_client(fiona, "projects:read")
    body = client.get(URL, {"page_size": 5}).json()
    assert (body["count"], len(body["results"])) == (7, 5) and body["next"]
    assert len(client.get(URL, {"page_size": 5, "page": 2}).json()["results"]) == 2
    assert client.get(URL, {"page": 9}).status_code == 404


@pytest.mark.parametrize("size", [2, 12])
def test_it_runs_a_fixed_number_of_queries(fiona, alice, petra, division, django_assert_num_queries, size):
    for n in range(size):
        project = ProjectFactory(code=f"Q{n:02d}", division=division, pmo_contact=petra)
        status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
        ProjectIssueFactory(project=project)
        FindingFactory(project=project)
    client = token_client(fiona, "projects:read")
    client.get(URL)  # the token's lookup, cached from then on
    with django_assert_num_queries(QUERIES_WITH_TOKEN):
        response = client.get(URL, {"ordering": "-health", "page_size": 500})
    assert response.json()["count"] == size == Project.objects.count()


def test_an_equal_request_is_answered_from_the_cache_until_a_project_changes(fiona, alice, ours, django_assert_num_queries):
    client = token_client(fiona, "projects:read")
    first = client.get(URL, {"ordering": "-health"})
    with django_assert_num_queries(CACHED_QUERIES_WITH_TOKEN):
        second = client.get(URL, {"ordering": "-health"})
    assert second.json() == first.json() and second["Content-Type"] == "application/json"
    status_report_submit(project=ours, actor=alice, as_of=datetime.date(2022, 10, 3), **{**REPORT, "health": Health.RED})
    with django_assert_num_queries(QUERIES_WITH_TOKEN):
        third = client.get(URL, {"ordering": "-health"})
    assert third.json()["results"][0]["health"] == Health.RED
