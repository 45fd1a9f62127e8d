"""Both registers, their exports and their API run the same number of queries for 10 and 300 projects."""

import datetime

import pytest
from rest_framework.test import APIClient

from projects.models import Finding, Project, ProjectIssue, Severity

# The page: session, user, the user's roles, the header's counts, the person's saved views (the default among them),
# the bureau and division choices of the filter form, the row count, the rows and the heat map's counts.
RISK_PAGE_QUERIES = 10
# The findings page has no heat map.
FINDING_PAGE_QUERIES = 9
# An export: session, user, roles, the rows.
EXPORT_QUERIES = 4
# The API: session, user, roles, the count, the rows; the findings also their attachments (one query for the page).
API_QUERIES = 5
FINDING_API_QUERIES = API_QUERIES + 1


@pytest.fixture(params=[10, 300], ids=["10-projects", "300-projects"])
def size(request, division, other_division, alice, petra):
    Project.objects.bulk_create(
        Project(code=f"Q{n:04d}", name=f"情報システム{n}", division=(division, other_division)[n % 2],
                planned_start=datetime.date(2021, 4, 1), planned_end=datetime.date(2024, 3, 31))
        for n in range(request.param)
    )
    projects = list(Project.objects.all())
    ProjectIssue.objects.bulk_create(
        ProjectIssue(project=project, kind=ProjectIssue.Kind.values[k % 2], title=f"課題{k}", raised_on=datetime.date(2022, 9, 1),
                     severity=Severity.values[k % 4], likelihood=1 + (n + k) % 5, impact=1 + k % 5)
        for n, project in enumerate(projects)
        for k in range(3)
    )
    Finding.objects.bulk_create(
        Finding(project=project, category=Finding.Category.COST, title=f"指摘{k}", body="確認すること。",
                response_due_on=datetime.date(2022, 10, 31), written_by=petra,
                written_at=datetime.datetime(2022, 9, 1, tzinfo=datetime.UTC), status=Finding.Status.values[k % 3])
        for project in projects
        for k in range(2)
    )
    return request.param


@pytest.fixture
def pmo(client, petra):
    client.force_login(petra)
    return client


def test_the_risk_register_runs_a_fixed_number_of_queries(pmo, size, django_assert_num_queries):
    with django_assert_num_queries(RISK_PAGE_QUERIES):
        response = pmo.get("/registers/risks/")
    assert response.context["page_obj"].paginator.count == size * 3


def test_its_filters_and_a_heat_map_cell_add_no_query(pmo, size, django_assert_num_queries):
    with django_assert_num_queries(RISK_PAGE_QUERIES):
        response = pmo.get("/registers/risks/?kind=risk&likelihood=3&impact=2&state=open&keyword=課題&ordering=-score")
    assert response.status_code == 200


def test_the_findings_register_runs_a_fixed_number_of_queries(pmo, size, django_assert_num_queries):
    with django_assert_num_queries(FINDING_PAGE_QUERIES):
        response = pmo.get("/registers/findings/")
    assert response.context["page_obj"].paginator.count == size * 2


@pytest.mark.parametrize("url", ["/registers/risks/export.csv", "/registers/findings/export.xlsx"])
def test_the_exports_run_a_fixed_number_of_queries_for_every_row(pmo, size, url, django_assert_num_queries):
    with django_assert_num_queries(EXPORT_QUERIES):
        assert pmo.get(url).status_code == 200


@pytest.mark.parametrize(("url", "queries"), [
    ("/api/v1/registers/risks/", API_QUERIES), ("/api/v1/registers/findings/?page_size=500", FINDING_API_QUERIES),
])
def test_the_api_runs_a_fixed_number_of_queries(petra, size, url, queries, django_assert_num_queries):
    client = APIClient()
    client.force_login(petra)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
