"""The shell in a real browser: login errors at the field, the language switch, accessibility."""

import pytest

from tests.browser.conftest import assert_accessible

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


def test_the_language_switch_turns_the_page_into_english_and_back(page, live_server, demo):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Log in").is_visible()
    page.get_by_role("button", name="日本語").click()
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.get_by_role("heading", name="ログイン").is_visible()
