"""Done when: PMO records a meeting with two decisions and an action item in the browser; the action item's
division sees it on its page and marks it done; the decision log finds it by a word of its title."""

import datetime

import pytest
import time_machine

from governance.models import ActionItem, Decision

pytestmark = pytest.mark.django_db

AGENDA = {
    "agenda-TOTAL_FORMS": "4", "agenda-INITIAL_FORMS": "0", "agenda-MIN_NUM_FORMS": "0", "agenda-MAX_NUM_FORMS": "30",
    "agenda-0-title": "クラウド利用の原則化", "agenda-0-kind": "decision",
    "agenda-1-title": "庁内ネットワークの更新", "agenda-1-kind": "decision",
    **{f"agenda-{i}-{f}": "" for i in (2, 3) for f in ("title", "presenter")},
    **{f"agenda-{i}-kind": "report" for i in (2, 3)},
}


def decision(number, title, text, then):
    return {
        "meeting": str(number), "title": title, "kind": "decision", "status": "agreed", "decision_text": text,
        "context": "", "options": "", "rationale": "", "consequences": "", "then": then,
    }


@time_machine.travel(datetime.datetime(2022, 10, 4, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_pmo_records_a_meeting_the_division_closes_its_action_item_and_the_log_finds_it(
    client, petra, carl, dana, alice, division
):
    client.force_login(petra)
    response = client.post("/governance/committee/new/", {
        "number": "5", "held_on": "2022-10-04", "title": "令和4年度第2回ステアリング・コミッティ",
        "attendees": [carl.pk, dana.pk], "minutes": "クラウド利用とネットワーク更新について合意した。", **AGENDA,
    })
    assert response.url == "/governance/committee/5/"

    first = decision(5, "クラウド利用の原則化", "新規システムはクラウドを原則とする。", "decision")
    response = client.post("/governance/decisions/new/", first)
    assert response.url == "/governance/decisions/new/?meeting=5"
    second = decision(5, "庁内ネットワークの更新", "令和5年度に更新する。", "action-item")
    response = client.post("/governance/decisions/new/", second)
    assert response.url == "/governance/decisions/5-2/action-items/new/"
    response = client.post(response.url, {
        "title": "更新計画の作成", "detail": "", "owner_division": str(division.pk), "due_on": "2022-12-28", "then": "meeting",
    })
    assert response.url == "/governance/committee/5/"
    meeting_page = client.get("/governance/committee/5/").text
    assert "クラウド利用の原則化" in meeting_page and "更新計画の作成" in meeting_page
    assert list(Decision.objects.values_list("reference", flat=True).order_by("reference")) == ["5-1", "5-2"]

    client.force_login(alice)
    mine = client.get("/governance/action-items/", {"mine": "true"}).text
    item = ActionItem.objects.get(title="更新計画の作成")
    assert "更新計画の作成" in mine and f"/governance/action-items/{item.pk}/#update" in mine
    response = client.post(f"/governance/action-items/{item.pk}/", {
        "status": "done", "completion_note": "更新計画を作成し、局長に報告した。", "version": "1",
    })
    assert response.status_code == 302
    done_page = client.get(f"/governance/action-items/{item.pk}/").text
    assert "令和4年10月4日完了" in done_page and "更新計画を作成し、局長に報告した。" in done_page

    found = client.get("/governance/decisions/", {"search": "クラウド"}).text
    assert "クラウド利用の原則化" in found and "庁内ネットワークの更新" not in found
