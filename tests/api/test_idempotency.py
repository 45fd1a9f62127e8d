"""``Idempotency-Key`` on API POSTs: a retry gets the first answer and files nothing twice, even after the
cache lost everything; the same key with another body is refused."""

import datetime

import pytest
from django.core.cache import cache

from dx_portal.models import IdempotentRequest
from projects.models import StatusReport
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, REPORT, token_client

pytestmark = FROZEN
URL = "/api/v1/projects/DX-1/status-reports/"


@pytest.fixture
def writer(alice, division):
    ProjectFactory(code="DX-1", division=division)
    return token_client(alice, "projects:read", "projects:write")


def test_a_retry_with_the_same_key_and_body_gets_the_same_answer_and_files_once(writer):
    first = writer.post(URL, REPORT, format="json", HTTP_IDEMPOTENCY_KEY="report-2022-10-04")
    cache.clear()  # the keys are in the database, not only in Redis
    again = writer.post(URL, REPORT, format="json", HTTP_IDEMPOTENCY_KEY="report-2022-10-04")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert StatusReport.objects.count() == 1


def test_the_same_key_with_another_body_is_422(writer):
    writer.post(URL, REPORT, format="json", HTTP_IDEMPOTENCY_KEY="k")
    response = writer.post(URL, {**REPORT, "summary": "別の内容"}, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert StatusReport.objects.count() == 1


def test_a_refused_request_keeps_nothing_so_the_corrected_one_may_use_the_key(writer):
    assert writer.post(URL, {**REPORT, "health": "purple"}, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code == 400
    assert writer.post(URL, REPORT, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code == 201
    assert IdempotentRequest.objects.get().status_code == 201


def test_one_clients_key_is_not_anothers(writer, bob):
    other = token_client(bob, "projects:read", "projects:write")
    assert writer.post(URL, {**REPORT, "as_of": "2022-10-03"}, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code == 201
    response = other.post(URL, REPORT, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 201 and "Idempotent-Replayed" not in response
    assert StatusReport.objects.count() == 2


def test_a_second_report_for_the_same_day_without_a_key_is_400_at_as_of(writer):
    writer.post(URL, REPORT, format="json")
    response = writer.post(URL, REPORT, format="json")
    assert response.status_code == 400 and "as_of" in response.json()["errors"]


def test_a_key_too_long_is_400(writer):
    assert writer.post(URL, REPORT, format="json", HTTP_IDEMPOTENCY_KEY="k" * 256).status_code == 400


def test_a_key_is_forgotten_after_a_day(writer, time_machine):
    assert writer.post(URL, REPORT, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code == 201
    time_machine.shift(datetime.timedelta(hours=25))
    response = writer.post(URL, {**REPORT, "as_of": "2022-10-05"}, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 201 and "Idempotent-Replayed" not in response
    assert StatusReport.objects.count() == 2
