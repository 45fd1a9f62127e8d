"""The steering committee's pages: the meeting list, a meeting, and the form PMO and the CIO record it with."""

import datetime

import pytest

from governance.models import CommitteeMeeting
from governance.services import committee_meeting_update
from tests.governance.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    CommitteeMeetingFactory,
    DecisionFactory,
    IssuedPackFactory,
)

pytestmark = pytest.mark.django_db
READERS = ["alice", "charlie", "dana", "petra", "carl", "audrey", "nobody"]


def form_data(**overrides):
    data = {
        "number": "7", "held_on": "2022-10-04", "title": "令和4年度第2回ステアリング・コミッティ", "minutes": "",
        "agenda-TOTAL_FORMS": "2", "agenda-INITIAL_FORMS": "0", "agenda-MIN_NUM_FORMS": "0", "agenda-MAX_NUM_FORMS": "30",
        "agenda-0-title": "電子契約の導入", "agenda-0-kind": "decision", "agenda-0-presenter": "",
        "agenda-1-title": "", "agenda-1-kind": "report", "agenda-1-presenter": "",
    }
    return data | overrides


@pytest.mark.parametrize("person", READERS)
def test_everyone_logged_in_reads_the_meeting_list_and_a_meeting(client, request, person):
    meeting = CommitteeMeetingFactory(
        number=4, held_on=datetime.date(2022, 9, 13), title="令和4年度第1回ステアリング・コミッティ"
    )
    client.force_login(request.getfixturevalue(person))
    listing = client.get("/governance/committee/")
    assert listing.status_code == 200
    assert "令和4年度第1回ステアリング・コミッティ" in listing.text and "令和4年9月13日" in listing.text
    assert client.get(f"/governance/committee/{meeting.number}/").status_code == 200


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get("/governance/committee/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_list_is_newest_first_and_says_so_when_empty(client, alice):
    client.force_login(alice)
    assert '<p class="empty">' in client.get("/governance/committee/").text
    CommitteeMeetingFactory(number=1, held_on=datetime.date(2021, 6, 22), title="第一の会議")
    CommitteeMeetingFactory(number=2, held_on=datetime.date(2021, 11, 16), title="第二の会議")
    text = client.get("/governance/committee/").text
    assert text.index("第二の会議") < text.index("第一の会議")


def test_the_meeting_page_shows_agenda_minutes_decisions_and_their_action_items(client, alice, division):
    meeting = CommitteeMeetingFactory(number=4, minutes="電子契約の導入方針について合意した。")
    AgendaItemFactory(meeting=meeting, order=1, title="電子契約の導入", presenter=division)
    decision = DecisionFactory(meeting=meeting, title="電子契約の導入方針")
    ActionItemFactory(decision=decision, title="説明資料の作成", owner_division=division)
    client.force_login(alice)
    text = client.get("/governance/committee/4/").text
    expected_texts = ("電子契約の導入", "デジタル戦略本部室", "導入方針について合意", "電子契約の導入方針", "説明資料の作成")
    for expected in expected_texts:
        assert expected in text
    assert "/governance/committee/4/edit/" not in text


@pytest.mark.parametrize("person, status", [("petra", 200), ("carl", 200), ("alice", 403), ("dana", 403), ("audrey", 403)])
def test_only_pmo_and_the_cio_open_the_meeting_form(client, request, person, status):
    client.force_login(request.getfixturevalue(person))
    assert client.get("/governance/committee/new/").status_code == status
    assert client.post("/governance/committee/new/", form_data()).status_code == (302 if status == 200 else 403)
    assert CommitteeMeeting.objects.filter(number=7).exists() is (status == 200)


def test_the_form_suggests_the_next_number_and_offers_committee_members_as_attendees(client, petra, carl, dana, alice):
    CommitteeMeetingFactory(number=4)
    client.force_login(petra)
    text = client.get("/governance/committee/new/").text
    assert 'name="number" value="5"' in text
    assert f'value="{carl.pk}"' in text and f'value="{dana.pk}"' in text
    assert f'name="attendees" value="{alice.pk}"' not in text


def test_a_forged_agenda_count_is_refused_without_building_a_thousand_rows(client, petra):
    client.force_login(petra)
    response = client.post("/governance/committee/new/", form_data(**{"agenda-TOTAL_FORMS": "1000"}))
    assert response.status_code == 200 and "30" in response.context["agenda"].non_form_errors()[0]
    assert len(response.context["agenda"].forms) == 30
    assert not CommitteeMeeting.objects.exists()


def test_recording_a_meeting_skips_blank_agenda_rows(client, petra, carl):
    client.force_login(petra)
    response = client.post("/governance/committee/new/", form_data(attendees=[carl.pk]))
    assert response.status_code == 302 and response.url == "/governance/committee/7/"
    meeting = CommitteeMeeting.objects.get(number=7)
    assert [i.title for i in meeting.agenda_items.all()] == ["電子契約の導入"]
    assert list(meeting.attendees.all()) == [carl]


def test_errors_show_next_to_the_fields_and_keep_what_was_typed(client, petra, division):
    client.force_login(petra)
    response = client.post(
        "/governance/committee/new/",
        form_data(title="", minutes="入力した議事録", **{"agenda-1-presenter": str(division.pk)}),
    )
    assert response.status_code == 200
    text = response.text
    assert 'id="id_title_error"' in text
    assert "議題を入力してください。" in text
    assert "入力した議事録" in text and 'value="電子契約の導入"' in text
    assert not CommitteeMeeting.objects.exists()


def test_a_number_already_used_is_refused_at_the_field(client, petra):
    CommitteeMeetingFactory(number=7)
    client.force_login(petra)
    response = client.post("/governance/committee/new/", form_data(title="二重登録"))
    assert response.status_code == 200 and 'id="id_number_error"' in response.text
    assert not CommitteeMeeting.objects.filter(title="二重登録").exists()


def test_an_edit_that_lost_the_race_shows_the_current_values_and_keeps_the_typed_ones(client, petra, carl):
    meeting = CommitteeMeetingFactory(number=7, title="令和4年度第2回ステアリング・コミッティ")
    client.force_login(petra)
    form = client.get("/governance/committee/7/edit/").text
    assert 'name="version" value="1"' in form
    committee_meeting_update(
        meeting=meeting, actor=carl, expected_version=1, number=7, held_on=meeting.held_on,
        title=meeting.title, minutes="CIOが書いた議事録",
    )
    response = client.post("/governance/committee/7/edit/", form_data(version="1", minutes="PMOが書いた議事録"))
    assert response.status_code == 200
    text = response.text
    assert "編集中に他の利用者が更新しました" in text
    assert "CIOが書いた議事録" in text and "PMOが書いた議事録" in text
    assert 'name="version" value="2"' in text
    meeting.refresh_from_db()
    assert meeting.minutes == "CIOが書いた議事録"


@pytest.mark.parametrize("size", [1, 8])
def test_the_list_runs_a_fixed_number_of_queries(client, alice, size, django_assert_num_queries):
    for _ in range(size):
        DecisionFactory(meeting=AgendaItemFactory().meeting)
    client.force_login(alice)
    with django_assert_num_queries(6):  # with the header's counts
        assert client.get("/governance/committee/").status_code == 200


@pytest.mark.parametrize("size", [1, 5])
def test_the_meeting_page_runs_a_fixed_number_of_queries(client, alice, carl, size, django_assert_num_queries):
    meeting = CommitteeMeetingFactory(number=9)
    meeting.attendees.add(carl)
    for order in range(size):
        AgendaItemFactory(meeting=meeting, order=order + 1)
        ActionItemFactory(decision=DecisionFactory(meeting=meeting))
        IssuedPackFactory(meeting=meeting, sequence=order + 1)
    client.force_login(alice)
    # 18: the header's counts, the issued versions of the meeting's pack, the agenda items' forwarded items, the
    # meeting's attachments, and its history: the meeting's versions and the attachments added to it and its items.
    with django_assert_num_queries(18):
        assert client.get("/governance/committee/9/").status_code == 200
