"""In a real browser (Debian's Chromium), pages run under the Content Security Policy with nothing
refused, and the Swagger UI at /api/docs/ draws the API from our own files alone."""

from urllib.parse import urlparse

import pytest

# The browser fixtures come from tests/browser/harness.py, which also skips these without Chromium.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(page, url):
    """What the browser refused under the policy, and every host the page fetched from."""
    refused, hosts = [], set()
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.goto(url)
    return refused, hosts


def test_the_login_page_runs_under_the_policy(page, live_server):
    refused, hosts = visit(page, f"{live_server.url}/accounts/login/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_username").is_visible()
    assert refused == []
    assert hosts == {urlparse(live_server.url).netloc}


def test_the_swagger_ui_draws_the_api_from_our_own_files_under_the_policy(page, live_server):
    refused, hosts = visit(page, f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15000)
    page.wait_for_load_state("networkidle")
    assert "DX Portal API" in page.locator(".swagger-ui .info .title").inner_text()
    assert refused == []
    assert hosts == {urlparse(live_server.url).netloc}
