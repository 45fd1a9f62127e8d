"""Browser tests: Debian's headless Chromium driven by Playwright against pytest-django's live server.

A pytest plugin (``pytest_plugins`` in tests/conftest.py), so any test module can use ``page``, ``demo``,
``login`` and ``demo_site`` without importing them. Never `playwright install`: the browser is
/usr/bin/chromium (apt-get install chromium fonts-noto-cjk).
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Error as PlaywrightError
from pytest_django.live_server_helper import LiveServer

from tests.missing_dependencies import CHROMIUM as CHROMIUM_PACKAGE

# Debian's; CHROMIUM names another (or a missing one, to see the suite without a browser).
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _drives_a_browser(item) -> bool:
    return "page" in getattr(item, "fixturenames", ()) or item.get_closest_marker("browser") is not None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # Last, after pytest-django's own ordering: Playwright's session keeps an event loop running in this
    # thread, and Django refuses database calls from such a thread in the tests that would follow.
    items.sort(key=_drives_a_browser)
    if CHROMIUM.exists():
        return
    skip = CHROMIUM_PACKAGE.skip()
    for item in items:
        if _drives_a_browser(item):
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Allow the ORM beside Playwright's event loop only while a browser test runs (set-up to flush).

    A fixture would be torn down before pytest-django's flush, and a process-wide setting would leak
    into the subprocesses other tests start.
    """
    if not _drives_a_browser(item):
        return (yield)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        return (yield)


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
    return {**browser_context_args, "locale": "ja-JP", "timezone_id": "Asia/Tokyo", "viewport": DESKTOP, "accept_downloads": True}


def _load_demo():
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)


@pytest.fixture
def demo(transactional_db):
    """The demo data, as a person trying the portal would see it; emptied again after the test."""
    _load_demo()


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


class DemoSite:
    """The demo data behind a live server of its own, shared by a module of tests that only read."""

    def __init__(self, server: LiveServer):
        self.url = server.url
        # Sessions made now, outside any test's transaction, so the server sees them on PostgreSQL too.
        self._sessions = {}
        for user in get_user_model().objects.all():
            client = Client()
            client.force_login(user)
            self._sessions[user.username] = client.cookies[settings.SESSION_COOKIE_NAME].value

    def open(self, page, path: str, *, as_user: str | None = None):
        """Open ``path`` signed in as ``as_user`` (or signed out); returns the response."""
        page.context.clear_cookies()
        if as_user:
            page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": self._sessions[as_user], "url": self.url}])
        response = page.goto(f"{self.url}{path}")
        page.wait_for_load_state()
        return response


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """Load the demo once per module instead of once per test (about 2.5 s each), for pages that are only read.

    pytest-django's ``live_server`` fixture would make every test transactional and empty the database after
    each one, so this runs pytest-django's LiveServer itself and empties the database when the module ends.
    The module's tests are marked ``django_db`` (plain, not transactional) so that the test database exists.
    """
    with django_db_blocker.unblock():
        _load_demo()
        server = LiveServer("localhost")
        try:
            yield DemoSite(server)
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


_axe = Axe()


def assert_accessible(page) -> None:
    """axe-core over the page for WCAG 2.1 A and AA: no serious or critical violation."""
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    page.wait_for_load_state()
    try:
        results = _axe.run(page, options=options)
    except PlaywrightError:
        # A click's navigation had not begun when the wait above returned: axe met the old document going away.
        page.wait_for_load_state()
        results = _axe.run(page, options=options)
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
