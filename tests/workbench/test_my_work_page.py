"""/my/: per role, what waits for the person and since when, each row linking to where it is done."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Finding, StatusReport
from projects.services import status_report_return
from tests.governance.factories import ActionItemFactory
from tests.organisation.factories import DivisionFactory
from tests.projects.factories import FindingFactory, MilestoneFactory, ProjectFactory, StatusReportFactory
from tests.projects.helpers import FROZEN, TOKYO, file_report, text
from tests.workbench.helpers import RED, answered_finding, fresh_project, unreviewed_report

pytestmark = FROZEN
URL = "/my/"


def sections(response) -> dict[str, list]:
    """Each section's rows, by key."""
    return {listing.section.key: [row for row, _ in rows] for listing, rows in response.context["listings"]}


def titles(response, key: str) -> list[str]:
    return [row.title for row in sections(response)[key]]


def projects_of(response, key: str) -> list[str]:
    return [row.project.split()[0] for row in sections(response)[key]]


def test_staff_see_their_overdue_reports_and_the_findings_to_answer(client, alice, division, other_division, charlie):
    overdue = ProjectFactory(code="LATE", division=division)  # never reported since April
    fresh = fresh_project(division, alice, code="FRESH")
    FindingFactory(project=fresh, title="工程表を示すこと")
    answered_finding(fresh, datetime.date(2022, 9, 20), title="回答済みの指摘")
    theirs = ProjectFactory(code="THEIRS", division=other_division)
    FindingFactory(project=theirs, title="他所属への指摘")
    client.force_login(alice)
    response = client.get(URL)
    assert projects_of(response, "reports_due") == ["LATE"]
    due = sections(response)["reports_due"][0]
    assert due.url == f"/projects/{overdue.code}/reports/new/" and due.late
    assert titles(response, "findings_to_answer") == ["工程表を示すこと"]
    page = text(response)
    assert "提出する進捗報告" in page and "回答する助言・指摘" in page
    assert "THEIRS" not in page and "他所属への指摘" not in page
    # PMO's sections are not the staff's.
    assert "reports_awaiting_review" not in sections(response)


def test_staff_see_their_returned_reports_and_their_divisions_action_items(
    client, alice, mallory, division, other_division
):
    division.requires_report_approval = True
    division.save()
    project = ProjectFactory(code="APPROVE", division=division)
    report = file_report(project, alice, datetime.date(2022, 9, 30))
    status_report_return(report=report, actor=mallory, expected_version=report.version, comment="数値を見直してください。")
    ActionItemFactory(owner_division=division, title="説明資料の作成", due_on=datetime.date(2022, 9, 1))
    ActionItemFactory(owner_division=division, title="完了した事項", done=True)
    ActionItemFactory(owner_division=other_division, title="他所属の事項")
    client.force_login(alice)
    response = client.get(URL)
    returned = sections(response)["reports_returned"]
    assert [row.url for row in returned] == [f"/projects/APPROVE/reports/{report.pk}/amend/"]
    assert returned[0].note == "数値を見直してください。"
    assert titles(response, "action_items_due") == ["説明資料の作成"]
    assert sections(response)["action_items_due"][0].late


def test_a_manager_sees_the_reports_awaiting_approval(client, alice, mallory, division):
    division.requires_report_approval = True
    division.save()
    report = file_report(ProjectFactory(code="APPROVE", division=division), alice, datetime.date(2022, 9, 30))
    client.force_login(mallory)
    response = client.get(URL)
    assert [row.url for row in sections(response)["reports_awaiting_approval"]] == [
        f"/projects/APPROVE/reports/{report.pk}/approval/"
    ]
    # Staff do not approve.
    client.force_login(alice)
    assert "reports_awaiting_approval" not in sections(client.get(URL))


def test_pmo_sees_unreviewed_reports_oldest_first_with_their_age(client, alice, petra, division):
    unreviewed_report(division, alice, datetime.datetime(2022, 10, 3, 17, tzinfo=TOKYO), code="NEWER")
    unreviewed_report(division, alice, datetime.datetime(2022, 9, 20, 9, tzinfo=TOKYO), code="OLDER")
    reviewed = unreviewed_report(division, alice, datetime.datetime(2022, 9, 1, 9, tzinfo=TOKYO), code="REVIEWED")
    StatusReport.objects.filter(pk=reviewed.pk).update(reviewed_at=datetime.datetime(2022, 9, 2, tzinfo=TOKYO))
    client.force_login(petra)
    response = client.get(URL)
    assert projects_of(response, "reports_awaiting_review") == ["OLDER", "NEWER"]
    ages = [waited for listing, rows in response.context["listings"] for row, waited in rows
            if listing.section.key == "reports_awaiting_review"]
    assert ages == [14, 1]
    assert "14日" in text(response)


def test_pmo_sees_findings_awaiting_closure_escalations_late_action_items_and_unreachable_projects(
    client, alice, petra, division
):
    project = fresh_project(division, alice, code="FRESH")
    answered_finding(project, datetime.date(2022, 9, 28), title="後に回答")
    answered_finding(project, datetime.date(2022, 9, 1), title="先に回答")
    FindingFactory(project=project, title="未回答")
    ProjectFactory(code="ESCALATED", division=division)  # never reported: escalated long ago
    ActionItemFactory(owner_division=division, title="期限切れの事項", due_on=datetime.date(2022, 9, 1))
    ActionItemFactory(owner_division=division, title="期限内の事項", due_on=datetime.date(2022, 12, 1))
    nobody_there = DivisionFactory(code="empty", name="無人課", email="")
    ProjectFactory(code="UNREACHABLE", division=nobody_there)
    client.force_login(petra)
    response = client.get(URL)
    assert titles(response, "findings_awaiting_closure") == ["先に回答", "後に回答"]
    assert projects_of(response, "escalations") == ["ESCALATED", "UNREACHABLE"]
    assert titles(response, "action_items_past_due") == ["期限切れの事項"]
    assert projects_of(response, "unreachable") == ["UNREACHABLE"]
    assert "連絡先なし" in text(response)


