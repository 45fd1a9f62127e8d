"""The council's pages: its meetings of both kinds, a meeting with its attending members, and the form."""

import datetime

import pytest

from governance.models import CouncilMeeting, Municipality
from governance.services import council_meeting_update
from tests.governance.factories import CouncilMeetingFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    return {
        "kind": "working", "number": "2", "held_on": "2022-08-18", "title": "担当者会議（第2回）",
        "agenda": "標準化の移行計画", "minutes": "", "follow_ups": "",
    } | overrides


@pytest.mark.parametrize("person", ["alice", "charlie", "dana", "petra", "carl", "audrey", "nobody"])
def test_everyone_logged_in_reads_the_council_meetings(client, request, person):
    meeting = CouncilMeetingFactory(
        kind=CouncilMeeting.Kind.WORKING, held_on=datetime.date(2022, 2, 17), title="担当者会議（第1回）"
    )
    client.force_login(request.getfixturevalue(person))
    listing = client.get("/governance/council/").text
    assert "担当者会議（第1回）" in listing and "令和4年2月17日" in listing
    assert client.get(f"/governance/council/{meeting.pk}/").status_code == 200


def test_the_list_filters_by_kind_and_date(client, alice):
    CouncilMeetingFactory(kind=CouncilMeeting.Kind.PLENARY, held_on=datetime.date(2021, 11, 24), title="推進会議（第1回）")
    CouncilMeetingFactory(kind=CouncilMeeting.Kind.WORKING, held_on=datetime.date(2022, 2, 17), title="担当者会議（第1回）")
    client.force_login(alice)
    working = client.get("/governance/council/", {"kind": "working"}).text
    assert "担当者会議（第1回）" in working and "推進会議（第1回）" not in working
    since = client.get("/governance/council/", {"held_from": "2022-01-01"}).text
    assert "担当者会議（第1回）" in since and "推進会議（第1回）" not in since


def test_a_meeting_shows_its_attending_members_out_of_all_members(client, alice):
    members = [MunicipalityFactory(name="横浜市", code="141003"), MunicipalityFactory(name="清川村", code="144029")]
    MunicipalityFactory(name="真鶴町", code="143839")
    meeting = CouncilMeetingFactory(minutes="対応状況を共有した。", follow_ups="半年ごとに照会する。")
    meeting.attendees.set(members)
    client.force_login(alice)
    text = client.get(f"/governance/council/{meeting.pk}/").text
    assert "構成団体 3 団体のうち 2 団体が出席" in text
    assert "横浜市" in text and "清川村" in text and "真鶴町" not in text
    assert "対応状況を共有した。" in text and "半年ごとに照会する。" in text


@pytest.mark.parametrize("person, status", [("petra", 200), ("carl", 403), ("alice", 403), ("dana", 403), ("audrey", 403)])
def test_only_the_secretariat_records_council_meetings(client, request, person, status):
    client.force_login(request.getfixturevalue(person))
    assert client.get("/governance/council/new/").status_code == status
    assert client.post("/governance/council/new/", form_data()).status_code == (302 if status == 200 else 403)
    assert CouncilMeeting.objects.exists() is (status == 200)


def test_recording_a_meeting_with_its_members(client, petra):
    yokohama = MunicipalityFactory(code="141003", name="横浜市", kind=Municipality.Kind.DESIGNATED_CITY)
    client.force_login(petra)
    response = client.post("/governance/council/new/", form_data(attendees=[yokohama.pk]))
    meeting = CouncilMeeting.objects.get()
    assert response.url == f"/governance/council/{meeting.pk}/"
    assert list(meeting.attendees.all()) == [yokohama]


def test_a_missing_date_is_shown_at_the_field_with_the_typed_title_kept(client, petra):
    client.force_login(petra)
    response = client.post("/governance/council/new/", form_data(held_on="", title="入力途中の会議名"))
    assert response.status_code == 200
    assert 'id="id_held_on_error"' in response.text and 'value="入力途中の会議名"' in response.text
    assert not CouncilMeeting.objects.exists()


def test_an_edit_that_lost_the_race_is_refused_with_the_current_values(client, petra, paul):
    meeting = CouncilMeetingFactory(kind=CouncilMeeting.Kind.WORKING, number=2)
    client.force_login(petra)
    fields = form_data()
    council_meeting_update(
        meeting=meeting, actor=paul, expected_version=1, kind="working", number=2, held_on=datetime.date(2022, 8, 18),
        title=fields["title"], agenda=fields["agenda"], follow_ups="CIOのフォローアップ",
    )
    response = client.post(f"/governance/council/{meeting.pk}/edit/", fields | {"version": "1", "follow_ups": "PMOの追記"})
    assert response.status_code == 200 and "CIOのフォローアップ" in response.text and "PMOの追記" in response.text
    meeting.refresh_from_db()
    assert meeting.follow_ups == "CIOのフォローアップ"


@pytest.mark.parametrize("size", [1, 8])
def test_the_list_runs_a_fixed_number_of_queries(client, alice, size, django_assert_num_queries):
    member = MunicipalityFactory()
    for meeting in CouncilMeetingFactory.create_batch(size):
        meeting.attendees.add(member)
    client.force_login(alice)
    with django_assert_num_queries(6):  # with the header's counts
        assert client.get("/governance/council/").status_code == 200
