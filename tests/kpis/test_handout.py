"""The KPI tables as the committee handout prints them: fiscal years as columns under their 和暦 names, a 累計 row
where the handout totals, provisional figures marked (速報値), the source beneath, one table per pillar of the plan; on /kpis/
and as /kpis/table.csv and /kpis/table.xlsx."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from openpyxl import load_workbook

from kpis.handout import kpi_handout
from kpis.models import Indicator
from tests.kpis.factories import IndicatorFactory, ObservationFactory, PlanItemFactory

pytestmark = pytest.mark.django_db
FISCAL_YEARS = ["令和元年度", "令和2年度", "令和3年度", "令和4年度"]


@pytest.fixture(autouse=True)
def japanese():
    """The tables name indicators and years in the language in force: Japanese here, whatever ran before."""
    with translation.override("ja"):
        yield


def table_of(tables, indicator_name):
    return next(t for t in tables if any(row["indicator"] == indicator_name for row in t["rows"]))


def row_of(table, label):
    return next(row for row in table["rows"] if row["label"] == label)


def test_the_e_approval_table_reads_as_the_handout_prints_it(demo, nobody):
    table = table_of(kpi_handout(user=nobody), "電子決裁率（全庁平均）")
    assert table["year_names"] == FISCAL_YEARS  # FY2019 is 令和元年度
    row = row_of(table, "電子決裁率（全庁平均）")
    assert row["values"] == [Decimal("32.9"), Decimal("56.8"), Decimal("86.8"), Decimal("92.7")]
    assert row["provisional"] == [False, False, False, True]
    assert "電子決裁率（全庁平均）: 令和4年度は令和4年8月31日時点の速報値" in table["notes"]
    assert table["sources"] and "デジタル戦略の推進について" in table["sources"][0]


def test_only_the_indicators_the_handout_totals_get_a_running_total_row(demo, nobody):
    assert set(Indicator.objects.filter(total_row=True).values_list("code", flat=True)) == {"rpa-tasks"}
    tables = kpi_handout(user=nobody)
    table = table_of(tables, "RPA導入業務数")
    rpa = [row for row in table["rows"] if row["indicator"] == "RPA導入業務数"]
    assert [row["label"] for row in rpa] == ["RPA導入業務数", "累計"]
    assert rpa[1]["is_total"] and rpa[1]["values"][-4:] == [5, 23, 39, 46]
    # Applications filed online are yearly figures too, but the handout does not total them.
    online = table_of(tables, "電子申請・届出件数")
    assert [row["label"] for row in online["rows"] if row["indicator"] == "電子申請・届出件数"] == ["電子申請・届出件数"]


def test_a_table_per_pillar_with_the_years_its_indicators_have(division, other_division, nobody):
    lives = PlanItemFactory(code="kanagawa-ict-1", number="柱Ⅰ", title="くらしの情報化", order=1)
    office = PlanItemFactory(code="kanagawa-ict-2", number="柱Ⅱ", title="行政の情報化", order=2)
    measure = PlanItemFactory(code="kanagawa-ict-2-4", parent=office, number="④", title="行政事務の更なる電子化の推進")
    first = IndicatorFactory(division=division, sort_order=1)
    measure.indicators.add(first)  # under a measure: in its pillar's table
    ObservationFactory(indicator=first, fiscal_year=2020)
    ObservationFactory(indicator=first, fiscal_year=2022, value=Decimal("7.50"), is_provisional=True)
    second = IndicatorFactory(division=other_division, sort_order=2, total_row=True)
    lives.indicators.add(second)
    ObservationFactory(indicator=second, fiscal_year=2021, value=Decimal(3))
    ObservationFactory(indicator=second, fiscal_year=2022, value=Decimal(4), is_estimate=True)
    loose = IndicatorFactory(division=division, sort_order=0)  # first in order, but under no pillar: last
    ObservationFactory(indicator=loose, fiscal_year=2022)
    tables = kpi_handout(user=nobody)
    plan = "かながわICT・データ利活用推進計画"
    assert [t["group"] for t in tables] == [f"{plan} 柱Ⅰ くらしの情報化", f"{plan} 柱Ⅱ 行政の情報化", "その他の指標"]
    assert [row["values"] for row in tables[0]["rows"]] == [[3, 4], [3, 7]]
    assert tables[0]["rows"][0]["estimate"] == [False, True]
    assert tables[1]["years"] == [2020, 2022]  # a year no indicator of the table has is no column
    assert tables[1]["rows"][0]["values"] == [Decimal(16), Decimal("7.5")]
    assert tables[2]["rows"][0]["indicator"] == loose.name


def test_private_indicators_are_left_out_for_a_visitor(division, alice):
    ObservationFactory(indicator=IndicatorFactory(division=division, private=True, name_ja="非公開の指標"))
    assert kpi_handout(user=AnonymousUser()) == []
    assert kpi_handout(user=alice)[0]["rows"][0]["indicator"] == "非公開の指標"


def test_kpis_page_shows_the_tables_with_provisional_marks_and_sources(client, demo):
    html = client.get("/kpis/").content.decode()
    for name in FISCAL_YEARS:
        assert f'<th scope="col" class="num">{name}</th>' in html
    assert "92.7<span class=\"handout-mark\">（速報値）</span>" in html
    assert '<tr class="handout-total">' in html
    assert "出典：" in html
    assert "/kpis/table.xlsx" in html and "/kpis/table.csv" in html


def test_the_table_export_keeps_numbers_as_numbers(client, demo):
    response = client.get("/kpis/table.xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:3] == ["区分", "指標", "単位"] and header[-2:] == ["速報値", "出典"]
    e_approval = next(r for r in rows if r[1] == "電子決裁率（全庁平均）")
    assert [e_approval[header.index(name)] for name in FISCAL_YEARS] == [32.9, 56.8, 86.8, 92.7]
    assert e_approval[header.index("速報値")] == "令和4年度"
    # Visitors get the public indicators only.
    assert not any(r[1] == "上下水道料金キャッシュレス収納件数" for r in rows)


def test_the_csv_export_writes_figures_as_printed(client, demo, alice):
    client.force_login(alice)
    text = client.get("/kpis/table.csv").content.decode("utf-8-sig")
    assert "RPA導入業務数 累計,業務,,,,,5,23,39,46,令和4年度," in text
    assert "上下水道料金キャッシュレス収納件数" in text  # logged in: the internal ones too
    assert client.get("/kpis/table.pdf").status_code == 404
