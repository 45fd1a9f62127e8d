"""Disclosure classification and the public feed: only what is 公開 and past its embargo reaches /api/v1/public/."""

import datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from dx_portal.disclosure import Disclosure
from governance.models import CommitteeMeeting, CouncilMeeting, Decision
from tests.governance.factories import CommitteeMeetingFactory, CouncilMeetingFactory, DecisionFactory
from tests.governance.helpers import token_client

pytestmark = pytest.mark.django_db
PUBLIC, WITHHELD = Disclosure.PUBLIC, Disclosure.WITHHELD


def _feed(client=None, day=datetime.date(2022, 10, 4)):
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC), tick=False):
        response = (client or APIClient()).get("/api/v1/public/")
    assert response.status_code == 200
    return response.json()


def test_a_record_nobody_classified_is_not_public(db):
    decision = DecisionFactory()
    assert decision.disclosure == WITHHELD
    assert _feed()["decisions"] == []


def test_the_feed_serves_disclosed_decisions_and_minutes_with_their_meeting_and_no_token(db):
    meeting = CommitteeMeetingFactory(number=4, minutes="議事録本文", minutes_disclosure=PUBLIC)
    DecisionFactory(meeting=meeting, reference="4-1", sequence=1, disclosure=PUBLIC, title="電子契約の導入")
    DecisionFactory(meeting=meeting, reference="4-2", sequence=2, title="非公開の検討")
    CouncilMeetingFactory(minutes="議事概要", minutes_disclosure=PUBLIC)
    CouncilMeetingFactory(minutes="非公開の議事概要")
    body = _feed()
    assert [d["reference"] for d in body["decisions"]] == ["4-1"]
    assert body["decisions"][0]["meeting"]["number"] == 4
    assert {m["minutes"] for m in body["minutes"]} == {"議事録本文", "議事概要"}
    assert {m["meeting"]["body"] for m in body["minutes"]} == {"committee", "council"}


def test_a_partly_public_decision_stays_out_of_the_feed(db):
    DecisionFactory(disclosure=Disclosure.PARTIAL, withholding_ground="personal")
    assert _feed()["decisions"] == []


def test_a_public_decision_under_embargo_appears_after_its_embargo_date(db):
    DecisionFactory(reference="9-1", disclosure=PUBLIC, embargo_until=datetime.date(2022, 10, 20))
    assert _feed(day=datetime.date(2022, 10, 19))["decisions"] == []
    assert [d["reference"] for d in _feed(day=datetime.date(2022, 10, 20))["decisions"]] == ["9-1"]


def test_a_token_reads_the_feed_as_anyone_does(fiona):
    DecisionFactory(reference="9-1", disclosure=PUBLIC)
    DecisionFactory(reference="9-2")
    assert [d["reference"] for d in _feed(token_client(fiona, scopes=("kpi:read",)))["decisions"]] == ["9-1"]


def test_the_feed_cannot_be_written_to(db):
    assert APIClient().post("/api/v1/public/", {}, format="json").status_code == 401


def test_pmo_classifies_a_decision_on_its_form_and_a_public_one_has_no_ground(client, petra):
    decision = DecisionFactory(meeting__number=3)
    client.force_login(petra)
    form = {
        "title": decision.title, "kind": "decision", "status": "agreed", "decision_text": decision.decision_text,
        "version": decision.version, "disclosure": "public", "withholding_ground": "personal",
    }
    url = f"/governance/decisions/{decision.reference}/edit/"
    assert "公開の記録には非公開の理由を指定できません。" in client.post(url, form).content.decode()
    response = client.post(url, {**form, "withholding_ground": "", "embargo_until": "2022-11-01"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.disclosure, decision.embargo_until) == ("public", datetime.date(2022, 11, 1))
    assert decision.history.first().disclosure == "public"


def test_the_council_secretariat_classifies_a_meetings_minutes_apart_from_the_meeting(client, petra):
    meeting = CouncilMeetingFactory(minutes="議事概要")
    client.force_login(petra)
    response = client.post(f"/governance/council/{meeting.pk}/edit/", {
        "kind": meeting.kind, "number": meeting.number, "held_on": meeting.held_on.isoformat(), "title": meeting.title,
        "minutes": meeting.minutes, "version": meeting.version, "disclosure": "public",
        "minutes_disclosure": "withheld", "minutes_withholding_ground": "deliberation",
    })
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.disclosure, meeting.minutes_disclosure, meeting.minutes_withholding_ground) == (
        "public", "withheld", "deliberation"
    )
    assert _feed()["minutes"] == []


def test_the_classification_shows_on_the_decision_page(client, alice):
    decision = DecisionFactory(disclosure=Disclosure.PARTIAL, withholding_ground="corporate")
    client.force_login(alice)
    page = client.get(f"/governance/decisions/{decision.reference}/").content.decode()
    assert "一部公開" in page and "法人等情報" in page


def test_existing_records_default_to_withheld():
    assert {m._meta.get_field("disclosure").default for m in (CommitteeMeeting, Decision, CouncilMeeting)} == {WITHHELD}
