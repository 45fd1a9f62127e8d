"""Every CSV and Excel export neutralises text a spreadsheet would run as a formula (OWASP "CSV injection"):
a cell starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe and stays text.
Numbers stay numbers, a negative one included, so that sums and machine readers still work."""

import csv
import datetime
import io

import pytest
from frictionless import Resource, Schema
from openpyxl import load_workbook

from governance.models import MunicipalDxStatus
from tests.governance.factories import MunicipalDxStatusFactory, MunicipalityFactory
from tests.kpis.factories import IndicatorFactory, ObservationFactory
from tests.projects.factories import FindingFactory, MilestoneFactory, ProjectFactory, ProjectIssueFactory

FORMULAS = ['=HYPERLINK("http://evil.example","開く")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]
IDS = ["equals", "plus", "minus", "at", "tab", "carriage-return"]


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def in_a_workbook(text: str) -> str:
    """Text as a workbook gives it back: XML reads a carriage return as a line feed."""
    return text.replace("\r", "\n")


def sheet_rows(response, sheet=None) -> list[dict]:
    book = load_workbook(io.BytesIO(response.content))
    header, *rows = (book[sheet] if sheet else book.active).iter_rows()
    return [{title.value: cell for title, cell in zip(header, row, strict=True)} for row in rows]


@pytest.fixture
def as_carl(client, carl):
    client.force_login(carl)
    return client


# --- the portfolio -------------------------------------------------------------------------------------


@pytest.mark.parametrize("formula", FORMULAS, ids=IDS)
def test_a_project_name_that_looks_like_a_formula_is_text_in_the_portfolio_csv(as_carl, division, formula):
    ProjectFactory(code="DX-1", division=division, name=formula)
    [row] = csv_rows(as_carl.get("/portfolio/export.csv"))
    assert row["案件名"] == "'" + formula


@pytest.mark.parametrize("formula", FORMULAS, ids=IDS)
def test_a_project_name_that_looks_like_a_formula_is_text_in_the_portfolio_workbook(as_carl, division, formula):
    ProjectFactory(code="DX-1", division=division, name=formula)
    [row] = sheet_rows(as_carl.get("/portfolio/export.xlsx"), "ポートフォリオ")
    assert (row["案件名"].value, row["案件名"].data_type) == (in_a_workbook("'" + formula), "s")


def test_a_milestone_running_late_keeps_its_negative_slippage_a_number_in_both_exports(as_carl, division):
    project = ProjectFactory(code="DX-1", division=division)
    late = {"planned_on": datetime.date(2030, 11, 10), "forecast_on": datetime.date(2030, 11, 1)}
    MilestoneFactory(project=project, name="-本番稼働", **late)
    [row] = csv_rows(as_carl.get("/portfolio/export.csv"))
    assert (row["次のマイルストーン"], row["遅延日数"]) == ("'-本番稼働", "-9")
    [row] = sheet_rows(as_carl.get("/portfolio/export.xlsx"), "ポートフォリオ")
    assert (row["遅延日数"].value, row["遅延日数"].data_type) == (-9, "n")


def test_a_search_that_looks_like_a_formula_is_text_on_the_workbooks_conditions_sheet(as_carl, division):
    search = '=HYPERLINK("http://evil.example","開く")'
    ProjectFactory(code="DX-1", division=division, name=search)
    book = load_workbook(io.BytesIO(as_carl.get("/portfolio/export.xlsx", {"search": search}).content))
    conditions = {label.value: value for label, value in book["出力条件"].iter_rows()}
    assert (conditions["キーワード"].value, conditions["キーワード"].data_type) == ("'" + search, "s")


# --- the registers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("formula", FORMULAS, ids=IDS)
def test_an_issue_title_and_owner_that_look_like_formulas_are_text_in_the_risk_register(as_carl, division, formula):
    ProjectIssueFactory(project=ProjectFactory(code="DX-1", division=division), title=formula, owner=formula)
    [row] = csv_rows(as_carl.get("/registers/risks/export.csv"))
    assert (row["件名"], row["担当"]) == ("'" + formula, "'" + formula)
    [row] = sheet_rows(as_carl.get("/registers/risks/export.xlsx"))
    assert (row["件名"].value, row["件名"].data_type) == (in_a_workbook("'" + formula), "s")


def test_a_finding_title_that_looks_like_a_formula_is_text_in_the_findings_register(as_carl, division):
    FindingFactory(project=ProjectFactory(code="DX-1", division=division), title="=1+1")
    [row] = csv_rows(as_carl.get("/registers/findings/export.csv"))
    assert row["件名"] == "'=1+1"
    assert row["経過日数"] == "0"


# --- the municipal DX matrix ----------------------------------------------------------------------------


@pytest.fixture
def yokohama(db):
    return MunicipalityFactory(code="141003", name="横浜市", kind="designated_city")


NOTE = "自治体の情報システムの標準化・共通化 備考"


@pytest.mark.parametrize("formula", FORMULAS, ids=IDS)
def test_a_dx_status_note_that_looks_like_a_formula_is_text_in_the_matrix_csv(client, alice, yokohama, formula):
    MunicipalDxStatusFactory(municipality=yokohama, focus_area=MunicipalDxStatus.FocusArea.STANDARDISATION, note=formula)
    client.force_login(alice)
    [row] = csv_rows(client.get("/governance/dx-status/export.csv"))
    assert (row["団体コード"], row[NOTE]) == ("141003", "'" + formula)


@pytest.mark.parametrize("formula", FORMULAS, ids=IDS)
def test_a_dx_status_note_that_looks_like_a_formula_is_text_in_the_matrix_workbook(client, alice, yokohama, formula):
    MunicipalDxStatusFactory(municipality=yokohama, focus_area=MunicipalDxStatus.FocusArea.STANDARDISATION, note=formula)
    client.force_login(alice)
    [row] = sheet_rows(client.get("/governance/dx-status/export.xlsx"))
    assert (row[NOTE].value, row[NOTE].data_type) == (in_a_workbook("'" + formula), "s")


# --- the KPI observations feed ------------------------------------------------------------------------------


FEED = "/api/v1/kpis/rpa-tasks/observations/"


@pytest.mark.parametrize("formula", FORMULAS, ids=IDS)
@pytest.mark.parametrize("column", ["note", "source_document", "source_meeting_or_survey"])
def test_a_note_or_source_that_looks_like_a_formula_is_text_in_the_kpi_csv(client, db, formula, column):
    ObservationFactory(indicator=IndicatorFactory(code="rpa-tasks"), value=16, **{column: formula})
    [row] = csv_rows(client.get(FEED, {"format": "csv"}))
    assert row[column] == "'" + formula
    assert (row["indicator_code"], row["fiscal_year"], row["value"], row["as_of"]) == ("rpa-tasks", "2021", "16", "2022-03-31")


def test_the_kpi_json_feed_gives_the_note_as_it_was_typed(client, db):
    ObservationFactory(indicator=IndicatorFactory(code="rpa-tasks"), note="=1+1")
    assert client.get(FEED).json()["results"][0]["note"] == "=1+1"


def test_a_kpi_csv_with_neutralised_text_of_the_longest_length_validates_against_the_published_schema(client, db, tmp_path):
    ObservationFactory(indicator=IndicatorFactory(code="rpa-tasks"), note="=" * 300, source_page="-" * 20)
    (tmp_path / "feed.csv").write_bytes(client.get(FEED, {"format": "csv"}).content)
    schema = Schema.from_descriptor(client.get("/api/v1/kpis/observations.schema.json").json())
    report = Resource(path="feed.csv", basepath=str(tmp_path), schema=schema).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
