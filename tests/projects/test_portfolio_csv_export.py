"""/portfolio/export.csv: the filtered table, every row, in the page's order, for Excel (UTF-8 with BOM)."""

import csv
import datetime
import io

import pytest
import time_machine

from projects.models import Health, Project
from projects.services import status_report_submit
from tests.projects.factories import MilestoneFactory, ProjectFactory, ProjectIssueFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    # 09:00 in Tokyo.
    with time_machine.travel(datetime.datetime(2022, 10, 4, 0, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def cio(client, carl):
    client.force_login(carl)
    return client


def read(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_it_downloads_as_a_csv_file_that_excel_opens_with_japanese_text(cio, petra, division):
    project = ProjectFactory(code="DX-1", name="電子申請システム", division=division, budget_yen=120_000_000)
    status_report_submit(
        project=project,
        actor=petra,
        as_of=datetime.date(2022, 9, 30),
        health=Health.YELLOW,
        schedule_health=Health.RED,
        cost_health=Health.GREEN,
        scope_health=Health.GREEN,
        quality_health=Health.GREEN,
        planned_progress=50,
        actual_progress=42,
        summary="設計レビューで指摘が多い。",
    )
    ProjectIssueFactory(project=project, severity="critical")
    MilestoneFactory(
        project=project, name="設計完了", planned_on=datetime.date(2022, 11, 1), forecast_on=datetime.date(2022, 10, 28)
    )
    response = cio.get("/portfolio/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="portfolio-20221004.csv"'
    assert response.content.startswith("\ufeff".encode())
    [row] = read(response)
    assert row == {
        "案件コード": "DX-1",
        "案件名": "電子申請システム",
        "局": "政策局",
        "所属": "デジタル戦略本部室",
        "フェーズ": "設計・開発",
        "健全度": "注意",
        "PMO評価": "",
        "PMO確認": "未確認",
        "スケジュール": "遅延",
        "コスト": "順調",
        "スコープ": "順調",
        "品質": "順調",
        "前回比": "",
        "計画進捗率（%）": "50",
        "実績進捗率（%）": "42",
        "予算額（円）": "120000000",
        "執行額（円）": "30000000",
        "最終報告基準日": "2022-09-30",
        "報告からの日数": "4",
        "報告状況": "最新",
        "督促の連絡先": "",
        "未解決課題（重大）": "1",
        "未解決課題（高）": "0",
        "未解決課題（中）": "0",
        "未解決課題（低）": "0",
        "回答待ちの指摘": "0",
        "次のマイルストーン": "設計完了",
        "計画日": "2022-11-01",
        "遅延日数": "-4",
    }


def test_it_holds_every_filtered_row_not_one_page_in_the_pages_order(cio, division, other_division):
    Project.objects.bulk_create(
        ProjectFactory.build(code=f"P{n:03d}", division=division if n % 2 else other_division, budget_yen=n) for n in range(230)
    )
    exported = read(cio.get("/portfolio/export.csv?bureau=policy&ordering=-budget_yen&page=2"))
    assert len(exported) == 115
    assert [row["案件コード"] for row in exported[:3]] == ["P229", "P227", "P225"]
    assert {row["局"] for row in exported} == {"政策局"}


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_made_inert(cio, division):
    for code, name in (("A", '=HYPERLINK("http://evil")'), ("B", "+1+1"), ("C", "-2+3"), ("D", "@SUM(A1)"), ("E", "普通の名前")):
        ProjectFactory(code=code, name=name, division=division)
    names = [row["案件名"] for row in read(cio.get("/portfolio/export.csv"))]
    assert names == ['\'=HYPERLINK("http://evil")', "'+1+1", "'-2+3", "'@SUM(A1)", "普通の名前"]


def test_negative_numbers_stay_numbers(cio, division):
    project = ProjectFactory(code="DX-1", division=division)
    MilestoneFactory(project=project, planned_on=datetime.date(2022, 11, 10), forecast_on=datetime.date(2022, 11, 1))
    [row] = read(cio.get("/portfolio/export.csv"))
    assert row["遅延日数"] == "-9"


def test_an_invalid_filter_is_refused_rather_than_exporting_everything(cio, division):
    ProjectFactory(division=division)
    response = cio.get("/portfolio/export.csv?health=purple")
    assert response.status_code == 400
    assert "health" in response.content.decode() and "purple" in response.content.decode()


def test_a_director_exports_only_their_bureau(client, dana, division, other_division):
    ProjectFactory(code="DX-1", division=division)
    ProjectFactory(code="WA-1", division=other_division)
    client.force_login(dana)
    assert [row["案件コード"] for row in read(client.get("/portfolio/export.csv"))] == ["DX-1"]


def test_the_file_is_japanese_even_when_the_interface_is_english(cio, division):
    ProjectFactory(code="DX-1", division=division)
    cio.post("/i18n/setlang/", {"language": "en", "next": "/portfolio/"})
    header = cio.get("/portfolio/export.csv").content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("案件コード,案件名,局,所属,フェーズ,健全度")
