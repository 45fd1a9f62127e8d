"""Issuing a meeting pack (services.pack_issue): PMO only, numbered versions, recorded in the history, and an issued
row that cannot be changed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import IssuedPack
from governance.packs import pack_json, sha256
from governance.services import pack_issue
from tests.governance.factories import AgendaItemFactory, CommitteeMeetingFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2022, 10, 4)


@pytest.fixture
def meeting():
    meeting = CommitteeMeetingFactory(number=4, title="令和4年度第2回ステアリング・コミッティ")
    AgendaItemFactory(meeting=meeting, title="電子契約の導入")
    return meeting


@pytest.mark.parametrize("person", ["alice", "mallory", "dana", "carl", "audrey"])
def test_only_pmo_issues(request, meeting, person):
    with pytest.raises(PermissionDenied):
        pack_issue(meeting=meeting, actor=request.getfixturevalue(person), today=TODAY)
    assert not IssuedPack.objects.exists()


def test_each_issue_is_the_next_version_with_its_digests_and_history(meeting, petra):
    first = pack_issue(meeting=meeting, actor=petra, today=TODAY)
    second = pack_issue(meeting=meeting, actor=petra, today=TODAY)
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.data["title"] == meeting.title and first.data["agenda"][0]["title"] == "電子契約の導入"
    assert first.data_sha256 == sha256(pack_json(first.data))
    assert first.xlsx_sha256 == sha256(bytes(first.xlsx))
    assert first.pdf_sha256 == (sha256(bytes(first.pdf)) if first.pdf else "")
    assert first.history.get().history_user == petra


def test_an_issued_pack_cannot_be_changed(meeting, petra):
    issued = pack_issue(meeting=meeting, actor=petra, today=TODAY)
    issued.data = {"title": "改ざん"}
    with pytest.raises(ValidationError):
        issued.save()
    assert IssuedPack.objects.get().data["title"] == meeting.title
