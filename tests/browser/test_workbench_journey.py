"""My work and the notices in a real browser: PMO starts on /my/ and writes a finding; the owning division's
staff start on /my/, see the unread count in the header, and open the notice from the inbox. Every page passes
axe and fits a phone."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.harness import PHONE, assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser

PROJECT = "次期神奈川情報セキュリティクラウドの構築"
TITLE = "切替判定会議の開催時期"


def check(page) -> None:
    assert_accessible(page)
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page)
    page.set_viewport_size(size)


def test_pmo_and_staff_find_their_work_and_the_finding_reaches_the_staffs_inbox(page, login, demo):
    login("pmo")
    expect(page.get_by_role("heading", name="マイワーク", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="確認待ちの進捗報告（古い順）")).to_be_visible()
    check(page)
    page.get_by_role("link", name="案件一覧").click()
    page.get_by_role("link", name=PROJECT).click()
    page.get_by_role("link", name="助言・指摘を記載する").click()
    page.get_by_label("区分").select_option(label="スケジュール")
    page.get_by_label("件名").fill(TITLE)
    page.get_by_label("助言・指摘内容").fill("切替判定会議の開催時期と出席者を示してください。")
    page.get_by_label("回答期限").fill((timezone.localdate() + datetime.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="所管所属へ送る").click()
    expect(page.get_by_role("status")).to_have_text("助言・指摘を記載しました。")
    page.get_by_role("button", name="ログアウト").click()

    login("staff")
    expect(page.get_by_role("heading", name="マイワーク", level=1)).to_be_visible()
    expect(page.get_by_role("row", name=TITLE)).to_be_visible()
    check(page)
    inbox = page.get_by_role("link", name="通知", exact=False).first
    expect(inbox).to_contain_text("件の未読")
    inbox.click()
    expect(page.get_by_role("heading", name="通知", level=1)).to_be_visible()
    check(page)
    page.get_by_role("link", name=f"「{PROJECT}」にPMOから助言・指摘「{TITLE}」が届きました。").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    page.go_back()
    page.reload()
    expect(page.get_by_role("row", name=TITLE)).to_contain_text("既読")

    page.get_by_role("link", name="通知の設定").click()
    # axe reads the document: wait until the settings page has replaced the inbox.
    expect(page).to_have_url(re.compile(r"/notifications/settings/$"))
    expect(page.get_by_role("group", name="案件への助言・指摘")).to_be_visible()
    check(page)
    page.get_by_role("group", name="案件への助言・指摘").get_by_label("画面とメール").check()
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_role("status")).to_have_text("通知の設定を保存しました。")
