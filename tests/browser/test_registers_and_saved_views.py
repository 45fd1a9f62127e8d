"""The registers and the portfolio in a real browser, on the demo: axe (WCAG 2.1 AA), a phone's width with the
health beside each project's name, a heat-map cell that filters the list, and a saved view that reopens with its
filters and columns."""

import pytest
from playwright.sync_api import expect

from tests.browser.harness import PHONE, assert_accessible

pytestmark = pytest.mark.browser


def page_width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("person", "path"),
    [("pmo", "/registers/risks/"), ("staff", "/registers/risks/?kind=risk&state=open"), ("staff", "/registers/findings/"),
     ("cio", "/portfolio/")],
)
def test_the_page_passes_axe_and_fits_a_phone(page, demo_site, person, path):
    assert demo_site.open(page, path, as_user=person).status == 200
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert page_width(page) <= PHONE["width"]
    assert_accessible(page)


@pytest.mark.django_db
def test_at_390_px_the_portfolio_shows_each_projects_health_without_scrolling_the_page(page, demo_site):
    page.set_viewport_size(PHONE)
    demo_site.open(page, "/portfolio/?ordering=code", as_user="cio")
    assert page_width(page) <= 390
    first = page.locator(".portfolio-table tbody tr").first
    badge = first.locator(".name-health")
    expect(badge).to_be_visible()
    box = badge.bounding_box()
    assert box["x"] + box["width"] <= 390
    # The exceptions come first, with their reasons, above the filters.
    expect(page.get_by_role("heading", name="要対応の案件", exact=False)).to_be_visible()


def test_a_heat_map_cell_filters_the_risks(page, login, demo, live_server):
    login("pmo")
    page.goto(f"{live_server.url}/registers/risks/")
    cell = page.get_by_role("link", name="発生可能性4・影響度5のリスク", exact=False)
    count = int(cell.inner_text())
    assert count >= 1
    cell.click()
    expect(page.get_by_role("status")).to_have_text(f"{count}件")
    expect(page.get_by_role("row", name="年度内の移行完了", exact=False)).to_be_visible()


def test_a_saved_view_reopens_with_its_filters_and_columns(page, login, demo, live_server):
    login("pmo")
    page.goto(f"{live_server.url}/portfolio/")
    page.get_by_role("search").get_by_label("健全度", exact=True).select_option(label="遅延")
    page.get_by_role("button", name="表示する", exact=True).click()
    page.get_by_text("表示する列を選ぶ").click()
    page.get_by_role("checkbox", name="所属", exact=True).check()
    page.get_by_role("checkbox", name="フェーズ", exact=True).uncheck()
    page.get_by_role("button", name="この列で表示する").click()
    expect(page.get_by_role("columnheader", name="所属")).to_be_visible()
    page.get_by_text("この条件を保存").click()
    page.locator(".saved-views").get_by_label("名前").fill("遅延の案件と所属")
    page.get_by_label("この画面の既定にする").check()
    page.get_by_role("button", name="保存する", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("条件を保存しました。")

    # Another day: the portfolio opens with the saved view, its filter and its columns.
    page.goto(f"{live_server.url}/portfolio/")
    expect(page.get_by_role("search").get_by_label("健全度", exact=True)).to_have_value("red")
    expect(page.get_by_role("columnheader", name="所属")).to_be_visible()
    expect(page.get_by_role("columnheader", name="フェーズ")).to_have_count(0)
    expect(page.get_by_role("link", name="遅延の案件と所属")).to_be_visible()
    assert_accessible(page)
    # 条件をクリア shows every project again, without the default.
    page.get_by_role("link", name="条件をクリア").click()
    expect(page.get_by_role("search").get_by_label("健全度", exact=True)).to_have_value("")
