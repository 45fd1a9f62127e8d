"""Action items (対応事項) across all decisions: overdue first; the owning division updates its own."""

import datetime

import pytest
import time_machine

from dx_portal.formatting import person_name
from governance.models import ActionItem
from governance.services import action_item_update
from tests.governance.factories import ActionItemFactory, DecisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2022, 10, 4, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_overdue_items_come_first_and_say_so_in_words(client, alice, division):
    ActionItemFactory(title="期限が先の対応", due_on=datetime.date(2022, 11, 30), owner_division=division)
    ActionItemFactory(title="期限を過ぎた対応", due_on=datetime.date(2022, 9, 30), owner_division=division)
    ActionItemFactory(title="完了した対応", due_on=datetime.date(2022, 8, 31), owner_division=division, done=True)
    client.force_login(alice)
    text = client.get("/governance/action-items/").text
    assert text.index("期限を過ぎた対応") < text.index("期限が先の対応") < text.index("完了した対応")
    assert text.count("期限超過</span>") == 1


def test_filters_narrow_by_status_division_overdue_and_mine(client, alice, division, other_division):
    ActionItemFactory(title="自所属の遅れ", owner_division=division, due_on=datetime.date(2022, 9, 1))
    ActionItemFactory(title="他所属の対応", owner_division=other_division)
    client.force_login(alice)
    get = lambda **q: client.get("/governance/action-items/", q).text  # noqa: E731
    assert "他所属の対応" not in get(mine="true") and "自所属の遅れ" in get(mine="true")
    assert "他所属の対応" not in get(overdue="true") and "自所属の遅れ" in get(overdue="true")
    assert "自所属の遅れ" not in get(division="water") and "他所属の対応" in get(division="water")
    assert '<p class="empty">' in get(status="done")


def test_staff_see_the_update_link_only_on_their_own_divisions_items(client, alice, division, other_division):
    ours = ActionItemFactory(owner_division=division)
    theirs = ActionItemFactory(owner_division=other_division)
    client.force_login(alice)
    text = client.get("/governance/action-items/").text
    assert f"/governance/action-items/{ours.pk}/#update" in text
    assert f"/governance/action-items/{theirs.pk}/#update" not in text


@pytest.mark.parametrize("person, may_update", [
    ("alice", True), ("mallory", True), ("petra", True), ("charlie", False), ("dana", False), ("carl", False),
    ("audrey", False), ("nobody", False),
])
def test_every_role_reads_an_item_and_only_its_division_and_pmo_update_it(client, request, division, person, may_update):
    item = ActionItemFactory(owner_division=division)
    client.force_login(request.getfixturevalue(person))
    page = client.get(f"/governance/action-items/{item.pk}/")
    assert page.status_code == 200
    assert ('name="completion_note"' in page.text) is may_update
    response = client.post(f"/governance/action-items/{item.pk}/", {"status": "in_progress", "version": "1"})
    assert response.status_code == (302 if may_update else 403)
    item.refresh_from_db()
    assert (item.status == ActionItem.Status.IN_PROGRESS) is may_update


def test_marking_done_without_a_note_shows_the_error_and_keeps_the_choice(client, alice, division):
    item = ActionItemFactory(owner_division=division)
    client.force_login(alice)
    response = client.post(f"/governance/action-items/{item.pk}/", {"status": "done", "completion_note": "", "version": "1"})
    assert response.status_code == 200
    assert 'id="id_completion_note_error"' in response.text and "完了報告を入力してください" in response.text
    assert 'value="done" required id="id_status_2" checked' in response.text
    item.refresh_from_db()
    assert item.status == ActionItem.Status.OPEN


def test_a_second_person_marking_the_same_item_sees_the_first_ones_change(client, alice, bob, division):
    item = ActionItemFactory(owner_division=division)
    action_item_update(item=item, actor=bob, expected_version=1, status="done", completion_note="ボブが完了")
    client.force_login(alice)
    response = client.post(
        f"/governance/action-items/{item.pk}/", {"status": "in_progress", "completion_note": "アリスの入力", "version": "1"}
    )
    assert response.status_code == 200
    assert "ボブが完了" in response.text and "アリスの入力" in response.text
    item.refresh_from_db()
    assert item.completion_note == "ボブが完了"


@pytest.mark.parametrize("size", [1, 8])
def test_the_list_runs_a_fixed_number_of_queries(client, alice, division, size, django_assert_num_queries):
    for _ in range(size):
        ActionItemFactory(owner_division=division, decision=DecisionFactory())
    client.force_login(alice)
    with django_assert_num_queries(7):  # with the header's counts
        assert client.get("/governance/action-items/").status_code == 200


def test_the_history_says_who_changed_what_with_dates_in_the_japanese_era(client, alice, petra, division):
    item = ActionItemFactory(owner_division=division, due_on=datetime.date(2022, 11, 30))
    item.due_on, item._history_user = datetime.date(2022, 12, 28), petra
    item.save()
    client.force_login(alice)
    text = client.get(f"/governance/action-items/{item.pk}/").text
    assert "令和4年11月30日 → 令和4年12月28日" in text and person_name(petra) in text
