"""The pages that amend, withdraw and approve a report, through HTTP as a person would."""

import datetime

import pytest

from projects.models import StatusReport
from projects.services import status_report_submit
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, REPORT

pytestmark = FROZEN


@pytest.fixture
def report(division, alice):
    project = ProjectFactory(code="EAPP", division=division)
    return status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)


def form_data(report, **changes):
    fields = ["as_of", "health", "schedule_health", "cost_health", "scope_health", "quality_health", "planned_progress",
              "actual_progress", "summary", "next_steps"]
    return {**{name: getattr(report, name) for name in fields}, "version": report.version, **changes}


def test_staff_amend_a_report_from_its_page_with_a_reason(client, alice, report):
    client.force_login(alice)
    page = client.get("/projects/EAPP/").content.decode()
    assert f"/projects/EAPP/reports/{report.pk}/amend/" in page

    response = client.post(f"/projects/EAPP/reports/{report.pk}/amend/", form_data(report, actual_progress=24,
                                                                                   reason="誤記の訂正"))

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.actual_progress, report.change_reason) == (24, "誤記の訂正")


def test_a_date_before_the_project_is_refused_at_the_field(client, alice, report):
    client.force_login(alice)
    response = client.post(
        f"/projects/EAPP/reports/{report.pk}/amend/", form_data(report, as_of="2019-05-31", reason="日付の訂正")
    )
    assert response.status_code == 200
    assert "as_of" in response.context["form"].errors
    assert "開始予定日" in response.context["form"].errors["as_of"][0]


def test_staff_withdraw_a_report_with_a_reason_and_it_shows_as_withdrawn(client, alice, report):
    client.force_login(alice)
    response = client.post(f"/projects/EAPP/reports/{report.pk}/withdraw/", {"version": 1, "reason": "誤登録"})
    assert response.status_code == 302
    page = client.get("/projects/EAPP/").content.decode()
    assert "取下げ" in page and "誤登録" in page and "まだ進捗報告がありません。" in page


def test_the_manager_approves_or_returns_a_report_awaiting_approval(client, alice, mallory, division):
    division.requires_report_approval = True
    division.save()
    project = ProjectFactory(code="EAPP", division=division)
    report = status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    client.force_login(alice)
    assert client.get(f"/projects/EAPP/reports/{report.pk}/approval/").status_code == 403
    assert "所属長承認待ち" in client.get("/projects/EAPP/").content.decode()

    client.force_login(mallory)
    page = client.get("/projects/EAPP/").content.decode()
    assert f"/projects/EAPP/reports/{report.pk}/approval/" in page
    response = client.post(f"/projects/EAPP/reports/{report.pk}/approval/",
                           {"version": 1, "decision": "return", "comment": "実績を確認のこと"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.approval_comment) == (StatusReport.Status.RETURNED, "実績を確認のこと")
