"""Browser tests: Debian's headless Chromium driven by Playwright against pytest-django's live server.

Never `playwright install`: the browser is /usr/bin/chromium (apt-get install chromium fonts-noto-cjk).
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The live server runs in a thread of this process; Playwright's sync API runs an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ja-JP", "timezone_id": "Asia/Tokyo", "viewport": DESKTOP,
            "accept_downloads": True}


@pytest.fixture
def demo(transactional_db):
    """The demo data, as a person trying the portal would see it."""
    call_command("load_demo", stdout=open(os.devnull, "w"))


@pytest.fixture
def login(page, live_server):
    """Log in through the real form, as a person does."""

    def log_in(username: str, password: str = settings.DX_DEMO_PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("ユーザー名").fill(username)
        page.get_by_label("パスワード").fill(password)
        page.get_by_role("button", name="ログイン").click()
        page.wait_for_load_state()
        return page

    return log_in


_axe = Axe()


def assert_accessible(page) -> None:
    """axe-core over the page for WCAG 2.1 A and AA: no serious or critical violation."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]})
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, f"{page.url}:\n" + "\n".join(serious)


def assert_no_horizontal_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {page.viewport_size['width']}px"


def screenshot(page, name: str) -> None:
    """Save the page at desktop and phone widths under artifacts/screenshots/ (CI keeps the folder)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=SCREENSHOTS / f"{re.sub(r'[^a-z0-9-]+', '-', name)}-{label}.png", full_page=True)
        if label == "phone":
            assert_no_horizontal_scroll(page)
    page.set_viewport_size(original)
