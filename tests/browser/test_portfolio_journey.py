"""The CIO's look at the portfolio in a real browser: only the red projects, the longest silent first, in Excel."""

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.harness import assert_accessible

pytestmark = pytest.mark.browser

RED = ["DATA-PLATFORM", "E-CONTRACT", "EDU-NETWORK"]


def test_the_cio_filters_to_red_projects_sorts_by_silence_and_downloads_them(page, login, demo, tmp_path):
    login("cio")
    expect(page.get_by_role("heading", name="ポートフォリオ", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("combobox", name="健全度", exact=True).select_option(label="遅延")
    page.get_by_role("button", name="表示する").click()
    table = page.get_by_role("table", name="案件一覧")
    codes = table.locator("tbody tr td:first-child")
    # Exceptions first, by budget (the default order): every red project is one.
    expect(codes).to_have_count(len(RED))
    assert sorted(codes.all_inner_texts()) == RED

    sort_by_days = page.get_by_role("link", name="報告からの日数")
    days_header = page.get_by_role("columnheader", name="報告からの日数")
    sort_by_days.click()
    expect(days_header).to_have_attribute("aria-sort", "ascending")
    sort_by_days.click()
    expect(days_header).to_have_attribute("aria-sort", "descending")
    expect(page.get_by_role("combobox", name="健全度", exact=True)).to_have_value("red")
    headers = table.locator("thead th").all_inner_texts()
    column = next(n for n, header in enumerate(headers, start=1) if header.startswith("報告からの日数"))
    days = [int(cell.split()[0]) for cell in table.locator(f"tbody tr td:nth-child({column})").all_inner_texts()]
    assert len(days) == len(RED) and days == sorted(days, reverse=True)
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excelでダウンロード").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    sheet = load_workbook(path, read_only=True).active
    exported = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert exported == [code.inner_text() for code in codes.all()]
