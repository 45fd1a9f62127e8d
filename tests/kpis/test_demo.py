"""kpis.demo: every figure of the reference table, its source, owners, the e-approval target; idempotent."""

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path

from django.core.management import call_command

from dx_portal.demo import Story
from kpis import demo as kpis_demo
from kpis.models import Indicator, Observation, Target

REFERENCE = Path(__file__).resolve().parents[2] / "kpis" / "demo_data" / "kpi-figures.csv"


def test_every_row_of_the_reference_table_is_loaded(demo):
    with REFERENCE.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert Observation.objects.count() == len(rows) == 42
    for row in rows:
        observation = Observation.objects.get(indicator__code=row["indicator_code"], fiscal_year=int(row["fiscal_year"]))
        assert observation.value == Decimal(row["value"])
        assert observation.as_of == datetime.date.fromisoformat(row["period_end"])
        assert observation.is_provisional == (row["provisional"] == "true")
        assert observation.indicator.unit == row["unit"]
        assert observation.indicator.name_ja == row["name_ja"]


def test_the_figures_name_the_committee_handout_and_its_page(demo):
    rate = Observation.objects.get(indicator__code="e-approval-rate", fiscal_year=2022)
    assert rate.source_document == "デジタル戦略の推進について"
    assert "次世代育成・デジタル戦略推進特別委員会" in rate.source_meeting_or_survey
    assert rate.source_date == datetime.date(2022, 10, 4)
    assert rate.source_page == "7"
    assert rate.note == "令和4年8月末時点"


def test_the_approximate_figures_are_estimates(demo):
    estimates = Observation.objects.filter(is_estimate=True)
    assert sorted(estimates.values_list("indicator__code", "value")) == [
        ("water-cashless-payments", Decimal(80000)), ("water-online-procedures", Decimal(32000)),
    ]


def test_measures_become_aggregations_and_owners_come_from_the_demo_organisation(demo):
    assert Indicator.objects.get(code="rpa-tasks").aggregation == Indicator.Aggregation.NEW_IN_PERIOD
    assert Indicator.objects.get(code="online-procedures").aggregation == Indicator.Aggregation.SNAPSHOT
    assert Indicator.objects.get(code="e-approval-rate").division.code == "documents"
    assert Indicator.objects.get(code="mebyo-karte-users").division.code == "healthcare-ict"


def test_the_e_approval_target_is_100_percent(demo):
    assert Target.objects.get(indicator__code="e-approval-rate").value == 100


def test_most_indicators_are_public_and_the_water_cashless_one_is_not(demo):
    assert list(Indicator.objects.filter(is_public=False).values_list("code", flat=True)) == ["water-cashless-payments"]
    assert Indicator.objects.filter(is_public=True).count() == 12


def test_loading_again_changes_nothing_not_even_the_history(demo):
    counts = [Observation.history.count(), Indicator.history.count(), Target.history.count()]
    kpis_demo.load(io.StringIO(), Story())
    assert [Observation.history.count(), Indicator.history.count(), Target.history.count()] == counts
    assert Observation.objects.filter(version__gt=1).count() == 0


def test_load_demo_loads_the_kpis(db):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "KPIs: 13 indicators, 42 observations, 1 target(s)." in out.getvalue()


def test_the_demo_holds_the_plans_the_source_names_with_the_indicators_under_them(demo):
    from kpis.models import Plan, PlanItem

    assert list(Plan.objects.values_list("name", flat=True)) == ["かながわICT・データ利活用推進計画", "自治体DX推進計画"]
    pillars = PlanItem.objects.filter(plan__code="kanagawa-ict", parent=None)
    assert [(p.label, [c.number for c in p.children.order_by("order")]) for p in pillars] == [
        ("柱Ⅰ くらしの情報化", ["①", "②", "③"]),
        ("柱Ⅱ 行政の情報化", ["④", "⑤", "⑥", "⑦"]),
    ]
    national = PlanItem.objects.filter(plan__code="municipal-dx").order_by("order")
    assert [item.label for item in national][3] == "④ 自治体のAI・RPAの利用推進"
    assert set(PlanItem.objects.get(code="kanagawa-ict-2-4").indicators.values_list("code", flat=True)) >= {
        "e-approval-rate", "rpa-tasks"
    }
    assert "Plans: 2 plans, 15 pillars and measures." in demo
    history = [PlanItem.history.count(), Plan.history.count()]
    kpis_demo.load(io.StringIO(), Story())
    assert [PlanItem.history.count(), Plan.history.count()] == history
