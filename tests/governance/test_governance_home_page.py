"""/governance/: the committee and the council at a glance: their next meetings, the action items by state
and the latest decisions, each linking to its register."""

import datetime

import pytest
import time_machine

from governance.models import ActionItem
from tests.governance.factories import (
    ActionItemFactory,
    CommitteeMeetingFactory,
    CouncilMeetingFactory,
    DecisionFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2022, 10, 4)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2022, 10, 4, 0, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_it_lists_the_next_meetings_of_both_bodies_not_the_past_ones(client, alice):
    CommitteeMeetingFactory(number=3, held_on=datetime.date(2022, 6, 1), title="第3回の会議")
    CommitteeMeetingFactory(number=5, held_on=datetime.date(2022, 12, 20), title="第5回の会議")
    CouncilMeetingFactory(number=2, held_on=datetime.date(2022, 11, 15), title="推進会議（第2回）")
    client.force_login(alice)
    html = client.get("/governance/").content.decode()
    assert "第5回の会議" in html and "令和4年12月20日" in html
    assert "第3回の会議" not in html
    assert "推進会議（第2回）" in html and 'href="/governance/council/' in html


def test_it_counts_action_items_by_state_with_links_to_the_filtered_list(client, alice, division, other_division):
    decision = DecisionFactory(meeting=CommitteeMeetingFactory(number=1, held_on=datetime.date(2022, 9, 13)))
    ActionItemFactory(decision=decision, owner_division=division, due_on=datetime.date(2022, 9, 30))  # past due
    ActionItemFactory(decision=decision, owner_division=other_division, status=ActionItem.Status.IN_PROGRESS)
    ActionItemFactory(decision=decision, owner_division=division, status=ActionItem.Status.DONE,
                      completed_on=datetime.date(2022, 9, 20), completion_note="完了")
    client.force_login(alice)
    response = client.get("/governance/")
    assert response.context["overview"].action_items == {"open": 1, "in_progress": 1, "overdue": 1, "mine": 1}
    html = response.content.decode()
    assert 'href="/governance/action-items/?overdue=true"' in html
    assert 'href="/governance/action-items/?mine=true"' in html


def test_it_shows_the_latest_decisions(client, petra):
    DecisionFactory(meeting=CommitteeMeetingFactory(number=4, held_on=datetime.date(2022, 9, 13)), sequence=1,
                    title="電子契約の導入方針")
    client.force_login(petra)
    html = client.get("/governance/").content.decode()
    assert 'href="/governance/decisions/4-1/"' in html and "電子契約の導入方針" in html


def test_it_needs_a_login(client):
    assert client.get("/governance/").status_code == 302


@pytest.mark.parametrize("size", [2, 20])
def test_it_runs_a_fixed_number_of_queries(client, django_assert_num_queries, alice, division, size):
    for n in range(size):
        meeting = CommitteeMeetingFactory(number=n + 1, held_on=TODAY + datetime.timedelta(days=n))
        ActionItemFactory(decision=DecisionFactory(meeting=meeting), owner_division=division)
        CouncilMeetingFactory(number=n + 1, held_on=TODAY + datetime.timedelta(days=n))
    client.force_login(alice)
    # Session, user, roles, the header's counts; the next committee meetings, the next council meetings, the action
    # item counts and the latest decisions.
    with django_assert_num_queries(8):
        assert client.get("/governance/").status_code == 200
