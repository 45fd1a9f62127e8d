"""The export for a disclosure request (情報公開請求): a meeting or decision, its related records and documents, each
with its classification, for those who keep the record (the page matrix has every person's status code)."""

import csv
import datetime
import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from dx_portal.attachments import attachment_add
from tests.attachments import PDF
from tests.governance.factories import AgendaItemFactory, CommitteeMeetingFactory, CouncilMeetingFactory, DecisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def meeting(petra):
    meeting = CommitteeMeetingFactory(number=4, title="ステアリング・コミッティ", minutes="議事の経過。",
                                      disclosure="public", minutes_disclosure="partial",
                                      minutes_withholding_ground="personal")
    AgendaItemFactory(meeting=meeting, order=1, title="電子契約の導入", disclosure="public")
    decision = DecisionFactory(meeting=meeting, sequence=1, title="電子契約の導入方針", disclosure="withheld",
                               withholding_ground="deliberation", embargo_until=datetime.date(2022, 10, 1))
    attachment_add(record=decision, actor=petra, upload=SimpleUploadedFile("方針案.pdf", PDF), disclosure="withheld",
                   withholding_ground="deliberation")
    return meeting


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_committee_meeting_lists_its_minutes_agenda_decisions_and_documents(client, petra, meeting):
    client.force_login(petra)
    response = client.get("/governance/committee/4/disclosure.csv")
    assert response["Content-Disposition"] == 'attachment; filename="committee-4-disclosure.csv"'
    header, *rows = _rows(response)
    assert header == ["種類", "記録", "公開区分", "非公開の理由", "公開日", "ファイル名", "形式", "サイズ（バイト）", "SHA-256"]
    assert [row[:5] for row in rows] == [
        ["会議", "第4回 ステアリング・コミッティ", "公開", "", ""],
        ["議事録", "第4回 ステアリング・コミッティ", "一部公開", "個人情報", ""],
        ["議題", "電子契約の導入", "公開", "", ""],
        ["合意事項", "4-1 電子契約の導入方針", "非公開", "審議・検討等情報（意思決定過程）", "2022-10-01"],
        ["添付資料", "合意事項: 4-1 電子契約の導入方針", "非公開", "審議・検討等情報（意思決定過程）", ""],
    ]
    assert rows[-1][5:] == ["方針案.pdf", "application/pdf", str(len(PDF)), hashlib.sha256(PDF).hexdigest()]


def test_the_workbook_holds_the_same_lines(client, carl, meeting):
    client.force_login(carl)
    response = client.get("/governance/decisions/4-1/disclosure.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    lines = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [line[:3] for line in lines] == [
        ["合意事項", "4-1 電子契約の導入方針", "非公開"], ["添付資料", "合意事項: 4-1 電子契約の導入方針", "非公開"]
    ]
    assert lines[1][7] == len(PDF)


def test_a_council_meeting_lists_itself_and_its_minutes(client, petra):
    CouncilMeetingFactory(pk=7, kind="plenary", number=2, title="推進会議", minutes="概要。", disclosure="public")
    client.force_login(petra)
    rows = _rows(client.get("/governance/council/7/disclosure.csv"))[1:]
    assert [row[0] for row in rows] == ["会議", "議事録"]


def test_the_link_shows_to_those_who_keep_the_record_only(client, petra, alice, meeting):
    client.force_login(petra)
    assert "/governance/committee/4/disclosure.xlsx" in client.get("/governance/committee/4/").content.decode()
    assert "/governance/decisions/4-1/disclosure.csv" in client.get("/governance/decisions/4-1/").content.decode()
    client.force_login(alice)
    assert "disclosure.csv" not in client.get("/governance/committee/4/").content.decode()
    assert client.get("/governance/committee/4/disclosure.csv").status_code == 403
