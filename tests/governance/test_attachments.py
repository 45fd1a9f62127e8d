"""Attachments: checked by content, served only through the record's visibility, never a public URL, kept in
history, and absent from the public feed."""

import datetime
import io
import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from rest_framework.test import APIClient

from dx_portal.attachments import Attachment, attachment_add
from dx_portal.disclosure import Disclosure
from tests.attachments import PDF
from tests.governance.factories import CouncilMeetingFactory, DecisionFactory
from tests.governance.helpers import token_client
from tests.governance.inquiry_factories import InquiryFactory
from tests.projects.factories import FindingFactory, ProjectFactory, StatusReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _upload(name="資料.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


def test_pmo_attaches_a_pdf_to_a_decision_and_everyone_who_sees_it_downloads_it(client, petra, alice):
    decision = DecisionFactory()
    client.force_login(petra)
    page = client.get(f"/governance/decisions/{decision.reference}/").content.decode()
    assert "資料を添付する" in page
    url = page.split('href="/attachments/new/')[1].split('"')[0].replace("&amp;", "&")
    response = client.post(
        f"/attachments/new/{url}", {"file": _upload(), "disclosure": "public", "next": "/governance/decisions/"}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.name, attachment.media_type, attachment.uploaded_by) == ("資料.pdf", "application/pdf", petra)
    assert attachment.record == decision
    assert not attachment.file.name.endswith("資料.pdf")  # stored under a random name

    client.force_login(alice)
    assert "資料.pdf" in client.get(f"/governance/decisions/{decision.reference}/").content.decode()
    download = client.get(f"/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"


def test_an_attachment_on_a_record_one_may_not_see_is_404(client, charlie, alice):
    report = StatusReportFactory(project=ProjectFactory(division=alice.division_memberships.get().division))
    attachment = attachment_add(record=report, actor=alice, upload=_upload())
    client.force_login(charlie)  # staff of another division: the project is not there for him
    assert client.get(f"/attachments/{attachment.pk}/").status_code == 404
    client.force_login(alice)
    assert client.get(f"/attachments/{attachment.pk}/").status_code == 200


def test_a_visitor_is_sent_to_log_in_and_an_unknown_attachment_is_404(client, alice, petra):
    attachment = attachment_add(record=InquiryFactory(), actor=petra, upload=_upload())
    assert client.get(f"/attachments/{attachment.pk}/").status_code == 302
    client.force_login(alice)
    assert client.get("/attachments/999999/").status_code == 404


def test_division_staff_may_read_a_decision_but_not_attach_to_it(client, alice):
    decision = DecisionFactory()
    client.force_login(alice)
    url = f"/attachments/new/{ContentType.objects.get_for_model(decision).pk}/{decision.pk}/"
    assert client.get(url).status_code == 403
    assert "資料を添付する" not in client.get(f"/governance/decisions/{decision.reference}/").content.decode()


@pytest.mark.parametrize(("name", "content"), [
    ("report.pdf", b"MZ\x90\x00 an executable renamed"),
    ("page.html", b"<html><script>alert(1)</script></html>"),
    ("sheet.xlsx", PDF),
    ("data.csv", b"a,b\x00,c"),
])
def test_a_file_whose_content_is_not_what_we_take_is_refused(petra, name, content):
    with pytest.raises(ValidationError) as refused:
        attachment_add(record=CouncilMeetingFactory(), actor=petra, upload=_upload(name, content))
    assert "file" in refused.value.message_dict
    assert not Attachment.objects.exists()


def test_csv_office_and_images_are_taken(petra):
    meeting = CouncilMeetingFactory()
    for name, content in [
        ("名簿.csv", "団体,回答\n横浜市,済\n".encode("cp932")),
        ("資料.xlsx", _workbook()),
        ("写真.png", b"\x89PNG\r\n\x1a\n...."),
        ("旧様式.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1...."),
    ]:
        attachment_add(record=meeting, actor=petra, upload=_upload(name, content))
    assert Attachment.objects.count() == 4


def _workbook() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def test_a_zip_that_is_no_office_document_is_refused(petra):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ")
    with pytest.raises(ValidationError):
        attachment_add(record=CouncilMeetingFactory(), actor=petra, upload=_upload("表.xlsx", buffer.getvalue()))


def test_a_file_over_the_size_limit_is_refused(settings, petra):
    settings.ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        attachment_add(record=CouncilMeetingFactory(), actor=petra, upload=_upload())


def test_an_edit_of_the_record_keeps_its_attachments_and_the_history_lists_them(client, petra):
    meeting = CouncilMeetingFactory(minutes="議事概要")
    attachment = attachment_add(record=meeting, actor=petra, upload=_upload())
    client.force_login(petra)
    client.post(f"/governance/council/{meeting.pk}/edit/", {
        "kind": meeting.kind, "number": meeting.number, "held_on": meeting.held_on.isoformat(), "title": "改題",
        "minutes": "", "version": meeting.version,
    })
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert attachment.history.get().history_user == petra


def test_an_attachment_on_a_non_public_decision_is_absent_from_the_public_feed(petra, fiona):
    withheld = DecisionFactory(reference="8-1")
    attachment_add(record=withheld, actor=petra, upload=_upload(), disclosure=Disclosure.PUBLIC)
    assert b"8-1" not in APIClient().get("/api/v1/public/").content
    assert b"attachments" not in APIClient().get("/api/v1/public/").content
    # A token that cannot read governance records gets no attachment either: there is no API path to one.
    assert token_client(fiona, scopes=("kpi:read",)).get(f"/attachments/{Attachment.objects.get().pk}/").status_code in (
        302, 404
    )


def test_the_embargo_of_an_attachment_is_its_own(petra):
    attachment = attachment_add(
        record=DecisionFactory(), actor=petra, upload=_upload(), disclosure=Disclosure.PUBLIC,
        embargo_until=datetime.date(2022, 10, 20),
    )
    assert not attachment.is_disclosed(datetime.date(2022, 10, 19))
    assert attachment.is_disclosed(datetime.date(2022, 10, 20))


def test_it_reads_a_big_upload_in_chunks(petra):
    content = PDF + b"0" * (3 * 1024 * 1024)
    attachment = attachment_add(record=CouncilMeetingFactory(), actor=petra, upload=_upload("big.pdf", content))
    assert attachment.size == len(content)
    assert len(io.BytesIO(attachment.file.read()).getvalue()) == len(content)


def test_the_division_attaches_to_its_finding_from_the_answer_page(client, alice, petra):
    finding = FindingFactory(project=ProjectFactory(code="DX-9", division=alice.division_memberships.get().division))
    client.force_login(alice)
    page = client.get(f"/projects/DX-9/findings/{finding.pk}/answer/").content.decode()
    assert "資料を添付する" in page
    attachment = attachment_add(record=finding, actor=alice, upload=_upload("回答資料.pdf"))
    assert "回答資料.pdf" in client.get(f"/projects/DX-9/findings/{finding.pk}/answer/").content.decode()
    client.force_login(petra)
    assert client.get(f"/attachments/{attachment.pk}/").status_code == 200


def test_dropping_an_agenda_item_keeps_its_documents_on_the_meeting(client, petra, division):
    from governance.services import committee_meeting_record, committee_meeting_update

    rows = [{"title": title, "kind": "report", "presenter": division, "disclosure": "public", "withholding_ground": "",
             "embargo_until": None} for title in ("電子契約の導入", "次期KSCへの移行")]
    meeting = committee_meeting_record(
        actor=petra, number=7, held_on=datetime.date(2022, 9, 13), title="第7回", agenda_items=rows
    )
    dropped = meeting.agenda_items.get(title="電子契約の導入")
    attachment = attachment_add(record=dropped, actor=petra, upload=_upload("契約資料.pdf"))
    kept = meeting.agenda_items.get(title="次期KSCへの移行")
    committee_meeting_update(
        meeting=meeting, actor=petra, expected_version=1, number=7, held_on=meeting.held_on, title="第7回",
        agenda_items=[{**rows[1], "pk": kept.pk}],
    )
    attachment.refresh_from_db()
    assert attachment.record == meeting
    client.force_login(petra)
    page = client.get("/governance/committee/7/").content.decode()
    assert "契約資料.pdf" in page and not meeting.agenda_items.filter(title="電子契約の導入").exists()
    assert [row.history_user for row in attachment.history.all()] == [petra, petra]
