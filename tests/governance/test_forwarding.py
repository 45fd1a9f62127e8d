"""Forwarding (上程): a 担当者会議 item goes to a later 推進会議, a committee agenda item to the council; both
meetings show the link and the outcome."""

import datetime

import pytest

from governance.models import CouncilMeeting, ForwardedItem
from tests.governance.factories import AgendaItemFactory, CouncilMeetingFactory
from tests.governance.helpers import token_client

pytestmark = pytest.mark.django_db
WORKING, PLENARY = CouncilMeeting.Kind.WORKING, CouncilMeeting.Kind.PLENARY


@pytest.fixture
def meetings(db):
    return {
        "working": CouncilMeetingFactory(kind=WORKING, number=1, held_on=datetime.date(2022, 2, 17)),
        "earlier": CouncilMeetingFactory(kind=PLENARY, number=1, held_on=datetime.date(2021, 11, 24)),
        "july": CouncilMeetingFactory(kind=PLENARY, number=2, held_on=datetime.date(2022, 7, 27)),
    }


def test_a_working_meeting_item_forwarded_to_the_plenary_shows_on_both_meetings_with_the_link(client, petra, alice, meetings):
    working, july = meetings["working"], meetings["july"]
    client.force_login(petra)
    form = client.get(f"/governance/council/{working.pk}/forward/").context["form"]
    assert list(form.fields["to_meeting"].queryset) == [july]  # later plenaries only
    response = client.post(f"/governance/council/{working.pk}/forward/", {
        "title": "標準化・共通化の課題の整理", "to_meeting": july.pk, "token": form["token"].value(),
    })
    assert response.status_code == 302
    item = ForwardedItem.objects.get()
    assert (item.from_council_meeting, item.to_meeting, item.outcome) == (working, july, "pending")

    client.force_login(alice)
    source = client.get(f"/governance/council/{working.pk}/").content.decode()
    assert "標準化・共通化の課題の整理" in source and f'href="/governance/council/{july.pk}/"' in source
    target = client.get(f"/governance/council/{july.pk}/").content.decode()
    assert "標準化・共通化の課題の整理" in target and f'href="/governance/council/{working.pk}/"' in target


def test_the_receiving_meeting_records_the_outcome_shown_on_both(client, petra, meetings):
    item = ForwardedItem.objects.create(title="課題の整理", from_council_meeting=meetings["working"], to_meeting=meetings["july"])
    client.force_login(petra)
    response = client.post(f"/governance/forwarded/{item.pk}/", {"outcome": "agreed", "outcome_note": "方針を了承", "version": 1})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.outcome, item.version) == ("agreed", 2)
    assert "方針を了承" in client.get(f"/governance/council/{meetings['working'].pk}/").content.decode()
    assert item.history.count() == 1 + 1


def test_an_item_goes_only_to_a_later_plenary(client, petra, meetings):
    client.force_login(petra)
    url = f"/governance/council/{meetings['working'].pk}/forward/"
    response = client.post(url, {"title": "課題", "to_meeting": meetings["earlier"].pk})
    assert response.status_code == 200 and not ForwardedItem.objects.exists()


def test_a_committee_agenda_item_goes_to_the_council(client, petra, meetings):
    agenda_item = AgendaItemFactory(meeting__number=4, meeting__held_on=datetime.date(2022, 2, 1), order=1)
    client.force_login(petra)
    url = "/governance/committee/4/agenda/1/forward/"
    assert client.get(url).context["form"]["title"].value() == agenda_item.title
    client.post(url, {"title": agenda_item.title, "to_meeting": meetings["july"].pk})
    item = ForwardedItem.objects.get()
    assert item.from_agenda_item == agenda_item
    committee_page = client.get("/governance/committee/4/").content.decode()
    assert f'href="/governance/council/{meetings["july"].pk}/"' in committee_page
    assert 'href="/governance/committee/4/"' in client.get(f"/governance/council/{meetings['july'].pk}/").content.decode()


def test_only_the_secretariat_forwards(client, alice, carl, meetings):
    for person in (alice, carl):
        client.force_login(person)
        assert client.get(f"/governance/council/{meetings['working'].pk}/forward/").status_code == 403


def test_the_demo_forwards_a_working_meeting_item_to_the_july_plenary(client, alice):
    from tests.governance.helpers import load_governance_demo

    load_governance_demo()
    item = ForwardedItem.objects.get()
    assert (item.from_council_meeting.kind, item.to_meeting.number, item.to_meeting.held_on.month) == (WORKING, 2, 7)
    client.force_login(alice)
    assert "標準化・共通化の課題の整理" in client.get(f"/governance/council/{item.to_meeting.pk}/").content.decode()


def test_the_api_lists_forwarded_items_with_both_ends_and_the_outcome(fiona, meetings):
    agenda_item = AgendaItemFactory(meeting__number=4, order=2)
    ForwardedItem.objects.create(title="課題の整理", from_council_meeting=meetings["working"], to_meeting=meetings["july"])
    ForwardedItem.objects.create(title="電子契約", from_agenda_item=agenda_item, to_meeting=meetings["july"], outcome="agreed")
    body = token_client(fiona).get("/api/v1/forwarded-items/").json()
    rows = body["results"] if isinstance(body, dict) else body
    fields = ("title", "from_council_meeting", "from_committee_meeting", "to_meeting", "outcome")
    assert [tuple(r[name] for name in fields) for r in rows] == [
        ("課題の整理", meetings["working"].pk, None, meetings["july"].pk, "pending"),
        ("電子契約", None, 4, meetings["july"].pk, "agreed"),
    ]


@pytest.mark.parametrize("url", ["/api/v1/forwarded-items/?to_meeting={}", "/api/v1/agenda-proposals/?meeting={}"])
def test_an_id_no_database_integer_holds_is_a_field_error(fiona, url):
    # schemathesis found a 500: the driver could not bind the number.
    response = token_client(fiona).get(url.format(59954441094748232149880890172966436864))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [url.split("?")[1].split("=")[0]]
