"""Signed webhooks against a real HTTP receiver started by the test: one delivery per event, its signature
verifies, a 500 is retried, repeated failures stop the receiver, private addresses are refused."""

import datetime
import http.server
import json
import threading
from decimal import Decimal

import pytest

from dx_portal.celery import app
from kpis.services import observation_record
from tests.kpis.factories import IndicatorFactory
from tests.projects.helpers import token_client
from webhooks.models import Delivery, Subscription
from webhooks.signing import verify


class Receiver:
    """An HTTP server on a free local port that answers the statuses it is given, then 200."""

    def __init__(self):
        self.requests, self.statuses = [], []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests.append((self.headers, body))  # case-insensitive names
                self.send_response(outer.statuses.pop(0) if outer.statuses else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True
    running = Receiver()
    yield running
    running.close()


@pytest.fixture(autouse=True)
def retries_run_in_place():
    """Eager tasks run a retry at once, then raise Retry to their caller: as a worker, we let it go."""
    eager = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = eager


@pytest.fixture
def pmo_client(petra):
    return token_client(petra, "webhooks:write")


def register(client, url, events=("observation.recorded",)):
    response = client.post("/api/v1/webhooks/", {"url": url, "events": list(events)}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def record_figure(actor, indicator, capture):
    with capture(execute=True):
        observation_record(actor=actor, indicator=indicator, expected_version=None, fiscal_year=2022,
                           value=Decimal("92.7"), as_of=datetime.date(2023, 3, 31))


def test_a_recorded_figure_reaches_the_receiver_once_signed(receiver, pmo_client, petra, django_capture_on_commit_callbacks):
    secret = register(pmo_client, receiver.url)["secret"]
    record_figure(petra, IndicatorFactory(code="e-approval-rate", percentage=True), django_capture_on_commit_callbacks)
    [(headers, body)] = receiver.requests
    assert headers["X-DX-Event"] == "observation.recorded"
    assert verify(secret, headers["X-DX-Timestamp"], body, headers["X-DX-Signature"])
    assert not verify("another secret", headers["X-DX-Timestamp"], body, headers["X-DX-Signature"])
    payload = json.loads(body)
    assert (payload["data"]["indicator_code"], payload["data"]["value"]) == ("e-approval-rate", "92.7")
    assert payload["id"] == headers["X-DX-Delivery"]


def test_a_500_is_retried_and_the_log_shows_it(receiver, pmo_client, petra, django_capture_on_commit_callbacks):
    hook = register(pmo_client, receiver.url)
    receiver.statuses = [500]
    record_figure(petra, IndicatorFactory(percentage=True), django_capture_on_commit_callbacks)
    assert len(receiver.requests) == 2
    assert receiver.requests[0][0]["X-DX-Delivery"] == receiver.requests[1][0]["X-DX-Delivery"]
    [logged] = pmo_client.get(f"/api/v1/webhooks/{hook['id']}/deliveries/").json()["results"]
    assert (logged["status"], logged["attempts"], logged["response_status"]) == ("delivered", 2, 200)


def test_a_delivered_event_is_not_sent_again(receiver, pmo_client, petra, django_capture_on_commit_callbacks):
    from webhooks.tasks import deliver

    register(pmo_client, receiver.url)
    record_figure(petra, IndicatorFactory(percentage=True), django_capture_on_commit_callbacks)
    deliver.delay(Delivery.objects.get().pk)  # a duplicate task run
    assert len(receiver.requests) == 1


def test_repeated_failures_stop_the_receiver(receiver, pmo_client, petra, settings, django_capture_on_commit_callbacks):
    settings.WEBHOOKS_MAX_ATTEMPTS, settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 2, 2
    hook = register(pmo_client, receiver.url)
    receiver.statuses = [500] * 4
    indicator = IndicatorFactory(percentage=True)
    for year in (2021, 2022):
        with django_capture_on_commit_callbacks(execute=True):
            observation_record(actor=petra, indicator=indicator, expected_version=None, fiscal_year=year,
                               value=Decimal("50"), as_of=datetime.date(year + 1, 3, 31))
    subscription = Subscription.objects.get(pk=hook["id"])
    assert (subscription.is_active, subscription.consecutive_failures) == (False, 2)
    assert subscription.disabled_at is not None
    assert list(Delivery.objects.values_list("status", flat=True)) == ["failed", "failed"]


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/hook", "http://10.0.0.5/hook", "http://localhost/hook", "ftp://example.com/"])
def test_private_and_own_addresses_are_refused(pmo_client, url):
    response = pmo_client.post("/api/v1/webhooks/", {"url": url, "events": ["decision.recorded"]}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["url"]


@pytest.mark.parametrize("person", ["alice", "carl", "audrey"])
def test_only_pmo_manages_receivers(request, person):
    client = token_client(request.getfixturevalue(person), "webhooks:write")
    assert client.get("/api/v1/webhooks/").status_code == 403


def test_the_secret_is_shown_once(receiver, pmo_client):
    hook = register(pmo_client, receiver.url)
    assert "secret" not in pmo_client.get(f"/api/v1/webhooks/{hook['id']}/").json()
