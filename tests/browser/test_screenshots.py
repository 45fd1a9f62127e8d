"""Screenshots of the pages people look at most, at desktop and at a 390 px phone width, kept by CI under
artifacts/screenshots/; at the phone width the page body must not scroll sideways."""

import pytest
from playwright.sync_api import expect

from tests.browser.harness import SCREENSHOTS, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize(
    ("name", "person", "path", "heading"),
    [
        ("portfolio", "cio", "/portfolio/", "ポートフォリオ"),
        ("project", "staff", "/projects/KSC-NEXT/", "次期神奈川情報セキュリティクラウドの構築"),
        ("kpi", None, "/kpis/e-approval-rate/", "電子決裁率"),
        ("municipal-dx-matrix", "pmo", "/governance/dx-status/", "自治体DXの対応状況"),
    ],
)
def test_the_page_is_saved_at_desktop_and_phone_widths(page, demo_site, name, person, path, heading):
    demo_site.open(page, path, as_user=person)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    screenshot(page, name)
    assert (SCREENSHOTS / f"{name}-desktop.png").stat().st_size > 10_000
    assert (SCREENSHOTS / f"{name}-phone.png").stat().st_size > 10_000
