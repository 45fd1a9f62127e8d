"""generate_load_data: N whole projects with their history of reports, idempotent per N, and the bench's users."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from kpis.models import Indicator, Observation
from projects.models import Finding, Milestone, Project, ProjectIssue, StatusReport
from projects.services import project_refresh_latest_report

AS_OF = datetime.date(2026, 11, 26)


def generate(n, **options):
    call_command("generate_load_data", projects=n, as_of=AS_OF, stdout=open("/dev/null", "w"), **options)


def derived_ratings(project):
    reports = list(project.status_reports.order_by("as_of").values_list("as_of", "rated_health", "rated_until"))
    return (project.health, project.pmo_health, project.health_unreviewed, project.trend, reports)


def snapshot():
    """Every row the command writes, by model: what a second run must leave alone."""
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Project, StatusReport, ProjectIssue, Finding, Milestone, Indicator, Observation)
    }


@pytest.mark.django_db
def test_it_creates_n_projects_with_their_reports_issues_findings_and_milestones():
    generate(3)

    projects = Project.objects.filter(code__startswith="LOAD-").annotate(
        reports=Count("status_reports", distinct=True), issues_=Count("issues", distinct=True),
        findings_=Count("findings", distinct=True), milestones_=Count("milestones", distinct=True),
    )
    assert [p.code for p in projects.order_by("code")] == ["LOAD-00001", "LOAD-00002", "LOAD-00003"]
    assert {(p.reports, p.issues_, p.findings_, p.milestones_) for p in projects} == {(36, 10, 3, 4)}
    assert StatusReport.objects.exclude(pmo_health="").exists() and StatusReport.objects.filter(pmo_health="").exists()


@pytest.mark.django_db
def test_it_creates_fifty_indicators_with_ten_fiscal_years_each():
    generate(1)

    indicators = Indicator.objects.filter(code__startswith="load-kpi-").annotate(years=Count("observations"))
    assert indicators.count() == 50
    assert {i.years for i in indicators} == {10}
    years = Observation.objects.filter(indicator__in=indicators).values_list("fiscal_year", flat=True)
    assert (min(years), max(years)) == (2016, 2025)  # FY2025 is the last to have ended by 26 November 2026


@pytest.mark.django_db
def test_each_project_shows_its_latest_report_and_the_schedule_it_implies():
    generate(5)

    for project in Project.objects.filter(code__startswith="LOAD-"):
        latest = project.status_reports.order_by("-as_of").first()
        assert project.latest_report == latest
        assert project.last_reported_on == latest.as_of
        # The ratings are those the services keep: refreshing through them changes nothing.
        derived = derived_ratings(project)
        project_refresh_latest_report(project=project)
        assert derived_ratings(Project.objects.get(pk=project.pk)) == derived
        due = project.schedule_from(latest.as_of)
        assert (project.report_due_on, project.report_overdue_on, project.report_escalate_on) == (due or (None, None, None))


@pytest.mark.django_db
def test_a_second_run_with_the_same_n_changes_nothing():
    generate(2)
    before = snapshot()

    generate(2)

    assert snapshot() == before


@pytest.mark.django_db
def test_a_larger_n_adds_the_projects_in_between_and_keeps_the_others():
    generate(2)
    first = Project.objects.get(code="LOAD-00001")

    generate(4)

    assert sorted(Project.objects.filter(code__startswith="LOAD-").values_list("code", flat=True)) == [
        "LOAD-00001", "LOAD-00002", "LOAD-00003", "LOAD-00004",
    ]
    assert Project.objects.get(code="LOAD-00001").updated_at == first.updated_at
    assert Indicator.objects.filter(code__startswith="load-kpi-").count() == 50


@pytest.mark.django_db
def test_a_smaller_n_keeps_the_larger_set():
    generate(3)

    generate(1)

    assert Project.objects.filter(code__startswith="LOAD-").count() == 3


@pytest.mark.django_db
def test_the_bench_cio_reads_the_load_projects_with_the_token_it_keeps(client, tmp_path):
    token_file = tmp_path / "token.txt"
    generate(2, token_file=token_file)
    key = token_file.read_text().strip()

    generate(2, token_file=token_file)

    assert token_file.read_text().strip() == key
    response = client.get("/api/v1/projects/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert [p["code"] for p in response.json()["results"]] == ["LOAD-00001", "LOAD-00002"]


@pytest.mark.django_db
def test_the_bench_cio_logs_in_and_sees_the_portfolio(client, settings):
    generate(2)

    assert client.login(username="bench-cio", password=settings.DX_DEMO_PASSWORD)
    response = client.get("/portfolio/")

    assert response.status_code == 200
    assert "LOAD-00002" in response.content.decode()


@pytest.mark.django_db
def test_it_is_refused_where_demo_users_are_not_allowed(settings):
    settings.DX_DEMO_ALLOWED = False

    with pytest.raises(CommandError, match="DX_DEMO_ALLOWED"):
        generate(1)
    assert not Project.objects.exists()
