"""The municipal DX status matrix: 6 focus areas per municipality, a legend and counts, a kind filter,
CSV and Excel exports that match the screen, each cell's history, and the secretariat's form."""

import csv
import datetime
import io

import pytest
import time_machine
from openpyxl import load_workbook

from dx_portal.exports import WAREKI_FORMAT
from governance.models import MunicipalDxStatus, Municipality
from governance.services import municipal_dx_status_set
from tests.governance.factories import MunicipalDxStatusFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db
Area, Status = MunicipalDxStatus.FocusArea, MunicipalDxStatus.Status


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2022, 10, 4, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def yokohama(db):
    city = MunicipalityFactory(code="141003", name="横浜市", kind=Municipality.Kind.DESIGNATED_CITY)
    for area in Area.values:
        MunicipalDxStatusFactory(municipality=city, focus_area=area, status=Status.IN_PROGRESS)
    MunicipalDxStatus.objects.filter(municipality=city, focus_area=Area.SECURITY).update(status=Status.DONE)
    return city


@pytest.fixture
def kiyokawa(db):
    village = MunicipalityFactory(code="144029", name="清川村", kind=Municipality.Kind.VILLAGE)
    MunicipalDxStatusFactory(municipality=village, focus_area=Area.MY_NUMBER_CARD, status=Status.NOT_STARTED)
    return village


def test_the_matrix_shows_each_cell_in_words_with_a_legend_and_counts(client, alice, yokohama, kiyokawa):
    MunicipalityFactory(code="140007", name="神奈川県", kind=Municipality.Kind.PREFECTURE)
    client.force_login(alice)
    response = client.get("/governance/dx-status/")
    text = response.text
    assert "自治体の情報システムの標準化・共通化" in text and "セキュリティ対策の徹底" in text
    assert "凡例" in text
    matrix = response.context["matrix"]
    assert [row.municipality.name for row in matrix.rows] == ["横浜市", "清川村"]
    assert {value: count for value, _label, count in matrix.counts} == {
        "not_started": 1, "planning": 0, "in_progress": 5, "done": 1,
    }
    assert matrix.unset == 5
    assert '<span class="badge badge--green">完了</span>' in text and "未登録" in text


def test_the_kind_filter_narrows_the_matrix_and_its_counts(client, alice, yokohama, kiyokawa):
    client.force_login(alice)
    matrix = client.get("/governance/dx-status/", {"kind": "village"}).context["matrix"]
    assert [row.municipality.name for row in matrix.rows] == ["清川村"]
    assert sum(count for _v, _l, count in matrix.counts) == 1


