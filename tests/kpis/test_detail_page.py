"""/kpis/<code>/: the full series in 和暦, cumulative where it applies, target against actual, chart, sources, history."""

import re
from decimal import Decimal

import pytest

from kpis.services import observation_record
from tests.kpis.factories import IndicatorFactory, ObservationFactory, TargetFactory


@pytest.fixture
def tasks(division):
    indicator = IndicatorFactory(code="rpa-tasks", name_ja="RPA導入業務数", division=division)
    for year, value in [(2019, 5), (2020, 18), (2021, 16)]:
        ObservationFactory(indicator=indicator, fiscal_year=year, value=value)
    ObservationFactory(indicator=indicator, fiscal_year=2022, value=7, provisional=True, note="令和4年8月末まで")
    return indicator


@pytest.fixture
def rate(division):
    indicator = IndicatorFactory(code="e-approval-rate", division=division, percentage=True)
    ObservationFactory(indicator=indicator, fiscal_year=2022, value=Decimal("92.7"), provisional=True)
    TargetFactory(indicator=indicator, fiscal_year=2022, value=Decimal(100))
    return indicator


def table_row(html: str, heading: str) -> str:
    """The row of a fiscal year in the series table (not in the chart's own table)."""
    series = html.split("（年度別）</caption>")[1]
    return re.search(rf"<tr>\s*<th scope=\"row\">{re.escape(heading)}.*?</tr>", series, re.S).group(0)


def test_the_series_names_each_fiscal_year_in_the_era_with_fy2019_under_both(client, tasks):
    html = client.get("/kpis/rpa-tasks/").content.decode()
    assert "平成31年度・令和元年度" in html
    assert "令和4年度" in html and "FY2022" in html


def test_new_in_period_figures_show_their_running_total(client, tasks):
    html = client.get("/kpis/rpa-tasks/").content.decode()
    latest = table_row(html, "令和4年度")
    assert re.search(r"<td class=\"num\">7業務 .*?速報値.*?</td>\s*<td class=\"num\">46業務</td>", latest, re.S)
    assert "23業務" in table_row(html, "令和2年度")


def test_target_against_actual(client, rate):
    row = table_row(client.get("/kpis/e-approval-rate/").content.decode(), "令和4年度")
    assert "92.7%" in row and "100%" in row and "−7.3ポイント" in row


def test_an_estimate_is_marked(client, division):
    water = IndicatorFactory(code="water-online-procedures", division=division, unit="件")
    ObservationFactory(indicator=water, value=Decimal(32000), is_estimate=True)
    row = table_row(client.get("/kpis/water-online-procedures/").content.decode(), "令和3年度")
    assert "約32,000件" in row and "概数" in row


def test_each_figure_names_its_source(client, tasks):
    row = table_row(client.get("/kpis/rpa-tasks/").content.decode(), "令和3年度")
    assert "「デジタル戦略の推進について」" in row
    assert "令和4年10月4日" in row and "5ページ" in row


def test_the_chart_is_an_accessible_svg_with_a_table_beside_it(client, tasks):
    html = client.get("/kpis/rpa-tasks/").content.decode()
    svg = re.search(r"<svg class=\"chart__svg\"[^>]*>", html).group(0)
    assert 'role="img"' in svg and "aria-labelledby" in svg
    assert "<title id=" in html and "<desc id=" in html
    assert "白抜きは速報値" in html
    details = re.search(r"<details class=\"chart__data\">.*?</details>", html, re.S).group(0)
    assert '<th scope="col" class="num">実績値</th>' in details and "7業務" in details
    assert "style=" not in html and "<script" not in html


def test_an_indicator_with_no_figures_says_so(client, division):
    IndicatorFactory(code="new-kpi", division=division)
    assert '<p class="empty">' in client.get("/kpis/new-kpi/").content.decode()


def test_a_non_public_indicator_sends_an_anonymous_visitor_to_log_in(client, division):
    IndicatorFactory(code="internal", division=division, private=True)
    response = client.get("/kpis/internal/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/kpis/internal/")


def test_logged_in_staff_of_any_division_see_a_non_public_indicator(client, division, charlie):
    IndicatorFactory(code="internal", division=division, private=True)
    client.force_login(charlie)
    assert client.get("/kpis/internal/").status_code == 200


def test_an_unknown_indicator_is_404(client, db):
    assert client.get("/kpis/nothing-here/").status_code == 404


def test_the_history_shows_who_replaced_a_provisional_figure(client, rate, alice, audrey):
    observation_record(
        actor=alice, indicator=rate, fiscal_year=2022, value=Decimal("95.1"), as_of=rate.observations.get().as_of,
        expected_version=1,
    )
    client.force_login(audrey)
    history = client.get("/kpis/e-approval-rate/").content.decode().split('id="history"')[1]
    assert "92.7 → 95.1" in history
    assert "はい → いいえ" in history
    assert alice.last_name in history


def test_anonymous_visitors_do_not_see_who_changed_what(client, rate):
    assert 'id="history"' not in client.get("/kpis/e-approval-rate/").content.decode()


@pytest.mark.parametrize(("person", "may_edit"), [
    ("alice", True), ("mallory", True), ("petra", True), ("charlie", False), ("carl", False), ("audrey", False),
    ("dana", False),
])
def test_only_the_owning_division_and_pmo_get_the_edit_links(client, request, rate, person, may_edit):
    client.force_login(request.getfixturevalue(person))
    html = client.get("/kpis/e-approval-rate/").content.decode()
    assert ("/kpis/e-approval-rate/observations/new/" in html) is may_edit
    assert ("修正（令和4年度）" in html) is may_edit


def test_it_runs_the_same_number_of_queries_for_few_and_many_figures_and_changes(client, division, alice, same_query_count):
    client.force_login(alice)
    small = IndicatorFactory(code="small", division=division)
    ObservationFactory(indicator=small)
    large = IndicatorFactory(code="large", division=division)
    for year in range(2000, 2022):
        observation = ObservationFactory(indicator=large, fiscal_year=year, value=year)
        observation_record(actor=alice, indicator=large, fiscal_year=year, value=Decimal(year + 1),
                           as_of=observation.as_of, expected_version=1)
        TargetFactory(indicator=large, fiscal_year=year, value=year)
    same_query_count(lambda: client.get("/kpis/small/"), lambda: client.get("/kpis/large/"))


def test_the_page_reads_in_english_with_plain_fiscal_years(client, tasks):
    tasks.name_en = "Tasks automated with RPA"
    tasks.save()
    html = client.get("/kpis/rpa-tasks/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Tasks automated with RPA</h1>" in html
    assert ">FY2022</text>" in html
