"""GET /api/v1/committee-meetings/ and /api/v1/council-meetings/: the bodies' meetings for REST clients."""

import datetime

import pytest

from governance.models import CouncilMeeting
from tests.governance.factories import (
    AgendaItemFactory,
    CommitteeMeetingFactory,
    CouncilMeetingFactory,
    DecisionFactory,
    MunicipalityFactory,
)
from tests.governance.helpers import token_client

pytestmark = pytest.mark.django_db


def test_a_committee_meeting_with_attendees_agenda_and_decisions(fiona, carl, division):
    meeting = CommitteeMeetingFactory(number=4, held_on=datetime.date(2022, 9, 13))
    meeting.attendees.add(carl)
    AgendaItemFactory(meeting=meeting, order=1, title="電子契約の導入", kind="decision", presenter=division)
    decision = DecisionFactory(meeting=meeting)
    body = token_client(fiona).get("/api/v1/committee-meetings/4/").json()
    assert (body["number"], body["held_on"]) == (4, "2022-09-13")
    assert body["attendees"] == [{"username": "carl", "name": body["attendees"][0]["name"]}]
    assert body["agenda_items"] == [{
        "order": 1, "title": "電子契約の導入", "kind": "decision", "presenter": "dx-office", "proposal": None,
        "disclosure": "withheld", "withholding_ground": "", "embargo_until": None,
    }]
    assert body["decisions"] == [decision.reference]


def test_committee_meetings_filter_by_date_and_refuse_a_bad_one(fiona):
    CommitteeMeetingFactory(number=1, held_on=datetime.date(2021, 6, 22))
    CommitteeMeetingFactory(number=4, held_on=datetime.date(2022, 9, 13))
    client = token_client(fiona)
    body = client.get("/api/v1/committee-meetings/", {"held_from": "2022-04-01"}).json()
    assert [m["number"] for m in body["results"]] == [4]
    assert client.get("/api/v1/committee-meetings/", {"held_to": "R4"}).status_code == 400
    assert client.get("/api/v1/committee-meetings/99/").status_code == 404


def test_council_meetings_filter_by_kind_and_list_attending_member_codes(fiona):
    plenary = CouncilMeetingFactory(kind=CouncilMeeting.Kind.PLENARY, held_on=datetime.date(2021, 11, 24))
    plenary.attendees.add(MunicipalityFactory(code="141003", name="横浜市"))
    CouncilMeetingFactory(kind=CouncilMeeting.Kind.WORKING, held_on=datetime.date(2022, 2, 17))
    client = token_client(fiona)
    body = client.get("/api/v1/council-meetings/", {"kind": "plenary"}).json()
    assert [(m["kind"], m["held_on"], m["attendees"]) for m in body["results"]] == [("plenary", "2021-11-24", ["141003"])]
    assert client.get("/api/v1/council-meetings/", {"held_from": "2022-01-01"}).json()["count"] == 1
    assert client.get("/api/v1/council-meetings/", {"kind": "annual"}).status_code == 400


def test_a_token_without_the_governance_scope_reads_no_meetings(fiona):
    client = token_client(fiona, ["projects:read"])
    assert client.get("/api/v1/committee-meetings/").status_code == 403
    assert client.get("/api/v1/council-meetings/").status_code == 403


@pytest.mark.parametrize("size", [1, 8])
def test_the_lists_run_a_fixed_number_of_queries(fiona, carl, size, django_assert_num_queries):
    client = token_client(fiona)
    member = MunicipalityFactory()
    for _ in range(size):
        meeting = AgendaItemFactory().meeting
        meeting.attendees.add(carl)
        DecisionFactory(meeting=meeting)
        CouncilMeetingFactory().attendees.add(member)
    # Each with one query for the page's attachments.
    with django_assert_num_queries(8):
        assert client.get("/api/v1/committee-meetings/").json()["count"] == size
    # Without the token's lookup and its user's roles, which the first request cached.
    with django_assert_num_queries(4):
        assert client.get("/api/v1/council-meetings/").json()["count"] == size
