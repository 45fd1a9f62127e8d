"""Exceptions first: portfolio_exceptions(person, today), the panel at the top of /portfolio/, exception rows first,
and the table's column chooser."""

import datetime
from html import unescape

import pytest
import time_machine

from projects.models import Health, Project
from projects.selectors import ExceptionReason, portfolio_exceptions, portfolio_exceptions_first
from projects.services import status_report_review, status_report_submit
from tests.projects.factories import MilestoneFactory, ProjectFactory

TODAY = datetime.date(2022, 10, 4)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2022, 10, 4, 0, 0, tzinfo=datetime.UTC), tick=False):
        yield


def report(project, as_of, health, *, actor, pmo_health=""):
    filed = status_report_submit(
        project=project, actor=actor, as_of=as_of, health=health, schedule_health=health, cost_health=health,
        scope_health=health, quality_health=health, planned_progress=50, actual_progress=50, summary="定例報告",
    )
    if pmo_health:
        status_report_review(report=filed, actor=actor, expected_version=filed.version, pmo_health=pmo_health)
    return filed


def fresh(code, division, budget, **fields):
    """A project that reported this week: not stale."""
    project = ProjectFactory(code=code, division=division, budget_yen=budget, **fields)
    project.last_reported_on = datetime.date(2022, 9, 30)
    project.save()
    return project


def reasons(person) -> dict[str, list[str]]:
    return {row.project.code: list(row.reasons) for row in portfolio_exceptions(person, TODAY)}


def test_each_rule_names_its_reason(division, petra):
    red = fresh("RED", division, 100)
    report(red, datetime.date(2022, 9, 30), Health.RED, actor=petra, pmo_health=Health.RED)
    worse = fresh("WORSE", division, 200)
    report(worse, datetime.date(2022, 8, 31), Health.GREEN, actor=petra, pmo_health=Health.GREEN)
    report(worse, datetime.date(2022, 9, 30), Health.YELLOW, actor=petra, pmo_health=Health.YELLOW)
    unreviewed = fresh("UNREVIEWED", division, 300)
    report(unreviewed, datetime.date(2022, 8, 31), Health.RED, actor=petra, pmo_health=Health.RED)
    report(unreviewed, datetime.date(2022, 9, 30), Health.GREEN, actor=petra)
    ProjectFactory(code="STALE", division=division, budget_yen=400, planned_start=datetime.date(2022, 4, 1))
    late = fresh("LATE", division, 500)
    MilestoneFactory(project=late, planned_on=datetime.date(2022, 9, 1))
    slipping = fresh("SLIPPING", division, 600)
    MilestoneFactory(project=slipping, planned_on=datetime.date(2022, 12, 1), forecast_on=datetime.date(2023, 1, 10))
    fine = fresh("FINE", division, 700)
    report(fine, datetime.date(2022, 9, 30), Health.GREEN, actor=petra, pmo_health=Health.GREEN)
    MilestoneFactory(project=fine, planned_on=datetime.date(2022, 9, 1), actual_on=datetime.date(2022, 9, 20))
    MilestoneFactory(project=fine, planned_on=datetime.date(2022, 12, 1))

    found = reasons(petra)
    assert found == {
        "SLIPPING": [ExceptionReason.LATE_MILESTONE],
        "LATE": [ExceptionReason.LATE_MILESTONE],
        "STALE": [ExceptionReason.STALE],
        # The division's green does not hide PMO's earlier red: shown red, and flagged as awaiting review.
        "UNREVIEWED": [ExceptionReason.RED, ExceptionReason.UNREVIEWED_RED],
        "WORSE": [ExceptionReason.WORSENING],
        "RED": [ExceptionReason.RED],
    }
    # The largest budget first.
    assert list(found) == ["SLIPPING", "LATE", "STALE", "UNREVIEWED", "WORSE", "RED"]


def test_a_closed_project_is_no_exception(division, petra):
    ProjectFactory(code="OLD", division=division, phase=Project.Phase.CLOSED, health=Health.RED)
    assert reasons(petra) == {}


def test_a_person_gets_only_the_exceptions_they_may_see(division, other_division, alice, charlie):
    ProjectFactory(code="OURS", division=division, health=Health.RED)
    ProjectFactory(code="THEIRS", division=other_division, health=Health.RED)
    assert list(reasons(alice)) == ["OURS"]
    assert list(reasons(charlie)) == ["THEIRS"]


