"""A PMO finding in a real browser: PMO writes it, the owning division answers it, and it shows as answered."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.harness import assert_accessible

pytestmark = pytest.mark.browser

PROJECT = "次期神奈川情報セキュリティクラウドの構築"
TITLE = "切替リハーサルの実施計画"


def test_pmo_writes_a_finding_staff_answer_it_and_it_shows_as_answered(page, login, demo):
    login("pmo")
    page.get_by_role("link", name="案件一覧").click()
    page.get_by_role("link", name=PROJECT).click()
    page.get_by_role("link", name="助言・指摘を記載する").click()
    assert_accessible(page)
    page.get_by_label("区分").select_option(label="スケジュール")
    page.get_by_label("件名").fill(TITLE)
    page.get_by_label("助言・指摘内容").fill("33団体の切替を一斉に行う前に、リハーサルの日程と判定基準を示してください。")
    page.get_by_label("重要度").select_option(label="高")
    page.get_by_label("回答期限").fill((timezone.localdate() + datetime.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="所管所属へ送る").click()
    expect(page.get_by_role("status")).to_have_text("助言・指摘を記載しました。")
    expect(page.get_by_role("row", name=TITLE)).to_contain_text("回答待ち")
    page.get_by_role("button", name="ログアウト").click()

    login("staff")
    page.get_by_role("link", name="担当案件").click()
    page.get_by_role("link", name=PROJECT).click()
    page.get_by_role("row", name=TITLE).get_by_role("link", name="回答する").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("所管所属の回答").fill("11月第2週にリハーサルを行い、判定基準は別紙のとおりとします。")
    page.get_by_role("button", name="回答する").click()

    expect(page.get_by_role("status")).to_have_text("回答を登録しました。")
    row = page.get_by_role("row", name=TITLE)
    expect(row).to_contain_text("回答済")
    expect(row).to_contain_text("11月第2週にリハーサルを行い")
    assert_accessible(page)
