"""A date far outside what the portal shows (9999-12-31, written before dates were bounded) breaks no page,
history or API answer: it shows as an ISO date instead of 和暦."""

import datetime

import pytest

from projects.models import Finding, Milestone, Project, ProjectIssue, StatusReport
from projects.services import issue_raise, milestone_create, project_update, status_report_submit
from tests.projects.factories import FindingFactory, ProjectFactory
from tests.projects.helpers import FROZEN, REPORT, text, token_client

pytestmark = FROZEN
FAR = datetime.date(9999, 12, 31)
ANCIENT = datetime.date(1, 1, 1)


@pytest.fixture
def project(division, alice, petra):
    """A project whose end, issue due date, milestone forecast, finding due date and report date went in far
    out of range, straight into the tables and into their history rows (as an old release allowed)."""
    project = ProjectFactory(code="EAPP", division=division)
    project_update(project=project, actor=petra, expected_version=1, name="電子申請 更新")
    status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    issue = issue_raise(project=project, actor=alice, title="帳票の確定遅れ", owner="担当 横浜")
    milestone = milestone_create(project=project, actor=alice, name="本番稼働", planned_on=datetime.date(2023, 4, 1))
    finding = FindingFactory(project=project, written_by=petra)
    for model, pk, fields in (
        (Project, project.pk, {"planned_end": FAR, "planned_start": ANCIENT}),
        (ProjectIssue, issue.pk, {"due_on": FAR}),
        (Milestone, milestone.pk, {"forecast_on": FAR}),
        (Finding, finding.pk, {"response_due_on": FAR}),
        (StatusReport, project.latest_report_id or StatusReport.objects.get().pk, {"as_of": FAR}),
    ):
        model.objects.filter(pk=pk).update(**fields)
        model.history.filter(id=pk).update(**fields)
    Project.objects.filter(pk=project.pk).update(last_reported_on=FAR)
    return project


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_project_page_shows_a_far_date_as_iso(client, petra, project, language):
    client.force_login(petra)
    response = client.get("/projects/EAPP/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert "9999-12-31" in text(response) or "31 Dec 9999" in text(response)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_history_page_shows_a_far_date_from_a_history_row(client, audrey, project, language):
    client.force_login(audrey)
    response = client.get("/projects/EAPP/history/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert "9999-12-31" in text(response) or "31 Dec 9999" in text(response)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/projects/",
        "/api/v1/projects/EAPP/",
        "/api/v1/projects/EAPP/issues/",
        "/api/v1/projects/EAPP/findings/",
        "/api/v1/projects/EAPP/status-reports/",
        "/api/v1/portfolio/summary/",
    ],
)
def test_the_api_answers_a_far_date_in_iso(petra, project, path):
    response = token_client(petra, "projects:read").get(path)
    assert response.status_code == 200, response.content[:500]
    assert path == "/api/v1/portfolio/summary/" or "9999-12-31" in response.content.decode()


@pytest.mark.parametrize("path", ["/portfolio/", "/portfolio/export.csv", "/portfolio/export.xlsx", "/projects/"])
def test_lists_and_exports_keep_working(client, petra, project, path):
    client.force_login(petra)
    response = client.get(path)
    assert response.status_code == 200
    assert path != "/portfolio/export.csv" or "9999-12-31" in response.content.decode("utf-8-sig")
