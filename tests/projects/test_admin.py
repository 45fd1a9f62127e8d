"""The projects in the admin: PMO registers and corrects projects through the services; the rest is read-only."""

import datetime
from html.parser import HTMLParser

import pytest

from projects.models import Project
from projects.services import issue_raise, milestone_create, status_report_submit
from tests.projects.factories import FindingFactory, ProjectFactory
from tests.projects.helpers import FROZEN, REPORT, text

pytestmark = FROZEN


@pytest.fixture
def project(division, alice):
    project = ProjectFactory(code="EAPP", name="e-kanagawa 電子申請システム", division=division)
    status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    issue_raise(project=project, actor=alice, title="帳票の確定遅れ")
    milestone_create(project=project, actor=alice, name="総合テスト完了", planned_on=datetime.date(2022, 12, 1))
    return project


class FormValues(HTMLParser):
    """What a browser would post back from the admin's form, as served."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "checkbox"):
            self.values[name] = attrs.get("value", "")
        elif tag == "select":
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def served_form(client, url, **changes) -> dict:
    parser = FormValues()
    parser.feed(client.get(url).content.decode())
    return {**parser.values, **changes}


def test_pmo_finds_projects_by_filter_and_search(client, petra, project):
    client.force_login(petra)
    page = text(client.get("/admin/projects/project/", {"q": "電子申請", "phase__exact": "development"}))
    assert "EAPP" in page and "e-kanagawa 電子申請システム" in page
    assert "フェーズ" in page and "健全度" in page


def test_the_project_shows_its_reports_issues_and_milestones_inline(client, petra, project):
    client.force_login(petra)
    page = text(client.get(f"/admin/projects/project/{project.pk}/change/"))
    assert "進捗報告" in page and "2022年9月30日" in page
    assert "帳票の確定遅れ" in page and "総合テスト完了" in page


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
