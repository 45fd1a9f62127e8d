"""The portfolio page, both exports and the summary API run the same number of queries for 10 and 500 projects."""

import datetime

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from rest_framework.test import APIClient

from organisation.models import Division
from projects.models import Finding, Health, Milestone, Project, ProjectIssue, Severity, StatusReport
from projects.services import month_end_ratings_fill
from tests.organisation.factories import DivisionFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

HEALTHS = list(Health.values)
SEVERITIES = list(Severity.values)

# Exact counts, the same at both sizes. The page: session, user, the user's roles (groups and memberships, one query),
# the header's counts (workbench: one query; the CIO's exceptions are the panel's count), the person's saved views
# (one query, their default among them), the exceptions panel, the bureau, division and plan-pillar choices of the
# filter form, the summary (counts and totals grouped by bureau, health and phase: the row count too), the page's
# projects (sorted and cut on the projects alone), their rows, the twelve-month history (the months whose ratings are
# stored, their grouped count, the months before the first report counted from the reports; today's health is the
# summary's). The pillar and gate-condition filters, when set, are EXISTS clauses of the rows' own queries: they add
# none.
PAGE_QUERIES = 15
HISTORY_QUERIES = 3
# The same page again, its results and exceptions from the cache: the filter form, saved views, who is asking
# and the header's counts only.
CACHED_PAGE_QUERIES = 8
# Exports: session, user, roles, the rows; the Excel file also shows the filters in force (none here).
EXPORT_QUERIES = 4
# The API: session, user, roles, the counts and totals grouped by bureau, health and phase.
SUMMARY_QUERIES = 4


@pytest.fixture
def frozen_today():
    # 09:00 in Tokyo.
    with time_machine.travel(datetime.datetime(2022, 10, 4, 0, 0, tzinfo=datetime.UTC), tick=False):
        yield


def build_portfolio(size: int, divisions: list[Division], submitter, pmo) -> None:
    """``size`` projects with three reports (one in ten has none), four issues, two findings and three milestones each."""
    projects = []
    for n in range(size):
        project = Project(
            code=f"Q{n:04d}",
            name=f"情報システム{n}",
            division=divisions[n % len(divisions)],
            phase=Project.Phase.values[n % 7],
            planned_start=datetime.date(2021, 4, 1),
            planned_end=datetime.date(2024, 3, 31),
            budget_yen=1_000_000 * (n + 1),
            actual_cost_yen=400_000 * n,
        )
        if n % 10:
            project.last_reported_on = datetime.date(2022, 9, 30) - datetime.timedelta(days=n % 90)
            project.health = HEALTHS[n % 3]
        project.refresh_schedule()  # bulk_create skips save()
        projects.append(project)
    Project.objects.bulk_create(projects)
    projects = list(Project.objects.order_by("code"))
    reports = [
        StatusReport(
            project=project,
            as_of=project.last_reported_on - relativedelta(months=back),
            health=HEALTHS[(n + back) % 3],
            schedule_health=HEALTHS[n % 3],
            cost_health=HEALTHS[(n + 1) % 3],
            scope_health=Health.GREEN,
            quality_health=HEALTHS[(n + 2) % 3],
            planned_progress=50,
            actual_progress=n % 101,
            summary="定例報告",
            submitted_by=submitter,
            submitted_at=datetime.datetime(2022, 10, 1, tzinfo=datetime.UTC),
            pmo_health=HEALTHS[n % 3] if back == 0 else "",
            reviewed_by=pmo if back == 0 else None,
        )
        for n, project in enumerate(projects)
        if project.last_reported_on
        for back in range(3)
    ]
    StatusReport.objects.bulk_create(reports)
    latest = {
        report.project_id: report.pk
        for report in StatusReport.objects.filter(as_of__gte=datetime.date(2022, 7, 1)).order_by("project_id", "as_of")
    }
    for project in projects:
        project.latest_report_id = latest.get(project.pk)
    Project.objects.bulk_update(projects, ["latest_report"])
    ProjectIssue.objects.bulk_create(
        ProjectIssue(
            project=project,
            title=f"課題{k}",
            severity=SEVERITIES[(n + k) % 4],
            raised_on=datetime.date(2022, 9, 1),
            status=ProjectIssue.Status.values[k % 3],
            resolved_on=datetime.date(2022, 9, 20) if k % 3 == 2 else None,
        )
        for n, project in enumerate(projects)
        for k in range(4)
    )
    Finding.objects.bulk_create(
        Finding(
            project=project,
            category=Finding.Category.SCHEDULE,
            title=f"指摘{k}",
            body="具体化すること。",
            response_due_on=datetime.date(2022, 10, 31),
            written_by=pmo,
            written_at=datetime.datetime(2022, 9, 1, tzinfo=datetime.UTC),
            status=Finding.Status.values[k],
        )
        for project in projects
        for k in range(2)
    )
    Milestone.objects.bulk_create(
        Milestone(
            project=project,
            name=f"マイルストーン{k}",
            planned_on=datetime.date(2022, 8 + k * 2, 1),
            forecast_on=datetime.date(2022, 8 + k * 2, 10) if k else None,
            actual_on=datetime.date(2022, 8, 3) if k == 0 else None,
        )
        for project in projects
        for k in range(3)
    )
    # The closed months' ratings stored, as the nightly task leaves them.
    month_end_ratings_fill()


