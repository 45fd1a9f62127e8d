"""The portfolio page in a real browser: WCAG 2.1 AA by axe-core, a phone's width, filter and sort as a person does."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from projects.models import Health, Project
from projects.services import status_report_submit
from tests.browser.harness import PHONE, assert_accessible, assert_no_horizontal_scroll
from tests.projects.factories import FindingFactory, MilestoneFactory, ProjectFactory, ProjectIssueFactory

# Without Chromium the harness skips every test using ``page`` and names them at the end of the run.
pytestmark = pytest.mark.browser


@pytest.fixture
def portfolio(transactional_db, petra, division, other_division):
    today = timezone.localdate()
    for code, name, owner, health, days, budget in (
        ("DX-1", "電子申請システムの再構築", division, Health.GREEN, 3, 480_000_000),
        ("DX-2", "庁内ネットワークの更新", division, Health.RED, 60, 1_314_563_000),
        ("WA-1", "水道料金システム", other_division, Health.YELLOW, 10, 96_000_000),
    ):
        project = ProjectFactory(
            code=code,
            name=name,
            division=owner,
            budget_yen=budget,
            planned_start=today.replace(year=today.year - 1),
            planned_end=today.replace(year=today.year + 1),
        )
        status_report_submit(
            project=project,
            actor=petra,
            as_of=today - datetime.timedelta(days=days),
            health=health,
            schedule_health=health,
            cost_health=Health.GREEN,
            scope_health=Health.GREEN,
            quality_health=health,
            planned_progress=60,
            actual_progress=45,
            summary="定例報告",
        )
        ProjectIssueFactory(project=project, severity="high")
        FindingFactory(project=project)
        MilestoneFactory(project=project, planned_on=today + datetime.timedelta(days=30))
    ProjectFactory(code="WA-2", name="浄水場監視", division=other_division, phase=Project.Phase.PLANNING)


@pytest.fixture
def cio_page(page, live_server, carl):
    """The browser, logged in as Carl (the CIO) with a session made on the server."""
    client = Client()
    client.force_login(carl)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return page


def codes(page):
    """The code column of the table; ``expect`` retries on it until the page has loaded."""
    return page.locator(".portfolio-table tbody tr td:first-child")


def test_the_portfolio_passes_axe_and_fits_a_phone_without_sideways_scrolling(cio_page, live_server, portfolio):
    page = cio_page
    page.goto(f"{live_server.url}/portfolio/")
    expect(page.get_by_role("heading", name="ポートフォリオ", level=1)).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page)
    assert_accessible(page)


def test_a_person_filters_sorts_and_opens_a_project(cio_page, live_server, portfolio):
    page = cio_page
    page.goto(f"{live_server.url}/portfolio/?ordering=code")
    expect(codes(page)).to_have_text(["DX-1", "DX-2", "WA-1", "WA-2"])
    page.get_by_role("search").get_by_label("局", exact=True).select_option(label="政策局")
    page.get_by_role("button", name="表示する").click()
    expect(codes(page)).to_have_text(["DX-1", "DX-2"])
    page.get_by_role("link", name="予算額（円）").click()
    expect(page.locator("th[aria-sort]")).to_have_attribute("aria-sort", "ascending")
    page.get_by_role("link", name="予算額（円）").click()
    expect(page.locator("th[aria-sort]")).to_have_attribute("aria-sort", "descending")
    expect(codes(page)).to_have_text(["DX-2", "DX-1"])
    expect(page.get_by_role("search").get_by_label("局", exact=True)).to_have_value("policy")
    page.get_by_role("table").get_by_role("link", name="庁内ネットワークの更新").click()
    expect(page).to_have_url(f"{live_server.url}/projects/DX-2/")
