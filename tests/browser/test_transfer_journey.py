"""The transfer list and the hand-over in a browser, on the demo: pmo finds the transfer list, the demo's
transfer is applied on its date, and manager hands staff's open issues over. Each page passes axe."""

import datetime
import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from organisation.models import Transfer
from projects.models import ProjectIssue
from tests.browser.harness import PHONE, assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser


def check(page):
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_pmo_enters_transfers_and_the_manager_hands_over(page, demo, login, live_server):
    login("pmo")
    page.goto(f"{live_server.url}/people/transfers/")
    expect(page.get_by_role("table")).to_contain_text("横浜 花子")
    check(page)
    for path in ("/people/transfers/new/", "/people/transfers/import/"):
        page.goto(f"{live_server.url}{path}")
        check(page)

    transfer = Transfer.objects.get(user__username="staff")
    moment = datetime.datetime.combine(transfer.effective_on, datetime.time(8)).isoformat()
    call_command("apply_transfers", "--now", moment, stdout=io.StringIO())

    page.context.clear_cookies()
    login("manager")
    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="引継ぎ").click()
    check(page)
    page.get_by_role("link", name="横浜 花子").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("横浜 花子")
    check(page)
    page.get_by_role("combobox", name="引継ぎ先", exact=False).last.select_option(label="鎌倉 一郎")
    page.get_by_role("button", name="2件をすべて引き継ぐ").click()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text("2件を引き継ぎました")
    assert not ProjectIssue.objects.filter(owner="横浜 花子").exists()
    check(page)
