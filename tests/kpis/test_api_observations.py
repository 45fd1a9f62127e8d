"""GET/POST /api/v1/kpis/<code>/observations/: JSON and CSV, filters, tokens, conditional requests, revisions."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from frictionless import Resource, Schema

from dx_portal.tokens import api_token_issue
from kpis.models import Observation
from kpis.services import observations_import
from tests.kpis.factories import IndicatorFactory, ObservationFactory

URL = "/api/v1/kpis/{}/observations/"


@pytest.fixture
def rate(division):
    indicator = IndicatorFactory(code="e-approval-rate", division=division, percentage=True)
    for year, value in [(2019, "32.9"), (2020, "56.8"), (2021, "86.8")]:
        ObservationFactory(indicator=indicator, fiscal_year=year, value=Decimal(value))
    ObservationFactory(indicator=indicator, fiscal_year=2022, value=Decimal("92.7"), provisional=True)
    return indicator


def csv_rows(response) -> list[list[str]]:
    return [line.split(",") for line in response.content.decode("utf-8").splitlines()]


def test_the_public_e_approval_csv_needs_no_token_and_marks_the_last_figure_provisional(api, demo):
    response = api.get(URL.format("e-approval-rate"), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, *rows = csv_rows(response)
    assert header[:8] == ["indicator_code", "fiscal_year", "month", "value", "unit", "as_of", "is_provisional", "is_estimate"]
    assert [(r[1], r[3], r[6]) for r in rows] == [
        ("2019", "32.9", "false"), ("2020", "56.8", "false"), ("2021", "86.8", "false"), ("2022", "92.7", "true"),
    ]


def test_a_non_public_indicator_asks_for_a_token_and_answers_the_feed_token(api, demo):
    url = URL.format("water-cashless-payments")
    anonymous = api.get(url, {"format": "csv"})
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Token"
    assert anonymous.json()["code"] == "not_authenticated"
    feed_key = re.search(r"API token for 'feed' \(shown once, keep it\): ([0-9a-f]+)", demo).group(1)
    response = api.get(url, {"format": "csv"}, HTTP_AUTHORIZATION=f"Token {feed_key}")
    assert response.status_code == 200
    assert csv_rows(response)[1][3] == "80000"


def test_a_token_without_the_kpi_scope_reads_a_public_feed_as_anyone_may(api, rate, fiona, division):
    hidden = IndicatorFactory(code="internal", division=division, private=True)
    _, key = api_token_issue(user=fiona, scopes=["projects:read"])
    assert api.get(URL.format(rate.code), HTTP_AUTHORIZATION=f"Token {key}").json()["count"] == 4
    assert api.get(URL.format(hidden.code), HTTP_AUTHORIZATION=f"Token {key}").status_code == 403


def test_logged_in_staff_read_a_non_public_indicator(api, charlie, division):
    hidden = IndicatorFactory(code="internal", division=division, private=True)
    ObservationFactory(indicator=hidden)
    api.force_login(charlie)
    assert api.get(URL.format("internal")).json()["count"] == 1


def test_an_unknown_indicator_is_404(api, db):
    response = api.get(URL.format("no-such-kpi"))
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_a_repeated_request_with_if_none_match_answers_304(api, rate):
    first = api.get(URL.format(rate.code), {"format": "csv"})
    assert first["ETag"] and first["Last-Modified"]
    again = api.get(URL.format(rate.code), {"format": "csv"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_polling_an_unchanged_feed_costs_no_query(api, rate, django_assert_num_queries):
    etag = api.get(URL.format(rate.code), {"format": "csv"})["ETag"]
    with django_assert_num_queries(0):
        assert api.get(URL.format(rate.code), {"format": "csv"}, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_an_anonymous_poll_of_an_unchanged_feed_is_one_redis_round_trip(api, rate, redis_commands):
    etag = api.get(URL.format(rate.code), {"format": "csv"})["ETag"]
    redis_commands.clear()
    assert api.get(URL.format(rate.code), {"format": "csv"}, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # The address's rate limit counted, the validator's version and entry read with it.
    assert redis_commands == [["EVAL", "MGET"]]


def test_a_poll_after_a_change_answers_the_new_figures_though_the_validator_is_read_ahead(api, rate, redis_commands):
    etag = api.get(URL.format(rate.code), {"format": "csv"})["ETag"]
    Observation.objects.get(indicator=rate, fiscal_year=2022).delete()
    response = api.get(URL.format(rate.code), {"format": "csv"}, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    assert "92.7" not in response.content.decode()


def test_an_indicator_taken_off_public_refuses_a_client_holding_its_etag(api, rate):
    etag = api.get(URL.format(rate.code))["ETag"]
    rate.is_public = False
    rate.save()
    assert api.get(URL.format(rate.code), HTTP_IF_NONE_MATCH=etag).status_code == 401


def test_if_modified_since_answers_304_until_a_figure_changes(api, rate, alice):
    first = api.get(URL.format(rate.code))
    assert api.get(URL.format(rate.code), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    with time_machine.travel(datetime.datetime(2022, 10, 5, 1, 0, tzinfo=datetime.UTC), tick=False):
        observation = rate.observations.get(fiscal_year=2022)
        observation.value = Decimal("93.0")
        observation.save()
        changed = api.get(URL.format(rate.code), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"], HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_the_etag_differs_between_json_csv_and_filters(api, rate):
    etags = {api.get(URL.format(rate.code), query)["ETag"] for query in ({}, {"format": "csv"}, {"fiscal_year": 2022})}
    assert len(etags) == 3


def test_a_deleted_figure_changes_the_etag(api, rate):
    before = api.get(URL.format(rate.code))["ETag"]
    Observation.objects.filter(indicator=rate, fiscal_year=2019).delete()
    assert api.get(URL.format(rate.code), HTTP_IF_NONE_MATCH=before).status_code == 200


@pytest.mark.parametrize(
    ("query", "years"),
    [
        ({"fiscal_year": 2021}, [2021]),
        ({"fiscal_year_min": 2020}, [2020, 2021, 2022]),
        ({"fiscal_year_max": 2020}, [2019, 2020]),
        ({"fiscal_year_min": 2020, "fiscal_year_max": 2021}, [2020, 2021]),
        ({"is_provisional": "true"}, [2022]),
    ],
)
def test_it_filters_by_fiscal_year(api, rate, query, years):
    response = api.get(URL.format(rate.code), query)
    assert [row["fiscal_year"] for row in response.json()["results"]] == years


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"fiscal_year": "abc"}, "fiscal_year"),
        ({"fiscal_year": "2021.5"}, "fiscal_year"),
        ({"fiscal_year": "9" * 40}, "fiscal_year"),
        ({"fiscal_year_min": "1e400"}, "fiscal_year_min"),
        ({"fiscal_year_min": 2022, "fiscal_year_max": 2020}, "fiscal_year_min"),
        ({"period": "week"}, "period"),
        ({"format": "csv", "bom": "yes"}, "bom"),
    ],
)
def test_invalid_query_values_answer_400_with_field_errors(api, rate, query, field):
    response = api.get(URL.format(rate.code), query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert (body["status"], body["code"]) == (400, "invalid")
    assert field in body["errors"]


def test_json_gives_typed_values_decimals_as_strings_and_iso_dates(api, rate):
    row = api.get(URL.format(rate.code), {"fiscal_year": 2022}).json()["results"][0]
    assert row["value"] == "92.7"
    assert row["month"] is None
    assert row["is_provisional"] is True
    assert row["as_of"] == "2022-08-31"
    assert (row["period_start"], row["period_end"]) == ("2022-04-01", "2023-03-31")
    assert row["unit"] == "%"


def test_bom_1_starts_the_csv_with_a_bom_for_excel(api, rate):
    plain = api.get(URL.format(rate.code), {"format": "csv"}).content
    with_bom = api.get(URL.format(rate.code), {"format": "csv", "bom": "1"}).content
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert with_bom == b"\xef\xbb\xbf" + plain


def test_the_csv_names_its_table_schema(api, rate):
    response = api.get(URL.format(rate.code), {"format": "csv"})
    assert 'rel="describedby"' in response["Link"]
    assert "/api/v1/kpis/observations.schema.json" in response["Link"]
    assert "e-approval-rate-observations.csv" in response["Content-Disposition"]


def test_the_csv_validates_against_the_published_table_schema(api, demo, tmp_path):
    schema = Schema.from_descriptor(api.get("/api/v1/kpis/observations.schema.json").json())
    for code in ("e-approval-rate", "water-online-procedures", "mebyo-karte-users"):
        path = tmp_path / f"{code}.csv"
        path.write_bytes(api.get(URL.format(code), {"format": "csv"}).content)
        report = Resource(path=path.name, basepath=str(tmp_path), schema=schema).validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_table_schema_catches_a_bad_value(api, rate, tmp_path):
    schema = Schema.from_descriptor(api.get("/api/v1/kpis/observations.schema.json").json())
    body = api.get(URL.format(rate.code), {"format": "csv"}).content.decode().replace("86.8", "abc")
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    report = Resource(path=path.name, basepath=str(tmp_path), schema=schema).validate()
    assert not report.valid
    assert report.flatten(["fieldName"]) == [["value"]]


def test_the_csv_can_be_imported_back(api, rate, alice):
    body = api.get(URL.format(rate.code), {"format": "csv", "bom": "1"}).content
    result = observations_import(actor=alice, data=body)
    assert (result.ok, result.created, result.updated) == (True, 0, 4)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_it_runs_the_same_number_of_queries_for_2_and_30_figures(api, division, kpi_token, same_query_count, fmt):
    urls = []
    for years in (2, 30):
        indicator = IndicatorFactory(division=division)
        for year in range(2022 - years, 2022):
            ObservationFactory(indicator=indicator, fiscal_year=year)
        urls.append(URL.format(indicator.code))
    auth = {"HTTP_AUTHORIZATION": f"Token {kpi_token}"}
    _, response = same_query_count(
        lambda: api.get(urls[0], {"format": fmt}, **auth), lambda: api.get(urls[1], {"format": fmt}, **auth)
    )
    rows = response.json()["count"] if fmt == "json" else len(csv_rows(response)) - 1
    assert rows == 30


class TestRecording:
    FIGURE = {"fiscal_year": 2022, "value": "95.1", "as_of": "2022-09-30"}

    def test_the_owning_division_records_a_figure(self, api, rate, alice):
        api.force_login(alice)
        response = api.post(URL.format(rate.code), {**self.FIGURE, "month": 9}, format="json")
        assert response.status_code == 201
        assert response.json()["value"] == "95.1"
        assert rate.observations.get(month=9).history.get().history_user == alice

    def test_a_revision_names_its_version_and_answers_200(self, api, rate, alice):
        api.force_login(alice)
        current = rate.observations.get(fiscal_year=2022)
        response = api.post(URL.format(rate.code), {**self.FIGURE, "version": current.version}, format="json")
        assert response.status_code == 200
        assert (response.json()["version"], response.json()["is_provisional"]) == (2, False)

    def test_a_stale_version_answers_409_with_the_current_version(self, api, rate, alice):
        api.force_login(alice)
        api.post(URL.format(rate.code), {**self.FIGURE, "version": 1}, format="json")
        response = api.post(URL.format(rate.code), {**self.FIGURE, "value": "99", "version": 1}, format="json")
        assert response.status_code == 409
        assert response.json()["current"] == {"version": 2}
        assert rate.observations.get(fiscal_year=2022).value == Decimal("95.1")

    def test_a_recorded_period_without_a_version_answers_400(self, api, rate, alice):
        api.force_login(alice)
        response = api.post(URL.format(rate.code), self.FIGURE, format="json")
        assert response.status_code == 400
        assert "fiscal_year" in response.json()["errors"]

    def test_bad_values_answer_400_with_field_errors(self, api, rate, alice):
        api.force_login(alice)
        response = api.post(URL.format(rate.code), {"fiscal_year": "x", "value": "120", "as_of": "2022-13-01"}, format="json")
        assert response.status_code == 400
        assert set(response.json()["errors"]) == {"fiscal_year", "as_of"}
        response = api.post(URL.format(rate.code), {**self.FIGURE, "fiscal_year": 2023, "value": "120"}, format="json")
        assert set(response.json()["errors"]) == {"value", "as_of"}

    def test_another_division_is_forbidden(self, api, rate, charlie):
        api.force_login(charlie)
        assert api.post(URL.format(rate.code), {**self.FIGURE, "month": 9}, format="json").status_code == 403
        assert not rate.observations.filter(month=9).exists()

    def test_no_token_scope_writes_kpis(self, api, rate, kpi_token):
        response = api.post(URL.format(rate.code), self.FIGURE, format="json", HTTP_AUTHORIZATION=f"Token {kpi_token}")
        assert response.status_code == 403

    def test_an_anonymous_client_must_authenticate(self, api, rate):
        assert api.post(URL.format(rate.code), self.FIGURE, format="json").status_code == 401
