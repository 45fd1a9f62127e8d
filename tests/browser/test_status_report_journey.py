"""Division staff file the monthly status report in a real browser: a mistake is shown beside its field with
what was typed kept, and the project then shows the new health. Once with the mouse, once with the keyboard alone."""

import pytest
from playwright.sync_api import expect

from tests.browser.harness import assert_accessible

pytestmark = pytest.mark.browser

PROJECT = "次期神奈川情報セキュリティクラウドの構築"
SUMMARY = "接続試験で2団体の切替手順に不備が見つかり、試験を延長した。"


def test_staff_correct_a_mistake_in_the_report_and_see_the_new_health(page, login, demo):
    login("staff")
    expect(page.get_by_role("heading", name="マイワーク", level=1)).to_be_visible()
    page.get_by_role("link", name="担当案件").click()
    expect(page.get_by_role("heading", name="担当案件", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=PROJECT).click()
    assert_accessible(page)
    page.get_by_role("link", name="進捗を報告する").click()
    assert_accessible(page)

    # Everything is carried over from September's report: change what changed, with one slip of the finger.
    page.get_by_label("全体評価").select_option(label="遅延")
    page.get_by_label("実績進捗率（%）").fill("580")
    page.get_by_label("概況").fill(SUMMARY)
    page.get_by_role("button", name="報告する").click()

    progress = page.get_by_label("実績進捗率（%）")
    expect(progress).to_have_attribute("aria-invalid", "true")
    expect(progress).to_have_accessible_description("0〜100の整数で入力してください。 この値は 100 以下でなければなりません。")
    error = page.locator(".field", has=progress).locator(".field-errors")
    expect(error).to_have_text("この値は 100 以下でなければなりません。")
    expect(progress).to_have_value("580")
    expect(page.get_by_label("概況")).to_have_value(SUMMARY)
    expect(page.get_by_label("全体評価")).to_have_value("red")
    assert_accessible(page)

    progress.fill("58")
    page.get_by_role("button", name="報告する").click()

    expect(page.get_by_role("status")).to_have_text("進捗報告を登録しました。")
    expect(page.get_by_role("heading", name=PROJECT, level=1)).to_be_visible()
    # デジタル戦略本部室's reports count once its 所属長 approves them.
    expect(page.get_by_text("所属長の承認後に提出済となります。")).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()
    login("manager")
    page.get_by_role("link", name="担当案件").click()
    page.get_by_role("link", name=PROJECT).click()
    page.get_by_role("link", name="承認・差戻し").first.click()
    page.get_by_label("承認する").check()
    page.get_by_role("button", name="決定する").click()
    expect(page.get_by_role("status")).to_have_text("承認・差戻しを登録しました。")
    expect(page.locator(".card", has_text="健全度")).to_contain_text("遅延")
    expect(page.locator(".card", has_text="進捗率")).to_contain_text("58%")
    assert_accessible(page)


def tab_to(page, target, *, key="Tab", limit=60) -> None:
    """Press Tab (or Shift+Tab) until ``target`` has the focus, as a keyboard user moves through the page."""
    for _ in range(limit):
        page.keyboard.press(key)
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{key} never reached {target}")


def test_the_report_form_can_be_completed_with_the_keyboard_alone(page, login, live_server, demo):
    login("staff")
    page.goto(f"{live_server.url}/projects/KSC-NEXT/")

    report_link = page.get_by_role("link", name="進捗を報告する")
    tab_to(page, report_link)
    outline = report_link.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none", "the focused link shows no focus indicator"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="進捗報告の登録", level=1)).to_be_visible()

    health = page.get_by_label("全体評価")
    tab_to(page, health)
    page.keyboard.press("End")  # the last choice of a closed select: 遅延
    expect(health).to_have_value("red")

    summary = page.get_by_label("概況")
    tab_to(page, summary)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(SUMMARY)

    progress = page.get_by_label("実績進捗率（%）")
    tab_to(page, progress, key="Shift+Tab")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("58")

    tab_to(page, page.get_by_role("button", name="報告する"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_have_text("進捗報告を登録しました。")
    expect(page.get_by_text("所属長の承認後に提出済となります。")).to_be_visible()
