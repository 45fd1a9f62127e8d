"""Refusing costs little and tells nothing: anonymous callers get 401 on every method before anything is
looked up, an address sending bad tokens is slowed down (429) and audited once a minute with a count, and
a refused KPI writer hears 403 whatever body it sent."""

import datetime

import pytest
import time_machine

from dx_portal.models import AuditEvent
from tests.kpis.factories import IndicatorFactory
from tests.projects.factories import ProjectFactory

NINE_AM = datetime.datetime(2022, 10, 4, 0, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
@pytest.mark.parametrize("code", ["DX-1", "NO-SUCH"])
def test_an_anonymous_caller_gets_401_on_every_method_whether_the_project_exists_or_not(api, division, method, code):
    ProjectFactory(code="DX-1", division=division)
    response = getattr(api, method)(f"/api/v1/projects/{code}/", {}, format="json")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_bad_tokens_from_one_address_are_slowed_down_and_counted_in_one_row_a_minute(api, fiona, token_for, rates):
    rates(failed_auth="3/min")
    good = token_for(fiona, "kpi:read")
    with time_machine.travel(NINE_AM + datetime.timedelta(seconds=15), tick=False):
        statuses = [
            api.get("/api/v1/kpis/", HTTP_AUTHORIZATION=f"Token bad{n:05d}", REMOTE_ADDR="192.0.2.9").status_code
            for n in range(5)
        ]
        refused = api.get("/api/v1/kpis/", HTTP_AUTHORIZATION=f"Token {good}", REMOTE_ADDR="192.0.2.9")
        elsewhere = api.get("/api/v1/kpis/", HTTP_AUTHORIZATION=f"Token {good}", REMOTE_ADDR="192.0.2.10")
    assert statuses == [401, 401, 401, 429, 429]
    assert (refused.status_code, refused["Retry-After"]) == (429, "45")
    assert elsewhere.status_code == 200
    rows = AuditEvent.objects.filter(kind=AuditEvent.Kind.TOKEN_REFUSED)
    assert [(row.ip_address, row.count, row.token_key) for row in rows] == [("192.0.2.9", 6, "bad00000")]


def test_the_next_minute_starts_a_new_row(api, db):
    for minute in (1, 2):
        with time_machine.travel(NINE_AM + datetime.timedelta(minutes=minute), tick=False):
            api.get("/api/v1/kpis/", HTTP_AUTHORIZATION="Token nope", REMOTE_ADDR="192.0.2.9")
            api.get("/api/v1/kpis/", HTTP_AUTHORIZATION="Token nope", REMOTE_ADDR="192.0.2.9")
    assert list(AuditEvent.objects.filter(kind=AuditEvent.Kind.TOKEN_REFUSED).values_list("count", flat=True)) == [2, 2]


def test_a_kpi_writer_without_the_right_hears_403_before_its_body_is_read(api, charlie, division):
    indicator = IndicatorFactory(division=division)
    api.force_login(charlie)
    response = api.post(f"/api/v1/kpis/{indicator.code}/observations/", {"fiscal_year": "x"}, format="json")
    assert response.status_code == 403
