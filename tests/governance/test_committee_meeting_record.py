"""committee_meeting_record / committee_meeting_update: PMO and the CIO record the committee's meetings."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dx_portal.errors import StaleVersionError
from governance.models import AgendaKind, CommitteeMeeting
from governance.services import committee_meeting_record, committee_meeting_update

pytestmark = pytest.mark.django_db

MEETING = dict(number=5, held_on=datetime.date(2022, 10, 4), title="令和4年度第2回ステアリング・コミッティ")


def agenda(division):
    return [
        {"title": "電子契約の導入", "kind": AgendaKind.DECISION, "presenter": division},
        {"title": "次期KSCへの移行", "kind": AgendaKind.REPORT, "presenter": None},
    ]


@pytest.mark.parametrize("person", ["petra", "carl"])
def test_pmo_and_the_cio_record_a_meeting_with_its_agenda_and_attendees(request, person, carl, dana, division):
    actor = request.getfixturevalue(person)
    meeting = committee_meeting_record(actor=actor, attendees=[carl, dana], agenda_items=agenda(division), **MEETING)
    assert set(meeting.attendees.all()) == {carl, dana}
    assert [(i.order, i.title, i.presenter) for i in meeting.agenda_items.all()] == [
        (1, "電子契約の導入", division), (2, "次期KSCへの移行", None)
    ]
    assert meeting.history.get().history_user == actor


@pytest.mark.parametrize("person", ["alice", "mallory", "charlie", "dana", "audrey", "fiona", "nobody"])
def test_nobody_else_records_a_meeting(request, person):
    with pytest.raises(PermissionDenied):
        committee_meeting_record(actor=request.getfixturevalue(person), **MEETING)
    assert not CommitteeMeeting.objects.exists()


def test_attendees_must_sit_on_the_committee(petra, carl, alice):
    with pytest.raises(ValidationError) as error:
        committee_meeting_record(actor=petra, attendees=[carl, alice], **MEETING)
    assert "attendees" in error.value.message_dict
    assert not CommitteeMeeting.objects.exists()


def test_a_meeting_number_is_used_once(petra):
    committee_meeting_record(actor=petra, **MEETING)
    with pytest.raises(ValidationError) as error:
        committee_meeting_record(actor=petra, **{**MEETING, "title": "重複"})
    assert "number" in error.value.message_dict


def test_an_update_replaces_the_agenda_and_moves_the_version_on(petra, division):
    meeting = committee_meeting_record(actor=petra, agenda_items=agenda(division), **MEETING)
    updated = committee_meeting_update(
        meeting=meeting, actor=petra, expected_version=1, agenda_items=agenda(division)[1:],
        **{**MEETING, "minutes": "次期KSCへの移行を報告した。"},
    )
    assert updated.version == 2
    assert [i.title for i in updated.agenda_items.all()] == ["次期KSCへの移行"]
    assert updated.minutes == "次期KSCへの移行を報告した。"


def test_an_update_from_a_stale_version_is_refused_and_changes_nothing(petra, carl):
    meeting = committee_meeting_record(actor=petra, **MEETING)
    committee_meeting_update(meeting=meeting, actor=carl, expected_version=1, **{**MEETING, "minutes": "CIOが追記"})
    with pytest.raises(StaleVersionError) as error:
        committee_meeting_update(meeting=meeting, actor=petra, expected_version=1, **{**MEETING, "minutes": "PMOが上書き"})
    assert error.value.current_version == 2
    meeting.refresh_from_db()
    assert meeting.minutes == "CIOが追記"
