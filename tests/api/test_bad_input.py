"""Every bad input a 4xx in the API's one error shape (pages: a 400), never a 500; and nothing behind a
login stays in a browser's or proxy's cache."""

import json

import pytest

from kpis.services import observations_import
from tests.kpis.factories import IndicatorFactory
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import REPORT, token_client

REPORTS = "/api/v1/projects/DX-1/status-reports/"


@pytest.fixture
def writer(alice, division):
    ProjectFactory(code="DX-1", division=division)
    return token_client(alice, "projects:read", "projects:write")


def test_a_body_over_the_limit_is_413(writer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = writer.post(REPORTS, {**REPORT, "summary": "長" * 1000}, format="json")
    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"


def test_a_body_over_the_limit_with_an_idempotency_key_is_413_too(writer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = writer.post(REPORTS, {**REPORT, "summary": "長" * 1000}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert response.status_code == 413


def test_json_nested_too_deep_is_400(writer):
    body = "[" * 100_000 + "]" * 100_000
    response = writer.post(REPORTS, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_a_nul_byte_in_a_json_string_is_400_at_its_field(writer):
    response = writer.post(REPORTS, json.dumps({**REPORT, "summary": "a\x00b"}), content_type="application/json")
    assert response.status_code == 400
    assert "summary" in response.json()["errors"]


@pytest.mark.parametrize("url", ["/api/v1/projects/DX%00/", "/api/v1/projects/?search=a%00"])
def test_a_nul_byte_in_an_api_url_is_400_in_the_error_shape(writer, url):
    response = writer.get(url)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_a_nul_byte_in_a_page_url_or_form_field_is_400(client, alice, writer):
    client.force_login(alice)
    assert client.get("/governance/dx-status/%00/ai_rpa/").status_code == 400
    assert client.post("/projects/DX-1/reports/new/", {**REPORT, "summary": "a\x00b"}).status_code == 400


def test_a_nul_byte_in_a_kpi_import_is_a_message_not_a_crash(petra):
    IndicatorFactory(code="e-approval-rate")
    result = observations_import(actor=petra, data=b"indicator_code,fiscal_year\ne-approval\x00,2022\n")
    assert not result.ok and "NUL" in result.errors[0].message


def test_answers_behind_a_login_are_never_stored_by_a_cache(client, alice, writer):
    client.force_login(alice)
    for response in (client.get("/projects/"), client.get("/projects/DX-1/"), writer.get("/api/v1/projects/")):
        assert response.status_code == 200
        assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}


def test_a_public_feed_read_without_login_may_be_cached(api, db):
    IndicatorFactory(code="e-approval-rate")
    response = api.get("/api/v1/kpis/")
    assert "no-store" not in response.get("Cache-Control", "")
