"""Redis stopped under a running portal: pages, the API and writes keep working, /healthz says the cache is
down, and once Redis is back (with the data it had, as a Redis with persistence comes back) nobody is
shown an answer cached before a change made while it was away.

The portal runs in this process with the production cache back end (dx_portal.cache.ResilientRedisCache)
on a redis-server of the test's own; the shared Redis is never touched.
"""

import re
import time

import pytest
from django.test import Client

from dx_portal import cache as portal_cache
from kpis.models import Indicator
from projects.models import Health
from tests.faults.harness import RedisServer
from tests.kpis.factories import IndicatorFactory, ObservationFactory
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, REPORT, token_client
from tests.projects.test_portfolio_page import rows

pytestmark = [pytest.mark.faults, FROZEN]


@pytest.fixture
def redis(tmp_path, settings, monkeypatch):
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "dx_portal.cache.ResilientRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    # The rate limits count too, in Redis while it answers and in the process while it does not.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "600/min", "feeds": "120/min", "failed_auth": "20/min"},
    }
    monkeypatch.setattr(portal_cache, "RETRY_AFTER", 0.2)
    yield server
    server.stop()


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", division=division)


@pytest.fixture
def feed():
    indicator = IndicatorFactory(code="e-approval-rate", percentage=True)
    ObservationFactory(indicator=indicator)
    assert indicator.is_public
    return indicator


def portfolio_health(client) -> str:
    response = client.get("/portfolio/")
    assert response.status_code == 200
    return next(row["健全度"] for row in rows(response) if row["案件コード"] == "EAPP")


def api_health(client) -> str:
    response = client.get("/api/v1/projects/")
    assert response.status_code == 200
    return response.json()["results"][0]["health"]


def file_report_in_the_browser(client, **values) -> int:
    """GET the form, then POST it with what it carried hidden (the CSRF token, a one-time token)."""
    url = "/projects/EAPP/reports/new/"
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', client.get(url).content.decode()))
    return client.post(url, {**hidden, **REPORT, **values}).status_code


def test_with_redis_stopped_reports_are_filed_and_read_and_after_it_returns_answers_are_fresh(
    redis, client, alice, carl, fiona, project, feed
):
    client.force_login(carl)
    reader = token_client(fiona, "projects:read")
    writer = token_client(alice, "projects:read", "projects:write")
    browser = Client()
    browser.force_login(alice)
    # Both now cached in Redis, without a report.
    assert (portfolio_health(client), api_health(reader)) == ("—なし", "")

    redis.stop()

    assert file_report_in_the_browser(browser, as_of="2022-10-03", health=Health.YELLOW) == 302
    filed = writer.post("/api/v1/projects/EAPP/status-reports/", {**REPORT, "as_of": "2022-10-04", "health": Health.RED},
                        format="json")
    assert filed.status_code == 201, filed.content
    assert portfolio_health(client) == Health.RED.label
    assert api_health(reader) == Health.RED
    assert client.get("/api/v1/kpis/e-approval-rate/observations/").status_code == 200
    assert client.get("/api/v1/kpis/e-approval-rate/observations/?format=csv").status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert (health.json()["database"], health.json()["cache"]) == ("ok", "down")
    assert health.json()["cache_failures"] > 0

    redis.start()  # with what it held: the answers cached before the reports, under the old version
    time.sleep(portal_cache.RETRY_AFTER)

    assert portfolio_health(client) == Health.RED.label
    assert api_health(reader) == Health.RED
    assert client.get("/healthz").json()["cache"] == "ok"
    assert Indicator.objects.get().code == "e-approval-rate"


def test_a_figure_recorded_while_redis_is_stopped_reaches_a_client_polling_after_it_returns(redis, client, db, feed):
    url = "/api/v1/kpis/e-approval-rate/observations/?format=csv"
    etag = client.get(url)["ETag"]  # the validator now in Redis, under the version of the moment
    redis.stop()
    ObservationFactory(indicator=feed, fiscal_year=2020)  # the version's bump is lost
    redis.start()
    time.sleep(portal_cache.RETRY_AFTER)
    # The validator read ahead with the rate limit's count predates the bump made again now: it is read afresh.
    polled = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert polled.status_code == 200 and polled["ETag"] != etag


def test_with_redis_stopped_the_rate_limit_still_holds_in_the_process(redis, client, settings, db):
    rates = {"anon": "3/min", "user": None, "feeds": None, "failed_auth": None}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    redis.stop()
    statuses = [client.get("/api/v1/kpis/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
