"""council_meeting_record / council_meeting_update: the council secretariat records its meetings."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dx_portal.errors import StaleVersionError
from governance.models import CouncilMeeting
from governance.services import council_meeting_record, council_meeting_update
from tests.governance.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

MEETING = dict(
    kind=CouncilMeeting.Kind.WORKING, number=1, held_on=datetime.date(2022, 2, 17),
    title="担当者会議（第1回）", agenda="各団体の対応状況の共有", minutes="標準化の課題を共有した。",
    follow_ups="対応状況を半年ごとに照会する。",
)


@pytest.mark.parametrize("person", ["petra", "paul"])
def test_the_secretariat_records_a_meeting_with_its_attending_members(request, person):
    members = [MunicipalityFactory(code="141003", name="横浜市"), MunicipalityFactory(code="144029", name="清川村")]
    meeting = council_meeting_record(actor=request.getfixturevalue(person), attendees=members, **MEETING)
    assert set(meeting.attendees.all()) == set(members)
    assert meeting.follow_ups == "対応状況を半年ごとに照会する。"


@pytest.mark.parametrize("person", ["alice", "charlie", "dana", "audrey", "fiona", "nobody"])
def test_others_do_not_record_council_meetings(request, person):
    with pytest.raises(PermissionDenied):
        council_meeting_record(actor=request.getfixturevalue(person), **MEETING)
    assert not CouncilMeeting.objects.exists()


def test_each_kind_numbers_its_meetings_once(petra):
    council_meeting_record(actor=petra, **MEETING)
    council_meeting_record(actor=petra, **{**MEETING, "kind": CouncilMeeting.Kind.PLENARY})
    with pytest.raises(ValidationError):
        council_meeting_record(actor=petra, **MEETING)


def test_a_stale_update_is_refused(petra, paul):
    meeting = council_meeting_record(actor=petra, **MEETING)
    council_meeting_update(meeting=meeting, actor=paul, expected_version=1, **{**MEETING, "minutes": "追記"})
    with pytest.raises(StaleVersionError):
        council_meeting_update(meeting=meeting, actor=petra, expected_version=1, **{**MEETING, "minutes": "上書き"})
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.version) == ("追記", 2)
