"""To the agenda and through a gate, in a real browser: PMO sends a finding to the next committee meeting and it
links back; a returned gate stops the project's phase from moving past it."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import CommitteeMeeting
from governance.services import committee_meeting_record
from tests.browser.harness import assert_accessible

pytestmark = pytest.mark.browser

FINDING = "共同利用ルール策定の工程表"


def test_pmo_sends_a_finding_to_the_next_meeting_and_the_agenda_links_back(page, login, demo):
    pmo = get_user_model().objects.get(username="pmo")
    number = CommitteeMeeting.objects.aggregate(n=Max("number"))["n"] + 1
    committee_meeting_record(actor=pmo, number=number, held_on=timezone.localdate() + datetime.timedelta(days=14),
                             title="次回ステアリング・コミッティ")
    login("pmo")
    page.get_by_role("link", name="案件一覧").click()
    page.get_by_role("link", name="データ統合・分析基盤の整備").click()
    page.get_by_role("row", name=FINDING).get_by_role("link", name="委員会の議題に提案").click()
    assert_accessible(page)
    page.get_by_label("提案の理由").fill("市町村との共同利用ルールは全庁の判断が必要なため。")
    page.get_by_role("button", name="提案する").click()
    expect(page.get_by_role("status")).to_contain_text("委員会の議題候補に提案しました。")
    expect(page.get_by_role("row", name=FINDING)).to_contain_text("議題候補")

    page.goto(page.url.split("/projects/")[0] + f"/governance/committee/{number}/")
    backlog = page.get_by_role("row", name=FINDING)
    expect(backlog).to_contain_text("市町村との共同利用ルールは全庁の判断が必要なため。")
    assert_accessible(page)
    backlog.get_by_label("の区分").select_option(label="決定")
    backlog.get_by_role("button", name="議題に追加").click()
    expect(page.get_by_role("status")).to_contain_text("議題に追加しました")
    link = page.get_by_role("link", name=f"助言・指摘: DATA-PLATFORM {FINDING}")
    expect(link).to_be_visible()
    assert_accessible(page)
    link.click()
    expect(page.get_by_role("row", name=FINDING)).to_contain_text(f"議題に追加済 第{number}回")


def test_a_returned_gate_stops_the_phase_with_a_clear_message(page, login, demo):
    login("pmo")
    page.get_by_role("link", name="案件一覧").click()
    page.get_by_role("link", name="電子契約の導入").click()
    page.get_by_role("link", name="ゲートレビューを記録する").click()
    assert_accessible(page)
    expect(page.get_by_label("移行前フェーズ")).to_have_value("requirements")
    page.get_by_label("判定").select_option(label="差戻し")
    page.get_by_label("所見").fill("電子署名の権限規程が未確定のため、設計に進めない。")
    page.get_by_role("button", name="記録する").click()
    expect(page.get_by_role("status")).to_have_text("ゲートレビューを記録しました。")
    expect(page.get_by_role("row", name="要件定義 → 設計・開発")).to_contain_text("差戻し")
    assert_accessible(page)

    page.get_by_role("link", name="案件情報を更新する").click()
    page.get_by_label("フェーズ").select_option(label="設計・開発")
    page.get_by_role("button", name="保存する").click()
    expect(page.locator("#id_phase_error")).to_contain_text("「要件定義 → 設計・開発」のゲートレビューが差戻し")
    assert_accessible(page)