def test_the_cio_sees_the_exceptions_largest_budget_first(client, alice, carl, division):
    fresh_project(division, alice, code="CALM", budget_yen=900_000_000)
    red = ProjectFactory(code="RED", division=division, budget_yen=100_000_000)
    file_report(red, alice, datetime.date(2022, 9, 30), **RED)
    ProjectFactory(code="STALE", division=division, budget_yen=500_000_000)
    late = fresh_project(division, alice, code="SLIPPING", budget_yen=300_000_000)
    MilestoneFactory(project=late, planned_on=datetime.date(2022, 9, 1))
    client.force_login(carl)
    response = client.get(URL)
    rows = sections(response)["exceptions"]
    assert [row.project for row in rows] == ["STALE", "SLIPPING", "RED"]
    assert [row.note for row in rows] == ["報告遅延", "マイルストーン遅延", "遅延"]
    assert list(sections(response)) == ["exceptions"]


@pytest.mark.parametrize("person", ["dana", "audrey", "nobody"])
def test_a_role_with_nothing_to_do_here_gets_a_clear_page(client, request, person, division):
    ProjectFactory(division=division)
    client.force_login(request.getfixturevalue(person))
    response = client.get(URL)
    assert response.status_code == 200
    assert "あなたの役割で対応を待っているものはありません。" in text(response)


def test_an_empty_section_says_so(client, alice, division):
    fresh_project(division, alice)
    client.force_login(alice)
    page = text(client.get(URL))
    assert "期限が来た進捗報告はありません。" in page and "回答待ちの助言・指摘はありません。" in page


def test_the_header_counts_what_waits(client, alice, division):
    ProjectFactory(division=division)
    FindingFactory(project=fresh_project(division, alice))
    client.force_login(alice)
    header = client.get("/kpis/").content.decode()
    assert 'href="/my/">マイワーク <span class="count-badge">2<span class="visually-hidden">件の待ち</span>' in header


def test_the_cios_count_is_kept_until_a_project_changes(client, alice, carl, division, django_assert_num_queries):
    fresh_project(division, alice, code="CALM")
    client.force_login(carl)
    with CaptureQueriesContext(connection) as first:
        assert 'href="/my/">マイワーク</a>' in client.get("/kpis/").content.decode()
    # Asked again with nothing changed, the exceptions are not counted again.
    with django_assert_num_queries(len(first.captured_queries) - 1):
        client.get("/kpis/")
    file_report(ProjectFactory(code="RED", division=division), alice, datetime.date(2022, 9, 30), **RED)
    header = client.get("/kpis/").content.decode()
    assert 'href="/my/">マイワーク <span class="count-badge">1<span class="visually-hidden">件の待ち</span>' in header


def test_on_the_portfolio_the_cios_count_is_the_exceptions_panels(client, alice, carl, division):
    file_report(ProjectFactory(code="RED", division=division), alice, datetime.date(2022, 9, 30), **RED)
    client.force_login(carl)
    assert 'href="/my/">マイワーク <span class="count-badge">1<span' in client.get("/portfolio/").content.decode()
    # A second exception: the panel (cached until a project changes) and the header move together.
    ProjectFactory(code="STALE", division=division)
    page = client.get("/portfolio/").content.decode()
    assert "要対応の案件（2件）" in page and 'href="/my/">マイワーク <span class="count-badge">2<span' in page
    assert 'href="/my/">マイワーク <span class="count-badge">2<span' in client.get("/kpis/").content.decode()


def test_a_long_section_shows_its_first_rows_and_says_how_many(client, alice, division, settings):
    for n in range(22):
        project = ProjectFactory(code=f"F{n:02d}", division=division)
        FindingFactory(project=project, response_due_on=datetime.date(2022, 10, 10 + n % 20))
    client.force_login(alice)
    response = client.get(URL)
    assert len(sections(response)["findings_to_answer"]) == 20
    assert "22件のうち、待ちの長い20件を表示しています。" in text(response)


def build(size: int, division, alice) -> None:
    """``size`` rows in every PMO section and the staff's."""
    for n in range(size):
        unreviewed_report(division, alice, datetime.datetime(2022, 9, 1 + n, tzinfo=TOKYO), code=f"U{n:02d}")
        project = ProjectFactory(code=f"E{n:02d}", division=division)
        FindingFactory(project=project)
        StatusReportFactory(project=project, as_of=datetime.date(2022, 9, 15), status=StatusReport.Status.RETURNED)
        answered_finding(project, datetime.date(2022, 9, 1 + n))
        ActionItemFactory(owner_division=division, due_on=datetime.date(2022, 9, 1 + n))
        ProjectFactory(code=f"N{n:02d}", division=DivisionFactory(email=""))


# Session, user, roles; the header's counts (one query for every section and the unread notices); one query
# per section that has rows (PMO: five; staff: four).
@pytest.mark.parametrize("size", [1, 6])
@pytest.mark.parametrize(("person", "queries"), [("petra", 9), ("alice", 8)])
def test_it_runs_a_fixed_number_of_queries(client, request, division, alice, django_assert_num_queries, size, person, queries):
    build(size, division, alice)
    client.force_login(request.getfixturevalue(person))
    client.get(URL)
    with django_assert_num_queries(queries):
        response = client.get(URL)
    assert all(listing.count >= size for listing, _ in response.context["listings"])
    assert Finding.objects.count() == 2 * size
