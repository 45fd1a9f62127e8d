"""The projects in the admin: PMO registers and corrects projects through the services; the rest is read-only."""

import datetime

import pytest

from projects.models import Project
from projects.services import issue_raise, milestone_create, status_report_submit
from tests.projects.factories import FindingFactory, ProjectFactory
from tests.projects.helpers import FROZEN, REPORT, served_form, text

pytestmark = FROZEN


@pytest.fixture
def project(division, alice):
    project = ProjectFactory(code="EAPP", name="e-kanagawa 電子申請システム", division=division)
    status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    issue_raise(project=project, actor=alice, title="帳票の確定遅れ")
    milestone_create(project=project, actor=alice, name="総合テスト完了", planned_on=datetime.date(2022, 12, 1))
    return project


def test_pmo_corrects_a_project_through_the_service_with_history(client, petra, project):
    client.force_login(petra)
    url = f"/admin/projects/project/{project.pk}/change/"
    response = client.post(url, served_form(client, url, phase="testing"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.phase, project.version) == ("testing", 2)
    assert project.history.latest().history_user == petra


def test_an_admin_save_over_a_newer_version_is_refused(client, petra, project):
    client.force_login(petra)
    url = f"/admin/projects/project/{project.pk}/change/"
    stale = served_form(client, url, phase="testing")
    Project.objects.filter(pk=project.pk).update(version=2)
    response = client.post(url, stale)
    assert response.status_code == 200
    assert "他の利用者がこの記録を更新しました（版 1 → 2）。" in text(response)
    project.refresh_from_db()
    assert project.phase == "development"


def test_pmo_registers_a_project(client, petra, division):
    client.force_login(petra)
    data = served_form(client, "/admin/projects/project/add/", code="NEW-1", name="新規案件", division=division.pk,
                       planned_start="2022-04-01", planned_end="2023-03-31")
    response = client.post("/admin/projects/project/add/", data)
    assert response.status_code == 302
    assert Project.objects.get(code="NEW-1").history.get().history_user == petra


def test_records_are_view_only_and_history_cannot_be_reverted(client, petra, project):
    client.force_login(petra)
    report = project.status_reports.get()
    assert client.get(f"/admin/projects/statusreport/{report.pk}/change/").status_code == 200
    before = report.summary
    client.post(f"/admin/projects/statusreport/{report.pk}/change/", {"summary": "改ざん"})
    report.refresh_from_db()
    assert report.summary == before
    history = report.history.get()
    assert client.get(f"/admin/projects/statusreport/{report.pk}/history/").status_code == 200
    assert client.post(f"/admin/projects/statusreport/{report.pk}/history/{history.history_id}/").status_code == 403
    assert client.get("/admin/projects/project/add/").status_code == 200
    assert client.get("/admin/projects/statusreport/add/").status_code == 403


@pytest.mark.parametrize("model", ["statusreport", "projectissue", "finding", "milestone", "reminder", "pmodigest"])
def test_every_list_opens_for_pmo(client, petra, project, model):
    FindingFactory(project=project)
    client.force_login(petra)
    assert client.get(f"/admin/projects/{model}/").status_code == 200


@pytest.mark.parametrize("person", ["alice", "carl", "audrey"])
def test_the_admin_is_for_pmo_only(request, client, project, person):
    client.force_login(request.getfixturevalue(person))
    assert client.get("/admin/projects/project/")["Location"].startswith("/admin/login/")
