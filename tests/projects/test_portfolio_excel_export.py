"""/portfolio/export.xlsx: the filtered table as an Excel workbook with Japanese headers and 和暦 dates."""

import datetime
import io

import openpyxl
import pytest
import time_machine

from dx_portal.exports import WAREKI_FORMAT
from projects.models import Health
from projects.portfolio.columns import COLUMNS, Kind
from projects.services import status_report_submit
from tests.projects.factories import MilestoneFactory, ProjectFactory

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


@pytest.fixture
def project(petra, division):
    project = ProjectFactory(code="DX-1", name="電子申請システム", division=division, budget_yen=1_314_563_000)
    status_report_submit(
        project=project,
        actor=petra,
        as_of=datetime.date(2022, 9, 30),
        health=Health.RED,
        schedule_health=Health.RED,
        cost_health=Health.YELLOW,
        scope_health=Health.GREEN,
        quality_health=Health.GREEN,
        planned_progress=50,
        actual_progress=30,
        summary="移行が遅れている。",
    )
    MilestoneFactory(project=project, name="本番稼働", planned_on=datetime.date(2023, 1, 4))
    return project


def workbook(response) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_it_downloads_a_workbook_with_japanese_headers_and_a_frozen_header_row(cio, project):
    response = cio.get("/portfolio/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="portfolio-20221004.xlsx"'
    sheet = workbook(response)["ポートフォリオ"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:6] == ["案件コード", "案件名", "局", "所属", "フェーズ", "健全度"]
    assert "最終報告基準日" in headers and "予算額（円）" in headers
    assert sheet[1][0].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 40


def test_dates_are_date_cells_shown_in_the_japanese_era_and_yen_are_whole_numbers_with_grouping(cio, project):
    sheet = workbook(cio.get("/portfolio/export.xlsx"))["ポートフォリオ"]
    headers = [cell.value for cell in sheet[1]]
    row = {header: cell for header, cell in zip(headers, sheet[2], strict=True)}
    assert row["最終報告基準日"].value == datetime.datetime(2022, 9, 30)
    assert row["計画日"].value == datetime.datetime(2023, 1, 4)
    assert row["計画日"].is_date and row["計画日"].number_format == WAREKI_FORMAT
    assert row["予算額（円）"].value == 1_314_563_000
    assert row["予算額（円）"].number_format == "#,##0"
    assert (row["健全度"].value, row["コスト"].value, row["案件名"].value) == ("遅延", "注意", "電子申請システム")
    assert row["実績進捗率（%）"].value == 30


def test_every_date_column_holds_date_cells_that_excel_sorts_and_filters_as_dates(cio, project, division):
    ProjectFactory(code="DX-2", division=division)  # never reported, no milestone: empty date cells
    sheet = workbook(cio.get("/portfolio/export.xlsx"))["ポートフォリオ"]
    dated = [index for index, column in enumerate(COLUMNS) if column.kind == Kind.DATE]
    assert [sheet[1][index].value for index in dated] == ["最終報告基準日", "計画日"]
    cells = [row[index] for row in sheet.iter_rows(min_row=2) for index in dated]
    assert [cell.value for cell in cells] == [datetime.datetime(2022, 9, 30), datetime.datetime(2023, 1, 4), None, None]
    assert all(cell.is_date and cell.number_format == WAREKI_FORMAT for cell in cells if cell.value is not None)


def test_a_name_that_looks_like_a_formula_is_made_inert(cio, division):
    ProjectFactory(code="DX-1", name='=WEBSERVICE("http://evil")', division=division)
    sheet = workbook(cio.get("/portfolio/export.xlsx"))["ポートフォリオ"]
    assert sheet["B2"].value == '\'=WEBSERVICE("http://evil")'
    assert sheet["B2"].data_type == "s"


def test_a_second_sheet_says_when_it_was_made_and_with_which_filters(cio, project, other_division):
    ProjectFactory(code="WA-1", division=other_division)
    book = workbook(cio.get("/portfolio/export.xlsx?bureau=policy&health=red&stale=false"))
    assert [row[0].value for row in book["ポートフォリオ"].iter_rows(min_row=2)] == ["DX-1"]
    about = {row[0].value: row[1].value for row in book["出力条件"].iter_rows()}
    assert about == {
        "出力日": datetime.datetime(2022, 10, 4), "件数": 1, "局": "政策局", "健全度": "遅延", "報告遅延": "報告遅延でない案件"
    }
    assert book["出力条件"]["B1"].number_format == WAREKI_FORMAT


def test_the_conditions_sheet_names_the_order_of_the_rows(cio, project):
    book = workbook(cio.get("/portfolio/export.xlsx?ordering=-budget_yen"))
    about = {row[0].value: row[1].value for row in book["出力条件"].iter_rows()}
    assert about["並び順"] == "予算額（多い順）"


def test_an_invalid_filter_is_refused(cio, project):
    assert cio.get("/portfolio/export.xlsx?phase=someday").status_code == 400