def results(response) -> str:
    html = response.content.decode()
    return html[html.index('<section class="glance"') : html.index("</main>")]


@pytest.fixture(params=[10, 500], ids=["10-projects", "500-projects"])
def size(request, division, other_division, alice, petra):
    divisions = [division, other_division, DivisionFactory(bureau=division.bureau, code="it", name="情報システム課")]
    build_portfolio(request.param, divisions, alice, petra)
    return request.param


@pytest.fixture
def cio(client, carl):
    client.force_login(carl)
    return client


def test_the_page_runs_a_fixed_number_of_queries(cio, size, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        response = cio.get("/portfolio/")
    assert response.content.decode().count('class="sticky-name"><a href="/projects/Q') == min(size, 100)


def test_a_second_look_reads_the_results_from_the_cache(cio, size, django_assert_num_queries):
    first = cio.get("/portfolio/")
    with django_assert_num_queries(CACHED_PAGE_QUERIES):
        second = cio.get("/portfolio/")
    # The nonce of the page's scripts and the CSRF token differ; the results do not.
    assert results(second) == results(first)


def test_the_next_page_reads_the_health_history_from_the_cache(cio, size, django_assert_num_queries):
    cio.get("/portfolio/")
    # The exceptions panel is cached too, and with it the count the header shows.
    with django_assert_num_queries(PAGE_QUERIES - HISTORY_QUERIES - 1):
        response = cio.get("/portfolio/?page=2")
    assert "健全度の推移" in response.content.decode()


def test_filters_search_and_sort_add_no_query(cio, size, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        response = cio.get(
            "/portfolio/?ordering=-days_since_report&stale=false&health=red&conditions_open=false&search=情報&cols=all"
        )
    assert response.status_code == 200
    assert 'aria-sort="descending"' in response.content.decode()


def test_the_page_of_a_filtered_bureau_adds_only_the_check_of_the_bureau(cio, size, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES + 1):
        assert cio.get("/portfolio/?bureau=policy&page=2").status_code == 200


def test_the_csv_export_runs_a_fixed_number_of_queries_for_every_row(cio, size, django_assert_num_queries):
    with django_assert_num_queries(EXPORT_QUERIES):
        response = cio.get("/portfolio/export.csv?ordering=-health")
    assert response.content.decode("utf-8-sig").count("\r\n") == size + 1


def test_the_excel_export_runs_a_fixed_number_of_queries_for_every_row(cio, size, django_assert_num_queries):
    with django_assert_num_queries(EXPORT_QUERIES):
        response = cio.get("/portfolio/export.xlsx?ordering=actual_progress")
    assert response.status_code == 200


def test_the_summary_api_runs_a_fixed_number_of_queries(carl, size, django_assert_num_queries):
    client = APIClient()
    client.force_login(carl)
    with django_assert_num_queries(SUMMARY_QUERIES):
        response = client.get("/api/v1/portfolio/summary/?stale=true")
    assert response.status_code == 200
    assert response.json()["total"] > 0