def test_the_panel_reads_the_first_exceptions_and_how_many_there_are(division, petra):
    for n in range(4):
        fresh(f"RED-{n}", division, 100 * n, health=Health.RED)
    fresh("CALM", division, 1000)
    every = portfolio_exceptions(petra, TODAY)
    first, total = portfolio_exceptions_first(petra, TODAY, limit=3)
    assert [(row.project.code, row.reasons) for row in first] == [(row.project.code, row.reasons) for row in every[:3]]
    assert total == len(every) == 4
    Project.objects.update(health=Health.GREEN)
    assert portfolio_exceptions_first(petra, TODAY, limit=3) == ([], 0)


@pytest.fixture
def portfolio(division, petra):
    fresh("CALM-A", division, 900)
    fresh("CALM-B", division, 50)
    fresh("RED-SMALL", division, 100, health=Health.RED)
    fresh("RED-BIG", division, 800, health=Health.RED)


def codes(html: str) -> list[str]:
    marker = '<td class="sticky-code">'
    return [part.split("<", 1)[0] for part in html.split(marker)[1:]]


def test_the_panel_leads_the_page_with_the_exceptions_by_budget(client, carl, portfolio):
    client.force_login(carl)
    html = client.get("/portfolio/").content.decode()
    panel = html[html.index('<section class="exceptions'):html.index("</section>", html.index('<section class="exceptions'))]
    assert html.index('<section class="exceptions') < html.index('class="filters"')
    assert "要対応の案件（2件）" in panel
    assert panel.index("RED-BIG") < panel.index("RED-SMALL")
    assert "CALM-A" not in panel


@pytest.mark.parametrize(("language", "name"), [("ja", '<img src=x onerror="alert(1)">&案件'), ("en", "<b>Bold</b> 'system'")])
def test_a_name_with_markup_is_shown_as_text_in_the_panel_and_the_table(client, carl, division, language, name):
    fresh("MARKUP", division, 100, health=Health.RED, name='<img src=x onerror="alert(1)">&案件', name_en="<b>Bold</b> 'system'")
    client.force_login(carl)
    html = client.get("/portfolio/", headers={"accept-language": language}).content.decode()
    panel, table = html.split('<table class="portfolio-table">')
    assert name in unescape(panel.split('<section class="exceptions', 1)[1]) and name in unescape(table)
    assert "<img" not in html and "<b>" not in html


def test_the_table_lists_the_exceptions_first_then_the_rest_by_code(client, carl, portfolio):
    client.force_login(carl)
    assert codes(client.get("/portfolio/").content.decode()) == ["RED-BIG", "RED-SMALL", "CALM-A", "CALM-B"]
    assert codes(client.get("/portfolio/?ordering=code").content.decode()) == ["CALM-A", "CALM-B", "RED-BIG", "RED-SMALL"]


def test_the_table_shows_a_sensible_subset_of_columns_until_the_person_chooses(client, carl, portfolio):
    client.force_login(carl)
    html = client.get("/portfolio/").content.decode()
    table = html[html.index('<table class="portfolio-table">'):]
    assert "健全度" in table and "所属" not in table.split("</thead>")[0]
    chosen = client.get("/portfolio/?cols=division&cols=budget_yen").content.decode()
    head = chosen[chosen.index('<table class="portfolio-table">'):].split("</thead>")[0]
    assert [label in head for label in ("案件コード", "案件名", "所属", "予算額（円）", "健全度")] == [True] * 4 + [False]
    # The choice stays in the links that sort, as one cols parameter.
    assert "cols=code%2Cname%2Cdivision%2Cbudget_yen&amp;ordering=budget_yen" in head


def test_unknown_columns_fall_back_to_the_default_and_never_reach_the_links(client, carl, portfolio):
    client.force_login(carl)
    html = client.get("/portfolio/?cols=<script>").content.decode()
    assert "<script>" not in html.split("<main", 1)[1].split("</main>")[0].replace("<script src", "")
    assert "健全度" in html


def test_the_code_and_name_are_sticky_and_the_name_carries_the_health(client, carl, portfolio):
    client.force_login(carl)
    html = client.get("/portfolio/?ordering=code").content.decode()
    assert '<td class="sticky-code">RED-BIG</td><th scope="row" class="sticky-name">' in html
    assert '<span class="badge badge--red name-health">遅延</span></th>' in html


def test_exports_keep_every_column_unless_columns_were_chosen(client, carl, portfolio):
    client.force_login(carl)
    every = client.get("/portfolio/export.csv").content.decode("utf-8-sig").splitlines()[0].split(",")
    chosen = client.get("/portfolio/export.csv?cols=budget_yen").content.decode("utf-8-sig").splitlines()[0].split(",")
    assert len(every) == 29
    assert chosen == ["案件コード", "案件名", "予算額（円）"]
