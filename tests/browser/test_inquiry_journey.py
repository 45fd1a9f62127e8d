"""An inquiry in a real browser: PMO sees the late municipalities, enters one's answer, and takes the answers
into the DX matrix after the preview."""

import pytest
from playwright.sync_api import expect

from governance.models import MunicipalDxStatus
from inquiries.demo import TITLE
from tests.browser.harness import assert_accessible

pytestmark = pytest.mark.browser


def test_pmo_enters_a_late_answer_and_takes_the_answers_into_the_matrix(page, login, live_server, demo):
    login("pmo")
    page.goto(f"{live_server.url}/governance/inquiries/")
    page.get_by_role("link", name=TITLE).click()
    late = page.locator("#late + ul")
    expect(late).to_contain_text("真鶴町")
    page.get_by_role("link", name="真鶴町", exact=True).click()
    assert_accessible(page)
    page.get_by_role("group", name="1. 標準準拠システムへの移行計画の策定状況").get_by_label("策定中").check()
    page.get_by_label("2. 移行対象の基幹業務システム数").fill("15")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("この項目は必須です。", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("3. 移行完了の予定時期").fill("2025-12-31")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_role("status")).to_have_text("回答を保存しました。")
    expect(page.locator("#late + ul")).not_to_contain_text("真鶴町")

    page.get_by_role("link", name="この回答を自治体DXの対応状況に反映する").click()
    page.get_by_label("「策定済」と回答した団体").select_option(label="完了")
    page.get_by_role("button", name="プレビュー").click()
    assert_accessible(page)
    expect(page.get_by_role("table")).to_be_visible()
    page.get_by_role("button", name="この内容で確定する").click()
    expect(page.get_by_role("status")).to_contain_text("自治体DXの対応状況を")
    assert MunicipalDxStatus.objects.filter(
        focus_area=MunicipalDxStatus.FocusArea.STANDARDISATION, municipality__code="141003", status="done"
    ).exists()
