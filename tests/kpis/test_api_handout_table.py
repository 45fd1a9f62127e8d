"""GET /api/v1/kpis/table/: the handout's KPI tables in the feeds, one per pillar, as JSON or ?format=csv; public
indicators without a token, all of them with kpi:read."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/kpis/table/"
OFFICE = "かながわICT・データ利活用推進計画 柱Ⅱ 行政の情報化"


def test_the_json_holds_the_e_approval_figures_per_fiscal_year_with_the_provisional_flag(api, demo):
    response = api.get(URL, HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 200
    tables = response.json()
    office = next(t for t in tables if t["group"] == OFFICE)
    assert office["year_names"][-4:] == ["令和元年度", "令和2年度", "令和3年度", "令和4年度"]
    row = next(r for r in office["rows"] if r["indicator"] == "電子決裁率（全庁平均）")
    assert row["values"][-4:] == ["32.9", "56.8", "86.8", "92.7"]
    assert row["provisional"][-4:] == [False, False, False, True]
    totals = [r for r in office["rows"] if r["is_total"]]
    assert [r["indicator"] for r in totals] == ["RPA導入業務数"] and totals[0]["values"][-4:] == ["5", "23", "39", "46"]
    assert response["ETag"]
    assert api.get(URL, HTTP_IF_NONE_MATCH=response["ETag"], HTTP_ACCEPT_LANGUAGE="ja").status_code == 304


def test_the_csv_is_the_handout_table_export_and_private_indicators_need_a_token(api, demo, kpi_token):
    response = api.get(URL, {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="kpi-tables.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert f"{OFFICE},RPA導入業務数 累計,業務," in text
    assert "上下水道料金キャッシュレス収納件数" not in text
    with_token = api.get(URL, {"format": "csv"}, HTTP_AUTHORIZATION=f"Token {kpi_token}", HTTP_ACCEPT_LANGUAGE="ja")
    assert "上下水道料金キャッシュレス収納件数" in with_token.content.decode("utf-8")


def test_a_bad_bom_is_a_400_in_json_even_for_csv(api):
    response = api.get(URL, {"format": "csv", "bom": "2"})
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert "bom" in response.json()["errors"]


@pytest.mark.parametrize("url", [URL, "/api/v1/kpis/e-approval-rate/observations/"])
def test_options_on_a_csv_feed_describes_the_endpoint_in_json(api, demo, url):
    # schemathesis found OPTIONS ?format=csv answering 500: the CSV renderer was handed the description.
    response = api.options(f"{url}?format=csv")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response.json()["name"]
