"""action_item_create / action_item_update / action_item_complete: the owning division moves its items on."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from dx_portal.errors import StaleVersionError
from governance.models import ActionItem
from governance.services import action_item_complete, action_item_create, action_item_update
from tests.governance.factories import ActionItemFactory, DecisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2022, 10, 4, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.mark.parametrize("person", ["alice", "mallory", "petra"])
def test_the_owning_division_and_pmo_mark_an_item_done_with_a_note(request, person, division):
    actor = request.getfixturevalue(person)
    item = ActionItemFactory(owner_division=division)
    action_item_complete(item=item, actor=actor, expected_version=1, completion_note="説明資料を作成し公開した。")
    item.refresh_from_db()
    assert (item.status, item.completed_on, item.version) == (ActionItem.Status.DONE, datetime.date(2022, 10, 4), 2)
    assert item.history.first().history_user == actor


@pytest.mark.parametrize("person", ["charlie", "dana", "carl", "audrey", "fiona", "nobody"])
def test_nobody_else_updates_the_item(request, person, division):
    item = ActionItemFactory(owner_division=division)
    with pytest.raises(PermissionDenied):
        action_item_update(item=item, actor=request.getfixturevalue(person), expected_version=1, status="in_progress")
    item.refresh_from_db()
    assert (item.status, item.version) == (ActionItem.Status.OPEN, 1)


def test_marking_it_done_without_a_note_is_refused(alice, division):
    item = ActionItemFactory(owner_division=division)
    with pytest.raises(ValidationError) as error:
        action_item_update(item=item, actor=alice, expected_version=1, status="done", completion_note="  ")
    assert "completion_note" in error.value.message_dict
    item.refresh_from_db()
    assert item.status == ActionItem.Status.OPEN


def test_reopening_a_done_item_clears_its_completion_date(alice, division):
    item = ActionItemFactory(owner_division=division, done=True)
    action_item_update(item=item, actor=alice, expected_version=1, status="in_progress", completion_note="追加対応が必要")
    item.refresh_from_db()
    assert (item.status, item.completed_on) == (ActionItem.Status.IN_PROGRESS, None)


def test_a_second_edit_from_the_same_version_is_refused(alice, bob, division):
    item = ActionItemFactory(owner_division=division)
    action_item_update(item=item, actor=alice, expected_version=1, status="in_progress")
    with pytest.raises(StaleVersionError) as error:
        action_item_complete(item=item, actor=bob, expected_version=1, completion_note="完了")
    assert error.value.current_version == 2
    item.refresh_from_db()
    assert item.status == ActionItem.Status.IN_PROGRESS


@pytest.mark.parametrize("person", ["petra", "carl"])
def test_pmo_and_the_cio_give_a_division_an_item(request, person, division):
    item = action_item_create(
        decision=DecisionFactory(), actor=request.getfixturevalue(person), title="三者協定書の締結",
        owner_division=division, due_on=datetime.date(2022, 12, 28),
    )
    assert (item.owner_division, item.status, item.version) == (division, ActionItem.Status.OPEN, 1)


def test_division_staff_do_not_create_items(alice, division):
    with pytest.raises(PermissionDenied):
        action_item_create(
            decision=DecisionFactory(), actor=alice, title="自分で追加", owner_division=division,
            due_on=datetime.date(2022, 12, 28),
        )
    assert not ActionItem.objects.exists()
