"""The records' API lists their attachments: the file's facts, its classification and the download URL, which
serves it only to those who may see the record; never the stored file's path."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dx_portal.attachments import attachment_add
from tests.governance.factories import CommitteeMeetingFactory, CouncilMeetingFactory, DecisionFactory
from tests.governance.helpers import token_client
from tests.governance.inquiry_factories import InquiryFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _attach(record, actor, name="資料.pdf"):
    return attachment_add(record=record, actor=actor, upload=SimpleUploadedFile(name, PDF), disclosure="partial",
                          withholding_ground="personal")


def test_a_decision_lists_its_attachment_with_its_facts_and_download_url(fiona, petra):
    decision = DecisionFactory()
    DecisionFactory()  # another decision, with none
    attachment = _attach(decision, petra)
    body = token_client(fiona).get(f"/api/v1/decisions/{decision.reference}/").json()
    assert body["attachments"] == [{
        "id": attachment.pk, "name": "資料.pdf", "media_type": "application/pdf", "size": len(PDF),
        "sha256": hashlib.sha256(PDF).hexdigest(), "disclosure": "partial", "withholding_ground": "personal",
        "embargo_until": None, "uploaded_at": body["attachments"][0]["uploaded_at"],
        "url": f"http://testserver/attachments/{attachment.pk}/",
    }]
    assert attachment.file.name not in str(body)  # the stored path stays private


@pytest.mark.parametrize(("make", "path"), [
    (CommitteeMeetingFactory, lambda m: f"/api/v1/committee-meetings/{m.number}/"),
    (CouncilMeetingFactory, lambda m: f"/api/v1/council-meetings/{m.pk}/"),
    (InquiryFactory, lambda i: f"/api/v1/inquiries/{i.pk}/"),
])
def test_meetings_and_inquiries_list_theirs_each_in_the_list_too(fiona, petra, make, path):
    record, bare = make(), make()
    _attach(record, petra, "議事次第.pdf")
    client = token_client(fiona)
    assert [a["name"] for a in client.get(path(record)).json()["attachments"]] == ["議事次第.pdf"]
    assert client.get(path(bare)).json()["attachments"] == []
    listed = {len(row["attachments"]) for row in client.get(path(record).rsplit("/", 2)[0] + "/").json()["results"]}
    assert listed == {0, 1}


def test_the_public_feed_lists_no_attachment(client, petra):
    decision = DecisionFactory(disclosure="public")
    _attach(decision, petra)
    assert "attachments" not in client.get("/api/v1/public/").content.decode()
