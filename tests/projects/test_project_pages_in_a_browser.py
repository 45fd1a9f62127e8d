"""The project pages in a real browser: WCAG 2.1 AA by axe-core, a phone's width, and a monthly report filed
as a person does it (the issue's acceptance, on the demo data)."""

import pytest

from projects.models import Project
from tests.browser.conftest import (  # noqa: F401 - the browser fixtures, for a module outside tests/browser/
    CHROMIUM,
    PHONE,
    assert_accessible,
    assert_no_horizontal_scroll,
    browser_context_args,
    browser_type_launch_args,
    demo,
    login,
)

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed")]


@pytest.mark.parametrize("path", ["/projects/", "/projects/mine/", "/projects/KSC-NEXT/", "/projects/KSC-NEXT/reports/new/",
                                  "/projects/DATA-PLATFORM/", "/projects/KSC-NEXT/edit/"])
def test_each_page_passes_axe_and_fits_a_phone(page, live_server, login, demo, path):
    login("staff")
    page.goto(f"{live_server.url}{path}")
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page)


def test_the_history_page_passes_axe_and_fits_a_phone(page, live_server, login, demo):
    login("auditor")
    page.goto(f"{live_server.url}/projects/DATA-PLATFORM/history/")
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page)


def test_staff_file_the_monthly_report_in_a_minute_and_see_the_new_health(page, live_server, login, demo):
    login("staff")
    page.get_by_role("link", name="次期神奈川情報セキュリティクラウドの構築").click()
    page.get_by_role("link", name="進捗を報告する").click()
    # Everything is carried over from September's report: change what changed and file it.
    page.get_by_label("全体評価").select_option(label="遅延")
    page.get_by_label("実績進捗率（%）").fill("58")
    page.get_by_label("概況").fill("接続試験で2団体の切替手順に不備が見つかり、試験を延長した。")
    page.get_by_role("button", name="報告する").click()
    page.wait_for_load_state()
    assert "進捗報告を登録しました。" in page.inner_text(".messages")
    assert "遅延" in page.locator(".card").first.inner_text()
    assert Project.objects.get(code="KSC-NEXT").health == "red"


def test_a_field_error_is_announced_next_to_the_field_and_the_text_stays(page, live_server, login, demo):
    login("staff")
    page.goto(f"{live_server.url}/projects/KSC-NEXT/reports/new/")
    page.get_by_label("実績進捗率（%）").fill("120")
    page.get_by_label("概況").fill("入力途中の概況")
    page.get_by_role("button", name="報告する").click()
    field = page.get_by_label("実績進捗率（%）")
    assert field.get_attribute("aria-invalid") == "true"
    assert "100 以下" in page.locator("#id_actual_progress_error").inner_text()
    assert page.get_by_label("概況").input_value() == "入力途中の概況"
    assert_accessible(page)