def test_the_csv_export_is_utf8_with_a_bom_and_matches_the_filter(client, alice, yokohama, kiyokawa):
    client.force_login(alice)
    response = client.get("/governance/dx-status/export.csv", {"kind": "designated_city"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["団体コード", "団体名", "区分", "自治体の情報システムの標準化・共通化 対応状況"]
    assert [r[1] for r in rows[1:]] == ["横浜市"]
    assert rows[1][3:5] == ["実施中", "2022-09-30"]


@pytest.mark.parametrize("note", ["=HYPERLINK(\"http://example.com\")", "+1", "-1+2", "@SUM(A1)"])
def test_exports_neutralise_cells_that_a_spreadsheet_would_run_as_formulas(client, alice, yokohama, note):
    MunicipalDxStatus.objects.filter(municipality=yokohama, focus_area=Area.STANDARDISATION).update(note=note)
    client.force_login(alice)
    rows = list(csv.reader(io.StringIO(client.get("/governance/dx-status/export.csv").content.decode("utf-8-sig"))))
    assert rows[1][5] == f"'{note}"
    sheet = load_workbook(io.BytesIO(client.get("/governance/dx-status/export.xlsx").content)).active
    cell = sheet.cell(row=2, column=6)
    assert (cell.value, cell.data_type) == (f"'{note}", "s")


def test_the_excel_export_has_japanese_headers_and_era_dates(client, alice, yokohama):
    client.force_login(alice)
    response = client.get("/governance/dx-status/export.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="dx-status-20221004.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:4] == ["団体コード", "団体名", "区分", "自治体の情報システムの標準化・共通化 対応状況"]
    assert [c.value for c in sheet[2]][:5] == ["141003", "横浜市", "政令指定都市", "実施中", datetime.datetime(2022, 9, 30)]
    assert sheet[1][0].font.bold and sheet.freeze_panes == "D2"


def test_every_date_column_of_the_excel_export_holds_date_cells_in_the_japanese_era(client, alice, yokohama, kiyokawa):
    client.force_login(alice)
    sheet = load_workbook(io.BytesIO(client.get("/governance/dx-status/export.xlsx").content)).active
    dated = [index for index, cell in enumerate(sheet[1]) if cell.value.endswith("基準日")]
    assert len(dated) == len(Area)
    cells = [row[index] for row in sheet.iter_rows(min_row=2) for index in dated]
    assert any(cell.value is not None for cell in cells)
    assert all(cell.is_date and cell.number_format == WAREKI_FORMAT for cell in cells if cell.value is not None)
    # The CSV keeps ISO 8601.
    rows = list(csv.reader(io.StringIO(client.get("/governance/dx-status/export.csv").content.decode("utf-8-sig"))))
    assert {rows[1][index] for index in dated} - {""} == {"2022-09-30"}


def test_an_unknown_export_format_is_not_found(client, alice):
    client.force_login(alice)
    assert client.get("/governance/dx-status/export.pdf").status_code == 404


def test_a_cell_page_shows_its_history_with_who_changed_what(client, petra, alice, yokohama):
    municipal_dx_status_set(
        municipality=yokohama, focus_area=Area.AI_RPA, actor=petra, expected_version=1, status=Status.DONE,
        note="全庁展開を完了", as_of=datetime.date(2022, 9, 30),
    )
    client.force_login(alice)
    response = client.get("/governance/dx-status/141003/ai_rpa/")
    assert response.status_code == 200
    text = response.text
    assert "横浜市：AI・RPAの利用推進" in text
    assert "実施中 → 完了" in text and "全庁展開を完了" in text
    assert 'name="status"' not in text


@pytest.mark.parametrize("url", ["/governance/dx-status/140007/ai_rpa/", "/governance/dx-status/141003/blockchain/"])
def test_the_prefecture_and_unknown_areas_have_no_cell(client, alice, yokohama, url):
    MunicipalityFactory(code="140007", name="神奈川県", kind=Municipality.Kind.PREFECTURE)
    client.force_login(alice)
    assert client.get(url).status_code == 404


SETTERS = [("petra", True), ("carl", False), ("alice", False), ("dana", False), ("audrey", False)]


@pytest.mark.parametrize("person, may_set", SETTERS)
def test_only_the_secretariat_sets_a_cell(client, request, kiyokawa, person, may_set):
    client.force_login(request.getfixturevalue(person))
    assert ('name="status"' in client.get("/governance/dx-status/144029/telework/").text) is may_set
    response = client.post(
        "/governance/dx-status/144029/telework/", {"status": "planning", "note": "試行を検討", "as_of": "2022-10-01"}
    )
    assert response.status_code == (302 if may_set else 403)
    assert MunicipalDxStatus.objects.filter(municipality=kiyokawa, focus_area=Area.TELEWORK).exists() is may_set


def test_a_future_date_is_refused_at_the_field_with_the_note_kept(client, petra, kiyokawa):
    client.force_login(petra)
    response = client.post(
        "/governance/dx-status/144029/telework/", {"status": "planning", "note": "入力した備考", "as_of": "2022-10-05"}
    )
    assert response.status_code == 200
    assert 'id="id_as_of_error"' in response.text and "入力した備考" in response.text
    assert not MunicipalDxStatus.objects.filter(focus_area=Area.TELEWORK).exists()


def test_a_cell_changed_meanwhile_is_not_overwritten(client, petra, paul, kiyokawa):
    client.force_login(petra)
    assert 'name="version" value="1"' in client.get("/governance/dx-status/144029/my_number_card/").text
    municipal_dx_status_set(
        municipality=kiyokawa, focus_area=Area.MY_NUMBER_CARD, actor=paul, expected_version=1,
        status=Status.PLANNING, note="CIOの入力", as_of=datetime.date(2022, 9, 30),
    )
    response = client.post(
        "/governance/dx-status/144029/my_number_card/",
        {"status": "done", "note": "PMOの入力", "as_of": "2022-10-01", "version": "1"},
    )
    assert response.status_code == 200
    assert "CIOの入力" in response.text and "PMOの入力" in response.text
    assert MunicipalDxStatus.objects.get(municipality=kiyokawa).note == "CIOの入力"


@pytest.mark.parametrize("size", [1, 6])
def test_the_matrix_and_its_exports_run_a_fixed_number_of_queries(client, alice, size, django_assert_num_queries):
    for city in MunicipalityFactory.create_batch(size):
        for area in Area.values[:4]:
            MunicipalDxStatusFactory(municipality=city, focus_area=area)
    client.force_login(alice)
    with django_assert_num_queries(6):  # with the header's counts
        assert client.get("/governance/dx-status/").status_code == 200
    with django_assert_num_queries(5):
        assert client.get("/governance/dx-status/export.xlsx").status_code == 200
