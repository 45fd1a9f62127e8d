"""The meeting pack's print view in Chromium: axe-core (WCAG 2.1 AA) on screen, at A4 width (~794 px) and in print
media, where the tools bar is gone and the draft's 案 watermark stays."""

import pytest

from governance.models import CouncilMeeting
from tests.browser.harness import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
A4_WIDTH = {"width": 794, "height": 1123}  # A4 at 96 dpi


@pytest.mark.parametrize("path", ["/governance/committee/4/pack/", "/governance/council/{council}/pack/"])
def test_the_print_view_passes_axe_on_screen_at_a4_width_and_in_print(page, demo_site, path):
    path = path.format(council=CouncilMeeting.objects.order_by("-held_on").values_list("pk", flat=True).first())
    response = demo_site.open(page, path, as_user="pmo")
    assert response.status == 200
    assert page.locator("nav").count() == 0
    assert page.get_by_role("button", name="この内容で資料を発行する").is_visible()
    assert_accessible(page)

    page.set_viewport_size(A4_WIDTH)
    assert_accessible(page)

    page.emulate_media(media="print")
    assert not page.locator(".pack-tools").is_visible()
    assert page.locator(".pack-watermark").is_visible()
    assert_accessible(page)


def test_the_meeting_page_links_the_pack_and_lists_no_version_before_issue(page, demo_site):
    demo_site.open(page, "/governance/committee/4/", as_user="cio")
    assert page.get_by_role("link", name="会議資料（案）を開く（印刷用）").is_visible()
    assert page.get_by_text("まだ発行されていません。").is_visible()
    assert_accessible(page)
