"""A steering-committee decision in a real browser: PMO records it with an action item, the owning division
marks the action item done."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import CommitteeMeeting
from tests.browser.harness import assert_accessible

pytestmark = pytest.mark.browser

ACTION = "職員向け生成AI利用ガイドラインの作成"


def test_pmo_record_a_decision_with_an_action_item_and_the_division_marks_it_done(page, login, demo):
    login("pmo")
    page.get_by_role("link", name="ステアリング・コミッティ").click()
    assert_accessible(page)
    # The demo's latest meeting: its title names the fiscal year it falls in on the day the demo is loaded.
    page.get_by_role("link", name=CommitteeMeeting.objects.latest("held_on").title).click()
    page.get_by_role("link", name="合意事項を追加する").click()
    assert_accessible(page)
    page.get_by_label("件名").fill("生成AIの試行利用")
    page.get_by_label("決定内容").fill("全庁で生成AIを試行利用する。利用ガイドラインをデジタル戦略本部室が作成する。")
    page.get_by_role("group", name="関係局").get_by_label("政策局").check()
    page.get_by_role("button", name="保存して対応事項を追加").click()

    expect(page.get_by_role("status")).to_contain_text("を記録しました。")
    expect(page.get_by_role("heading", name="対応事項を追加", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("対応事項").fill(ACTION)
    page.get_by_label("担当所属").select_option(label="政策局 デジタル戦略本部室")
    page.get_by_label("期限").fill((timezone.localdate() + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="保存する", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("対応事項を追加しました。")
    expect(page.get_by_role("link", name=ACTION)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="ログアウト").click()

    login("staff")
    page.get_by_role("link", name="対応事項").click()
    page.get_by_role("row", name=ACTION).get_by_role("link", name="更新・完了報告").click()
    assert_accessible(page)
    page.get_by_role("group", name="状態").get_by_label("完了").check()
    page.get_by_role("button", name="更新する").click()

    note = page.get_by_label("完了報告")
    expect(note).to_have_attribute("aria-invalid", "true")
    expect(note).to_have_accessible_description(
        "完了にするときは、対応した内容を記入してください。 完了にするには完了報告を入力してください。"
    )
    expect(page.get_by_role("group", name="状態").get_by_label("完了")).to_be_checked()
    assert_accessible(page)
    note.fill("ガイドラインを作成し、全庁に通知した。")
    page.get_by_role("button", name="更新する").click()

    expect(page.get_by_role("status")).to_have_text("対応事項を更新しました。")
    expect(page.locator("dl.details")).to_contain_text("完了")
    expect(page.locator("dl.details")).to_contain_text("ガイドラインを作成し、全庁に通知した。")
    assert_accessible(page)
