"""The registers across projects: /registers/risks/ and /registers/findings/, their exports and the heat map."""

import csv
import datetime
import io

import pytest
import time_machine
from openpyxl import load_workbook

from projects.models import Finding, ProjectIssue, Severity
from tests.projects.factories import FindingFactory, ProjectFactory, ProjectIssueFactory


@pytest.fixture
def frozen():
    # 09:00 in Tokyo, 4 October 2022.
    with time_machine.travel(datetime.datetime(2022, 10, 4, 0, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def ours(division):
    return ProjectFactory(code="DX-1", name="電子申請システム", division=division)


@pytest.fixture
def theirs(other_division):
    return ProjectFactory(code="WATER-1", name="水道料金システム", division=other_division)


@pytest.fixture
def registers(ours, theirs, petra):
    ProjectIssueFactory(project=ours, title="要件の確定遅れ", severity=Severity.HIGH, owner="山田")
    ProjectIssueFactory(project=ours, risk=True, title="ベンダーの要員不足", likelihood=4, impact=5)
    ProjectIssueFactory(project=ours, risk=True, title="移行データの品質", likelihood=2, impact=3,
                        status=ProjectIssue.Status.RESOLVED, resolved_on=datetime.date(2022, 9, 20))
    ProjectIssueFactory(project=theirs, risk=True, title="浄水場の回線", likelihood=4, impact=5)
    FindingFactory(project=ours, title="移行計画の具体化", written_by=petra,
                   written_at=datetime.datetime(2022, 9, 1, 1, 0, tzinfo=datetime.UTC))
    FindingFactory(project=ours, title="体制の見直し", status=Finding.Status.ANSWERED, response="見直しました。")
    FindingFactory(project=theirs, title="料金改定の影響")


def rows(response) -> str:
    return response.content.decode()


def test_staff_see_the_issues_and_risks_of_their_own_division_only(client, alice, registers):
    client.force_login(alice)
    page = rows(client.get("/registers/risks/"))
    assert "ベンダーの要員不足" in page and "要件の確定遅れ" in page
    assert "浄水場の回線" not in page


def test_charlie_sees_nothing_of_alices_division(client, charlie, registers):
    client.force_login(charlie)
    risks = rows(client.get("/registers/risks/"))
    findings = rows(client.get("/registers/findings/"))
    assert "浄水場の回線" in risks and "料金改定の影響" in findings
    for title in ("要件の確定遅れ", "ベンダーの要員不足", "移行計画の具体化", "体制の見直し"):
        assert title not in risks + findings
    # Asking for Alice's project by code finds nothing rather than revealing it.
    assert "要件の確定遅れ" not in rows(client.get("/registers/risks/?project=DX-1"))
    export = client.get("/registers/risks/export.csv").content.decode("utf-8-sig")
    assert "WATER-1" in export and "DX-1" not in export


def test_pmo_sees_every_project(client, petra, registers):
    client.force_login(petra)
    page = rows(client.get("/registers/risks/"))
    assert "浄水場の回線" in page and "ベンダーの要員不足" in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("kind=risk", ["ベンダーの要員不足"], ["要件の確定遅れ"]),
        ("kind=issue", ["要件の確定遅れ"], ["ベンダーの要員不足"]),
        ("state=closed", ["移行データの品質"], ["ベンダーの要員不足"]),
        ("state=open", ["ベンダーの要員不足"], ["移行データの品質"]),
        ("severity=high", ["要件の確定遅れ"], ["ベンダーの要員不足"]),
        ("owner=山田", ["要件の確定遅れ"], ["ベンダーの要員不足"]),
        ("keyword=要員", ["ベンダーの要員不足"], ["要件の確定遅れ"]),
        ("division=water", ["浄水場の回線"], ["ベンダーの要員不足"]),
        ("bureau=policy", ["ベンダーの要員不足"], ["浄水場の回線"]),
        ("project=WATER-1", ["浄水場の回線"], ["ベンダーの要員不足"]),
    ],
)
def test_the_risk_register_filters(client, petra, registers, query, shown, hidden):
    client.force_login(petra)
    page = rows(client.get(f"/registers/risks/?{query}"))
    for title in shown:
        assert title in page
    for title in hidden:
        assert title not in page


