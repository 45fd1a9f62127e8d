"""load_demo's projects: the source document's systems as of 令和4年10月4日, idempotent; and the issue's
acceptance: staff file a report in the browser and over the API, staff2 cannot change that project."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command

from projects.models import Finding, Health, Milestone, Project, ProjectIssue, ReportState, StatusReport
from tests.projects.helpers import FROZEN, REPORT, TODAY, TOKYO, text, token_client

pytestmark = [FROZEN, pytest.mark.django_db]
MODELS = [Project, StatusReport, ProjectIssue, Finding, Milestone]


def counts() -> dict:
    return {model.__name__: (model.objects.count(), model.history.count()) for model in MODELS}


@pytest.fixture
def demo():
    call_command("load_demo")


def test_a_second_run_changes_nothing_not_even_the_history(demo):
    first = counts()
    versions = dict(Project.objects.values_list("code", "version"))
    call_command("load_demo")
    assert counts() == first
    assert dict(Project.objects.values_list("code", "version")) == versions


def test_it_is_a_plausible_snapshot_of_the_source_documents_systems(demo):
    # The large systems named in the source, owned by the demo divisions, with pmo as their PMO contact.
    names = " ".join(Project.objects.values_list("name", flat=True))
    for system in ["e-kanagawa 電子申請", "行政文書管理システム（電子決裁）", "電子契約", "データ統合・分析基盤",
                   "マイME-BYOカルテ", "次期神奈川情報セキュリティクラウド", "教育委員会ネットワーク基盤",
                   "相模発電所スマート保安システム", "水質監視", "校内無線LAN", "コンピュータセンター", "共通利用パソコン",
                   "キャッシュレス"]:
        assert system in names
    assert Project.objects.filter(division__code="dx-office").count() >= 3
    assert Project.objects.filter(division__code="water").count() >= 3
    assert set(Project.objects.values_list("pmo_contact__username", flat=True)) == {"pmo"}

    # Healthy, at-risk and late projects; a few stale (last report in July or earlier), some due, most fresh.
    projects = list(Project.objects.all())
    assert {p.health for p in projects} == {Health.GREEN, Health.YELLOW, Health.RED}
    states = {p.code: p.report_state(TODAY) for p in projects}
    stale = [code for code, state in states.items() if state in (ReportState.OVERDUE, ReportState.ESCALATED)]
    assert 2 <= len(stale) <= 4
    assert all(Project.objects.get(code=code).last_reported_on <= datetime.date(2022, 7, 31) for code in stale)
    # Due dates are period-anchored: on the source's morning nothing is merely due yet (WATER-ONLINE's report
    # falls due on 10-07); replayed on a present day some project is (see the next test).
    assert ReportState.FRESH in states.values()

    # Monthly reports filed by the division's demo user; some rated otherwise by pmo, whose rating then counts.
    ksc = Project.objects.get(code="KSC-NEXT")
    assert ksc.status_reports.count() == 6
    assert set(ksc.status_reports.values_list("submitted_by__username", flat=True)) == {"staff"}
    water = Project.objects.get(code="WATER-QUALITY-CLOUD")
    assert set(water.status_reports.values_list("submitted_by__username", flat=True)) == {"staff2"}
    reviewed = StatusReport.objects.exclude(pmo_health="")
    assert set(reviewed.values_list("reviewed_by__username", flat=True)) == {"pmo"}
    assert any(r.pmo_sees_more_risk for r in reviewed)
    assert Project.objects.get(code="DATA-PLATFORM").health == Health.RED

    # Findings open, answered and closed, one past its due date; risks; resolved issues; slipping milestones.
    assert set(Finding.objects.values_list("status", flat=True)) == set(Finding.Status.values)
    assert Finding.objects.filter(status=Finding.Status.OPEN, response_due_on__lt=TODAY).exists()
    assert ProjectIssue.objects.filter(kind=ProjectIssue.Kind.RISK).exists()
    assert ProjectIssue.objects.filter(status=ProjectIssue.Status.RESOLVED, resolved_on__isnull=False).exists()
    assert any(m.slippage_days > 0 for m in Milestone.objects.all())

    # The history is dated as it happened, and says who: filed by staff, approved by the 所属長 the next day.
    report = ksc.status_reports.get(as_of=datetime.date(2022, 8, 31))
    created = report.history.earliest()
    assert created.history_date.date() == datetime.date(2022, 9, 3)
    assert created.history_user.username == "staff"
    assert report.approved_by.username == "manager"
    assert report.submitted_at.date() == report.approved_at.date() == datetime.date(2022, 9, 4)
    assert not StatusReport.history.filter(history_date__date__gt=TODAY).exists()


def test_replayed_on_a_present_day_some_project_is_due_and_most_are_current():
    today = datetime.date(2026, 12, 7)
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(9), tzinfo=TOKYO), tick=False):
        call_command("load_demo")
    states = [project.report_state(today) for project in Project.objects.all()]
    assert ReportState.DUE in states and states.count(ReportState.FRESH) > len(states) // 2


def test_staff_file_a_report_in_the_browser_and_over_the_api_and_staff2_cannot(demo, client):
    User = get_user_model()
    staff, staff2 = User.objects.get(username="staff"), User.objects.get(username="staff2")
    client.force_login(staff)
    assert "COMMON-PC" in text(client.get("/projects/mine/"))
    response = client.post("/projects/COMMON-PC/reports/new/", {"as_of": "2022-10-04", **REPORT, "health": "yellow"})
    assert response.status_code == 302
    assert "所属長承認待ち" in text(client.get("/projects/COMMON-PC/"))
    # デジタル戦略本部室's reports count once its 所属長 approves them.
    filed = StatusReport.objects.get(project__code="COMMON-PC", as_of=TODAY)
    client.force_login(User.objects.get(username="manager"))
    response = client.post(f"/projects/COMMON-PC/reports/{filed.pk}/approval/",
                           {"version": filed.version, "decision": "approve", "comment": ""})
    assert response.status_code == 302
    page = text(client.get("/projects/COMMON-PC/"))
    assert "健全度 注意" in page and "報告状況 最新" in page

    api = token_client(staff, "projects:read", "projects:write")
    response = api.post("/api/v1/projects/EKANAGAWA-EAPP/status-reports/", {**REPORT, "health": "red"}, format="json")
    assert response.status_code == 201
    approve = token_client(User.objects.get(username="manager"), "projects:read", "projects:write").post(
        f"/api/v1/projects/EKANAGAWA-EAPP/status-reports/{response.json()['id']}/approve/",
        {"version": response.json()["version"]}, format="json",
    )
    assert approve.status_code == 200, approve.content
    assert api.get("/api/v1/projects/EKANAGAWA-EAPP/").json()["health"] == "red"

    client.force_login(staff2)
    assert client.get("/projects/COMMON-PC/reports/new/").status_code == 404
    assert client.post("/projects/COMMON-PC/reports/new/", {"as_of": "2022-10-03", **REPORT}).status_code == 404
    assert client.get("/projects/COMMON-PC/").status_code == 404
    # Over the API too: another division's project is refused, never shown.
    refused = token_client(staff2, "projects:read", "projects:write").post(
        "/api/v1/projects/COMMON-PC/status-reports/", REPORT, format="json"
    )
    assert refused.status_code == 403
    # Ten months from October 2021, August's returned by the 所属長, and this one.
    assert Project.objects.get(code="COMMON-PC").status_reports.count() == 12
