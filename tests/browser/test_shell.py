"""The shell in a real browser: login errors at the field, the language switch, accessibility."""

import pytest
from playwright.sync_api import expect

from tests.browser.harness import assert_accessible

pytestmark = pytest.mark.browser


def test_the_login_page_passes_axe_and_reports_a_wrong_password(page, live_server, demo):
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page)
    page.get_by_label("ユーザー名").fill("staff")
    page.get_by_label("パスワード").fill("wrong")
    page.get_by_role("button", name="ログイン").click()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("ユーザー名").input_value() == "staff"
    assert_accessible(page)


def test_the_language_switch_turns_the_page_into_english_and_back(page, live_server, login, demo):
    login("staff")
    expect(page.get_by_role("banner")).to_contain_text("横浜 花子")  # family name first, as Japanese writes it
    page.goto(f"{live_server.url}/projects/KSC-NEXT/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/projects/KSC-NEXT/")
    expect(page.get_by_role("heading", name="Current status")).to_be_visible()
    expect(page.get_by_role("link", name="Submit a status report")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="日本語").click()
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", name="現在の状況")).to_be_visible()
