"""GET /api/v1/kpis/ and /api/v1/kpis/<code>/: metadata enough to read a figure right, by token scope."""

from decimal import Decimal

import pytest

from kpis.models import Indicator
from kpis.services import target_set
from tests.kpis.factories import IndicatorFactory, TargetFactory


@pytest.fixture
def rate(division):
    indicator = IndicatorFactory(
        code="e-approval-rate", name_ja="電子決裁率（全庁平均）", name_en="Electronic approval rate (all departments)",
        division=division, percentage=True,
    )
    TargetFactory(indicator=indicator, fiscal_year=2022, value=Decimal(100), note="電子決裁率100%を目指す")
    return indicator


@pytest.fixture
def hidden(other_division):
    return IndicatorFactory(code="water-cashless-payments", division=other_division, private=True)


def codes(response) -> list[str]:
    return [item["code"] for item in response.json()["results"]]


def test_anyone_lists_the_public_indicators(api, rate, hidden):
    response = api.get("/api/v1/kpis/")
    assert response.status_code == 200
    assert codes(response) == ["e-approval-rate"]


def test_a_kpi_token_lists_every_indicator(api, rate, hidden, kpi_token):
    response = api.get("/api/v1/kpis/", HTTP_AUTHORIZATION=f"Token {kpi_token}")
    assert sorted(codes(response)) == ["e-approval-rate", "water-cashless-payments"]


def test_the_list_filters_by_division_unit_and_keyword(api, rate, division, kpi_token):
    IndicatorFactory(code="rpa-tasks", name_ja="RPA導入業務数", division=division)
    auth = {"HTTP_AUTHORIZATION": f"Token {kpi_token}"}
    assert codes(api.get("/api/v1/kpis/", {"unit": "%"}, **auth)) == ["e-approval-rate"]
    assert codes(api.get("/api/v1/kpis/", {"q": "RPA"}, **auth)) == ["rpa-tasks"]
    assert len(codes(api.get("/api/v1/kpis/", {"division": "dx-office"}, **auth))) == 2


def test_an_unknown_filter_value_answers_400(api, rate):
    response = api.get("/api/v1/kpis/", {"unit": "kg", "division": "nowhere"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"unit", "division"}


def test_the_metadata_names_unit_languages_aggregation_direction_source_licence_and_targets(api, rate):
    body = api.get("/api/v1/kpis/e-approval-rate/").json()
    assert body["name_ja"] == "電子決裁率（全庁平均）"
    assert body["name_en"] == "Electronic approval rate (all departments)"
    assert (body["unit"], body["aggregation"], body["direction"]) == ("%", "ratio", "higher_is_better")
    assert body["licence"] == "CC BY 4.0"
    assert body["source"]
    assert body["division"]["code"] == "dx-office"
    assert body["targets"] == [{"fiscal_year": 2022, "value": "100", "note": "電子決裁率100%を目指す"}]
    assert body["links"]["observations_csv"].endswith("/api/v1/kpis/e-approval-rate/observations/?format=csv")
    assert body["links"]["table_schema"].endswith("/api/v1/kpis/observations.schema.json")


def test_a_non_public_indicator_answers_401_without_a_token_and_200_with_one(api, hidden, kpi_token):
    anonymous = api.get("/api/v1/kpis/water-cashless-payments/")
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Token"
    assert api.get("/api/v1/kpis/water-cashless-payments/", HTTP_AUTHORIZATION=f"Token {kpi_token}").status_code == 200


def test_a_wrong_token_is_401_even_for_public_data(api, rate):
    assert api.get("/api/v1/kpis/e-approval-rate/", HTTP_AUTHORIZATION="Token " + "0" * 64).status_code == 401


def test_an_unknown_code_is_404(api, db):
    assert api.get("/api/v1/kpis/nothing-here/").status_code == 404


def test_a_changed_target_changes_the_etag(api, rate, petra):
    first = api.get("/api/v1/kpis/e-approval-rate/")
    assert api.get("/api/v1/kpis/e-approval-rate/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    target_set(actor=petra, indicator=rate, fiscal_year=2022, value=Decimal(100), note="令和5年度も100%を目指す",
               expected_version=1)
    assert api.get("/api/v1/kpis/e-approval-rate/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_the_list_etag_differs_for_anonymous_and_token_clients(api, rate, hidden, kpi_token):
    anonymous = api.get("/api/v1/kpis/")
    token = api.get("/api/v1/kpis/", HTTP_AUTHORIZATION=f"Token {kpi_token}")
    assert anonymous["ETag"] != token["ETag"]
    assert api.get("/api/v1/kpis/", HTTP_IF_NONE_MATCH=anonymous["ETag"]).status_code == 304
    assert "Authorization" in anonymous["Vary"]


def test_the_table_schema_is_published_for_anyone(api, db):
    schema = api.get("/api/v1/kpis/observations.schema.json").json()
    fields = {f["name"]: f for f in schema["fields"]}
    assert fields["value"]["type"] == "number"
    assert fields["unit"]["constraints"]["enum"] == list(Indicator.Unit.values)
    assert fields["as_of"]["type"] == "date"


def test_the_list_runs_the_same_number_of_queries_for_2_and_40_indicators(api, division, kpi_token, same_query_count):
    auth = {"HTTP_AUTHORIZATION": f"Token {kpi_token}"}
    IndicatorFactory.create_batch(2, division=division)
    small = lambda: api.get("/api/v1/kpis/", **auth)  # noqa: E731
    small()
    IndicatorFactory.create_batch(38, division=division, private=True)
    _, response = same_query_count(small, small)
    assert response.json()["count"] == 40


def test_the_openapi_schema_documents_the_feeds(api, db):
    response = api.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/kpis/{code}/observations/" in paths
    parameters = {p["name"] for p in paths["/api/v1/kpis/{code}/observations/"]["get"]["parameters"]}
    assert {"fiscal_year", "fiscal_year_min", "fiscal_year_max", "format", "bom"} <= parameters
