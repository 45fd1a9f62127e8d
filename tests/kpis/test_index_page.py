"""/kpis/: every indicator the visitor may see, its latest figure, change on the year before, target and trend."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from tests.kpis.factories import IndicatorFactory, ObservationFactory, TargetFactory


@pytest.fixture
def rate(division):
    indicator = IndicatorFactory(
        code="e-approval-rate", name_ja="電子決裁率（全庁平均）", name_en="Electronic approval rate", division=division,
        percentage=True,
    )
    ObservationFactory(indicator=indicator, fiscal_year=2021, value=Decimal("86.8"))
    ObservationFactory(indicator=indicator, fiscal_year=2022, value=Decimal("92.7"), provisional=True)
    TargetFactory(indicator=indicator, fiscal_year=2022, value=Decimal(100))
    return indicator


@pytest.fixture
def hidden(other_division):
    indicator = IndicatorFactory(code="water-cashless-payments", name_ja="上下水道料金キャッシュレス収納件数",
                                 division=other_division, private=True, unit="件")
    ObservationFactory(indicator=indicator, fiscal_year=2021, value=Decimal(80000), is_estimate=True)
    return indicator


def row_of(html: str, code: str) -> str:
    return re.search(rf"<tr>\s*<th scope=\"row\">\s*<a href=\"/kpis/{code}/\">.*?</tr>", html, re.S).group(0)


def test_an_anonymous_visitor_sees_the_public_indicators_only(client, rate, hidden):
    response = client.get("/kpis/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "電子決裁率（全庁平均）" in html
    assert "上下水道料金キャッシュレス収納件数" not in html


@pytest.mark.parametrize("person", ["alice", "charlie", "dana", "petra", "carl", "audrey", "nobody"])
def test_logged_in_staff_also_see_the_non_public_ones_marked(client, request, rate, hidden, person):
    client.force_login(request.getfixturevalue(person))
    row = row_of(client.get("/kpis/").content.decode(), "water-cashless-payments")
    assert "非公開" in row
    assert "約80,000件" in row


def test_each_row_shows_the_latest_figure_provisional_mark_change_and_target(client, rate):
    row = row_of(client.get("/kpis/").content.decode(), "e-approval-rate")
    assert "92.7%" in row
    assert "速報値" in row
    assert "▲+5.9ポイント" in row
    assert "令和3年度比" in row
    assert "100%" in row and "未達成" in row
    assert "令和4年8月31日時点" in row


def test_a_partial_year_count_is_not_compared_with_a_whole_year(client, division):
    tasks = IndicatorFactory(code="rpa-tasks", division=division)
    ObservationFactory(indicator=tasks, fiscal_year=2021, value=16)
    ObservationFactory(indicator=tasks, fiscal_year=2022, value=7, provisional=True)
    row = row_of(client.get("/kpis/").content.decode(), "rpa-tasks")
    assert "年度途中のため比較しません" in row
    assert "▼" not in row


def test_the_trend_is_an_accessible_svg_with_its_values_in_its_name(client, rate):
    row = row_of(client.get("/kpis/").content.decode(), "e-approval-rate")
    svg = re.search(r"<svg[^>]*>", row).group(0)
    assert 'role="img"' in svg
    assert "令和3年度 86.8%、令和4年度 92.7%" in svg


def test_it_filters_by_keyword_and_unit(client, rate, division):
    IndicatorFactory(code="rpa-tasks", name_ja="RPA導入業務数", division=division)
    html = client.get("/kpis/", {"q": "RPA"}).content.decode()
    assert "/kpis/rpa-tasks/" in html and "/kpis/e-approval-rate/" not in html
    html = client.get("/kpis/", {"unit": "%"}).content.decode()
    assert "/kpis/rpa-tasks/" not in html and "/kpis/e-approval-rate/" in html


def test_a_filtered_list_keeps_every_indicator_in_the_handout_tables(client, rate, division, django_assert_num_queries):
    rpa = IndicatorFactory(code="rpa-tasks", name_ja="RPA導入業務数", division=division)
    ObservationFactory(indicator=rpa, fiscal_year=2021, value=Decimal(12))
    client.get("/kpis/", {"q": "RPA"})
    # the indicators (read once for the list and the tables), their observations, targets and plan items; the ids
    # the filters leave; the filter form's division choices
    with django_assert_num_queries(6):
        response = client.get("/kpis/", {"q": "RPA"})
    assert [row.indicator.code for row in response.context["rows"]] == ["rpa-tasks"]
    assert response.context["page_obj"].paginator.count == 1
    handout = [row["indicator"] for table in response.context["handout"] for row in table["rows"]]
    assert "RPA導入業務数" in handout and "電子決裁率（全庁平均）" in handout


def test_a_search_with_no_match_says_so(client, rate):
    assert '<p class="empty">' in client.get("/kpis/", {"q": "存在しない指標"}).content.decode()


def test_a_bad_filter_value_is_shown_next_to_its_field(client, rate):
    html = client.get("/kpis/", {"unit": "kg"}).content.decode()
    assert 'class="field-errors"' in html


def test_the_import_link_shows_only_to_who_may_record(client, rate, alice, audrey):
    client.force_login(alice)
    assert "/kpis/import/" in client.get("/kpis/").content.decode()
    client.force_login(audrey)
    assert "/kpis/import/" not in client.get("/kpis/").content.decode()


@pytest.mark.parametrize("person", [None, "alice"])
def test_it_runs_the_same_number_of_queries_for_3_and_40_indicators(request, division, same_query_count, person):
    client = Client()
    if person:
        client.force_login(request.getfixturevalue(person))
    for code in ("a", "b", "c"):
        ObservationFactory(indicator=IndicatorFactory(code=code, division=division))
    small = lambda: client.get("/kpis/")  # noqa: E731
    small()
    for n in range(37):
        indicator = IndicatorFactory(division=division)
        TargetFactory(indicator=indicator, fiscal_year=2022, value=50)
        for year in (2019, 2020, 2021):
            ObservationFactory(indicator=indicator, fiscal_year=year, value=n)
    _, response = same_query_count(small, small)
    assert response.content.decode().count('role="img"') == 40
