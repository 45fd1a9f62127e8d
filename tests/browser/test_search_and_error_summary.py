"""In a real browser: the search page (axe, the header box, kind filters with counts, marked words) and a form's
error summary, which takes the focus when the page loads and links to each field, with the field's red border."""

import pytest
from playwright.sync_api import expect

from tests.browser.harness import PHONE, assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser


def test_staff2_searches_from_the_header_and_finds_the_contract_decisions(page, live_server, login, demo):
    login("staff2")
    page.goto(f"{live_server.url}/governance/")
    page.get_by_role("search", name="ポータル内検索").get_by_label("ポータル内を検索するキーワード").fill("契約")
    page.get_by_role("search", name="ポータル内検索").get_by_role("button", name="検索").click()
    expect(page).to_have_url(f"{live_server.url}/search/?q=%E5%A5%91%E7%B4%84")
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name="電子契約").first).to_be_visible()
    expect(results.locator("mark").first).to_have_text("契約")
    expect(page.locator("main")).not_to_contain_text("E-CONTRACT")
    assert_accessible(page)
    page.get_by_label("合意事項").check()
    page.locator("main").get_by_role("button", name="検索").click()
    expect(page.locator(".search-results .badge").first).to_have_text("合意事項")
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page)
    assert_accessible(page)


def test_a_form_with_errors_opens_on_its_summary_which_links_to_each_field(page, live_server, login, demo):
    login("staff")
    page.goto(f"{live_server.url}/projects/KSC-NEXT/issues/new/")
    page.get_by_role("button", name="登録する").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    link = summary.get_by_role("link").first
    target = link.get_attribute("href")
    field = page.locator(target)
    # The field's error border shows (2px, the error red), not the grey 1px of every input.
    assert field.evaluate("e => getComputedStyle(e).borderTopWidth") == "2px"
    assert field.evaluate("e => getComputedStyle(e).borderTopColor") != "rgb(102, 102, 102)"
    link.click()
    expect(field).to_be_focused()
    assert_accessible(page)
