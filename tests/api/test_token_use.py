"""What an API request with a token costs and leaves behind: no database write for a read, one audit row per
token and minute after the flush, revocation at once although the lookup is cached, the rate limit counted in the
round trip that looks the token up, and a JSON access-log line for every request."""

import datetime
import json
import logging

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from dx_portal import usage
from dx_portal.json_logging import JsonFormatter
from dx_portal.models import AuditEvent
from dx_portal.tokens import api_token_issue, lookup_key
from organisation.services import api_token_revoke, person_deactivate

NINE_AM = datetime.datetime(2022, 10, 4, 9, 0, 10, tzinfo=datetime.UTC)
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def client_of(fiona):
    def issue(*scopes):
        token, key = api_token_issue(user=fiona, scopes=list(scopes or ["kpi:read", "projects:read"]))
        client = APIClient(REMOTE_ADDR="203.0.113.7")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return token, client

    return issue


def test_a_read_with_a_token_writes_nothing_to_the_database(client_of):
    _, client = client_of()
    client.get("/api/v1/kpis/")  # the first one looks the token up and caches it
    for path in ("/api/v1/kpis/", "/api/v1/projects/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        assert not [query["sql"] for query in queries if query["sql"].lstrip().upper().startswith(WRITES)]
        assert not [query["sql"] for query in queries if "governance_apitoken" in query["sql"]]


def test_the_reads_of_a_minute_become_one_row_with_their_count_and_kinds(client_of, fiona):
    token, client = client_of()
    with time_machine.travel(NINE_AM, tick=False):
        client.get("/api/v1/kpis/")
        client.get("/api/v1/kpis/")
        client.get("/api/v1/projects/")
        assert not AuditEvent.objects.exists()
        assert usage.flush() == 1
        client.get("/api/v1/portfolio/summary/")
        usage.flush()  # a second flush in the same minute adds to the same row
    with time_machine.travel(NINE_AM + datetime.timedelta(minutes=1), tick=False):
        client.get("/api/v1/kpis/")
        usage.flush()
    first, second = AuditEvent.objects.order_by("at")
    assert (first.kind, first.user, first.token_key, first.ip_address) == ("token_used", fiona, token.token_key, "203.0.113.7")
    assert (first.at, first.count, first.subject) == (NINE_AM.replace(second=0), 4, "kpis, portfolio, projects")
    assert (second.count, second.subject) == (1, "kpis")
    token.refresh_from_db()
    assert token.last_used_at == NINE_AM + datetime.timedelta(minutes=1)


def test_the_audit_page_shows_a_minute_s_reads(client_of, client, audrey):
    _, api = client_of()
    api.get("/api/v1/kpis/")
    api.get("/api/v1/kpis/?page=1")
    usage.flush()
    client.force_login(audrey)
    page = client.get("/audit/").content.decode()
    assert "読み取り 2件" in page
    assert "<td>kpis</td>" in page


def test_a_revoked_token_is_refused_at_once_although_its_lookup_was_cached(client_of, petra):
    token, client = client_of()
    assert client.get("/api/v1/kpis/").status_code == 200
    assert cache.get(lookup_key(token.digest)) is not None
    api_token_revoke(actor=petra, token=token)
    assert client.get("/api/v1/kpis/").status_code == 401


def test_a_deactivated_person_s_token_is_refused_at_once(client_of, fiona, petra):
    _, client = client_of()
    assert client.get("/api/v1/kpis/").status_code == 200
    person_deactivate(actor=petra, user=fiona)
    assert client.get("/api/v1/kpis/").status_code == 401


def test_an_expired_token_is_refused_although_its_lookup_was_cached(fiona):
    with time_machine.travel(NINE_AM, tick=False):
        _, key = api_token_issue(user=fiona, scopes=["kpi:read"], expires_in_days=1)
        client = APIClient(HTTP_AUTHORIZATION=f"Token {key}")
        assert client.get("/api/v1/kpis/").status_code == 200
    with time_machine.travel(NINE_AM + datetime.timedelta(days=1, seconds=1), tick=False):
        assert client.get("/api/v1/kpis/").status_code == 401


def test_every_request_leaves_one_json_line_in_the_access_log(client_of, caplog):
    token, client = client_of()
    caplog.set_level(logging.INFO, logger="dx_portal.access")
    client.get("/api/v1/kpis/?page=1")
    APIClient().get("/healthz")
    first, second = (json.loads(JsonFormatter().format(record)) for record in caplog.records)
    assert set(first) == {"time", "logger", "user", "token", "method", "path", "status", "duration_ms", "address"}
    assert (first["user"], first["token"], first["method"], first["path"], first["status"], first["address"]) == (
        token.user_id, token.token_key, "GET", "/api/v1/kpis/", 200, "203.0.113.7"
    )
    assert first["duration_ms"] > 0 and first["time"].endswith("+00:00")
    assert (second["user"], second["token"], second["path"]) == (None, None, "/healthz")


# --- Redis round trips ------------------------------------------------------------------------------------

def test_a_cached_answer_costs_one_redis_round_trip_and_no_query(client_of, redis_commands, django_assert_num_queries):
    _, client = client_of()
    client.get("/api/v1/projects/?page_size=100")  # looks the token up (with its user's roles) and computes the answer
    redis_commands.clear()
    with django_assert_num_queries(0):
        assert client.get("/api/v1/projects/?page_size=100").status_code == 200
    # The token's rate limit counted with its lookup, the address's bad tokens, and the data version with the answer
    # under the visibility of the token's last answer.
    assert redis_commands == [["EVAL", "MGET"]]


def test_a_tokens_allowance_holds_and_another_secret_under_its_prefix_uses_none_of_it(fiona, redis_commands, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "user": "2/min"},
    }
    _, key = api_token_issue(user=fiona, scopes=["kpi:read"])
    client, forged = APIClient(REMOTE_ADDR="203.0.113.7"), APIClient(REMOTE_ADDR="203.0.113.8")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    forged.credentials(HTTP_AUTHORIZATION=f"Token {key[:15]}{'0' if key[15] != '0' else '1'}{key[16:]}")
    with time_machine.travel(NINE_AM, tick=False):
        assert [forged.get("/api/v1/kpis/").status_code for _ in range(3)] == [401, 401, 401]
        assert [client.get("/api/v1/kpis/").status_code for _ in range(3)] == [200, 200, 429]
        assert client.get("/api/v1/kpis/")["Retry-After"] == "50"
