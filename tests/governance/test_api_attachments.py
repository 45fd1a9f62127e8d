"""The records' API lists their attachments: the file's facts, its classification and the download URL, which
serves it only to those who may see the record; never the stored file's path."""


import pytest

from tests.attachments import attach, listed
from tests.governance.factories import CommitteeMeetingFactory, CouncilMeetingFactory, DecisionFactory
from tests.governance.helpers import token_client
from tests.governance.inquiry_factories import InquiryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def test_a_decision_lists_its_attachment_with_its_facts_and_download_url(fiona, petra):
    decision = DecisionFactory()
    DecisionFactory()  # another decision, with none
    attachment = attach(decision, petra)
    body = token_client(fiona).get(f"/api/v1/decisions/{decision.reference}/").json()
    assert body["attachments"] == [listed(attachment, uploaded_at=body["attachments"][0]["uploaded_at"])]
    assert attachment.file.name not in str(body)  # the stored path stays private


@pytest.mark.parametrize(("make", "path"), [
    (CommitteeMeetingFactory, lambda m: f"/api/v1/committee-meetings/{m.number}/"),
    (CouncilMeetingFactory, lambda m: f"/api/v1/council-meetings/{m.pk}/"),
    (InquiryFactory, lambda i: f"/api/v1/inquiries/{i.pk}/"),
])
def test_meetings_and_inquiries_list_theirs_each_in_the_list_too(fiona, petra, make, path):
    record, bare = make(), make()
    attach(record, petra, "議事次第.pdf")
    client = token_client(fiona)
    assert [a["name"] for a in client.get(path(record)).json()["attachments"]] == ["議事次第.pdf"]
    assert client.get(path(bare)).json()["attachments"] == []
    listed = {len(row["attachments"]) for row in client.get(path(record).rsplit("/", 2)[0] + "/").json()["results"]}
    assert listed == {0, 1}


def test_the_public_feed_lists_no_attachment(client, petra):
    decision = DecisionFactory(disclosure="public")
    attach(decision, petra)
    assert "attachments" not in client.get("/api/v1/public/").content.decode()
