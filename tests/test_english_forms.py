"""In English, names use their English versions where they exist, and dates, months and fiscal years read in
English (FY2022), on pages and in chart titles alike; in Japanese, 和暦."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from dx_portal import formatting
from organisation.models import Bureau, Division
from projects.portfolio.charts import health_by_bureau_chart, health_history_chart
from projects.portfolio.selectors import UNREPORTED, BureauHealth, MonthHealth, PortfolioSummary
from tests.governance.factories import DecisionFactory
from tests.kpis.factories import IndicatorFactory, ObservationFactory
from tests.projects.factories import ProjectFactory


@pytest.mark.parametrize(
    ("function", "value", "japanese", "english"),
    [
        (formatting.wareki, datetime.date(2022, 10, 4), "令和4年10月4日", "4 Oct 2022"),
        (formatting.fiscal_year, 2022, "令和4年度", "FY2022"),
        (formatting.fiscal_year_all_names, 2019, "平成31年度・令和元年度", "FY2019"),
        (formatting.fiscal_year_all_names, 2022, "令和4年度", "FY2022"),
        (formatting.fiscal_year_short, 2022, "R4", "FY2022"),
        (formatting.month, datetime.date(2022, 10, 1), "令和4年10月", "Oct 2022"),
        (formatting.month_of_year, datetime.date(2022, 10, 1), "10月", "Oct"),
    ],
)
def test_dates_and_fiscal_years_read_in_the_language_of_the_page(function, value, japanese, english):
    with translation.override("ja"):
        assert function(value) == japanese
    with translation.override("en"):
        assert function(value) == english


def test_a_name_is_english_on_an_english_page_where_there_is_one():
    named = Bureau(name="政策局", name_en="Policy Bureau")
    unnamed = Division(name="契約課", name_en="")
    with translation.override("en"):
        assert formatting.local_name(named) == "Policy Bureau"
        assert formatting.local_name(unnamed) == "契約課"
    with translation.override("ja"):
        assert formatting.local_name(named) == "政策局"


def _in_english(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.mark.django_db
def test_the_project_page_in_english_names_the_project_its_division_and_bureau_in_english(client, petra, division):
    division.name_en, division.bureau.name_en = "Digital Strategy Office", "Policy Bureau"
    division.save()
    division.bureau.save()
    ProjectFactory(code="E-CONTRACT", name="電子契約の導入", name_en="Electronic contracts", division=division)
    _in_english(client, petra)
    html = client.get("/projects/E-CONTRACT/").content.decode()
    assert "<title>Electronic contracts" in html
    assert "Policy Bureau Digital Strategy Office" in html
    assert "電子契約の導入" not in html


@pytest.mark.django_db
def test_the_kpi_chart_in_english_has_an_english_title_and_fiscal_years(client, petra, division):
    indicator = IndicatorFactory(code="e-approval-rate", name_ja="電子決裁率", name_en="E-approval rate", division=division)
    ObservationFactory(indicator=indicator, fiscal_year=2019)
    ObservationFactory(indicator=indicator, fiscal_year=2022)
    _in_english(client, petra)
    response = client.get("/kpis/e-approval-rate/")
    chart = response.context["chart"]
    assert chart.title.startswith("E-approval rate")
    assert [row[0] for row in chart.table.rows] == ["FY2019", "FY2022"]
    html = response.content.decode()
    assert "令和" not in html and "平成" not in html


def test_the_portfolio_charts_in_english_name_bureaus_and_months_in_english():
    bureau = BureauHealth("policy", "政策局", "Policy Bureau", {"green": 1, "yellow": 0, "red": 0, UNREPORTED: 0})
    summary = PortfolioSummary(datetime.date(2022, 10, 4), 1, {}, {}, [bureau], 0, 0, 0)
    history = [MonthHealth(datetime.date(2021, 11, 1), {"green": 1, "yellow": 0, "red": 0}),
               MonthHealth(datetime.date(2022, 10, 1), {"green": 1, "yellow": 0, "red": 0})]
    with translation.override("en"):
        assert health_by_bureau_chart(summary).table.rows[0][0] == "Policy Bureau"
        chart = health_history_chart(history)
    assert "Nov 2021" in chart.title and "Oct 2022" in chart.title
    assert "月" not in chart.title and "令和" not in chart.title
    assert [row[0] for row in chart.table.rows] == ["Nov", "Oct"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "field", "option"),
    [
        ("projects:project-list", "bureau", '<option value="policy">Policy Bureau</option>'),
        ("projects:project-list", "division", '<option value="dx-office">Digital Strategy Office</option>'),
        ("portfolio:index", "bureau", '<option value="policy">Policy Bureau</option>'),
        ("portfolio:index", "division", '<option value="dx-office">Digital Strategy Office</option>'),
        ("registers:risk-list", "division", '<option value="dx-office">Digital Strategy Office</option>'),
        ("registers:finding-list", "bureau", '<option value="policy">Policy Bureau</option>'),
        ("governance:decision-list", "bureau", '<option value="policy">Policy Bureau</option>'),
        ("governance:action-item-list", "division", '<option value="dx-office">Digital Strategy Office</option>'),
        ("kpis:indicator-list", "division", '<option value="dx-office">Digital Strategy Office</option>'),
    ],
)
def test_the_filters_in_english_offer_bureaus_and_divisions_by_their_english_names(
    client, carl, division, other_division, url, field, option
):
    division.name_en, division.bureau.name_en = "Digital Strategy Office", "Policy Bureau"
    other_division.name_en = other_division.bureau.name_en = ""
    for record in (division, division.bureau, other_division, other_division.bureau):
        record.save()
    _in_english(client, carl)
    html = client.get(reverse(url)).content.decode()
    select = html[html.index(f'<select name="{field}"'):]
    select = select[:select.index("</select>")]
    assert option in select
    # Without an English name, the Japanese one.
    assert {"bureau": ">企業局</option>", "division": ">水道施設課</option>"}[field] in select


@pytest.mark.django_db
def test_the_action_item_form_in_english_names_the_owner_divisions_in_english(client, carl, division):
    division.name_en, division.bureau.name_en = "Digital Strategy Office", "Policy Bureau"
    division.save()
    division.bureau.save()
    decision = DecisionFactory()
    _in_english(client, carl)
    html = client.get(reverse("governance:action-item-create", args=[decision.reference])).content.decode()
    assert ">Policy Bureau Digital Strategy Office</option>" in html