def test_due_before_keeps_what_is_due_by_then(client, petra, ours):
    ProjectIssueFactory(project=ours, title="早い期限", due_on=datetime.date(2022, 10, 10))
    ProjectIssueFactory(project=ours, title="遅い期限", due_on=datetime.date(2022, 12, 10))
    client.force_login(petra)
    page = rows(client.get("/registers/risks/?due_before=2022-10-31"))
    assert "早い期限" in page and "遅い期限" not in page


def test_a_heat_map_cell_counts_its_risks_and_its_link_filters_the_list(client, petra, registers):
    client.force_login(petra)
    response = client.get("/registers/risks/?kind=risk")
    cells = {(cell.likelihood, cell.impact): (cell.count, url) for row in response.context["heat_map"] for cell, url, _ in row}
    count, url = cells[(4, 5)]
    assert count == 2
    assert cells[(2, 3)][0] == 1
    assert cells[(1, 1)][0] == 0
    assert "kind=risk" in url and "likelihood=4" in url and "impact=5" in url
    page = rows(client.get(f"/registers/risks/{url}"))
    assert "ベンダーの要員不足" in page and "浄水場の回線" in page
    assert "移行データの品質" not in page
    # The map itself still shows the other cells, the chosen one marked.
    assert 'aria-current="true"' in page


def test_the_heat_map_counts_only_what_the_person_may_see(client, alice, registers):
    client.force_login(alice)
    response = client.get("/registers/risks/")
    cells = {(cell.likelihood, cell.impact): cell.count for row in response.context["heat_map"] for cell, _, _ in row}
    assert cells[(4, 5)] == 1


def test_the_csv_export_holds_the_filtered_rows(client, petra, registers):
    client.force_login(petra)
    response = client.get("/registers/risks/export.csv?kind=risk&state=open")
    assert response["Content-Disposition"].startswith('attachment; filename="risk-register-')
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0][:6] == ["案件コード", "案件名", "局", "所属", "種別", "件名"]
    titles = sorted(row[5] for row in table[1:])
    assert titles == ["ベンダーの要員不足", "浄水場の回線"]
    vendor = next(row for row in table if row[5] == "ベンダーの要員不足")
    assert vendor[8:11] == ["4", "5", "20"]


def test_the_excel_export_of_findings_has_their_age_and_state(client, petra, registers, frozen):
    client.force_login(petra)
    response = client.get("/registers/findings/export.xlsx?status=open")
    sheet = load_workbook(io.BytesIO(response.content)).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = table[0]
    planning = next(row for row in table if row[header.index("件名")] == "移行計画の具体化")
    assert planning[header.index("状態")] == "回答待ち"
    assert planning[header.index("経過日数")] == 33
    assert {row[header.index("件名")] for row in table[1:]} == {"移行計画の具体化", "料金改定の影響"}


def test_a_bad_filter_on_an_export_is_a_400(client, petra):
    client.force_login(petra)
    assert client.get("/registers/risks/export.csv?likelihood=9").status_code == 400


def test_the_findings_register_shows_age_and_state(client, alice, registers, frozen):
    client.force_login(alice)
    page = rows(client.get("/registers/findings/"))
    assert "移行計画の具体化" in page and "体制の見直し" in page
    assert "33日" in page
    assert '<span class="badge badge--finding-answered">回答済</span>' in page
    answered = rows(client.get("/registers/findings/?status=answered"))
    assert "体制の見直し" in answered and "移行計画の具体化" not in answered


def test_overdue_findings_are_those_past_their_response_date(client, petra, ours, frozen):
    FindingFactory(project=ours, title="督促すべき指摘", response_due_on=datetime.date(2022, 9, 30))
    FindingFactory(project=ours, title="まだ待つ指摘", response_due_on=datetime.date(2022, 10, 30))
    client.force_login(petra)
    page = rows(client.get("/registers/findings/?overdue=true"))
    assert "督促すべき指摘" in page and "まだ待つ指摘" not in page


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/registers/risks/").status_code == 302
    assert client.get("/registers/findings/export.csv").status_code == 302
