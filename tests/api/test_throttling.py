"""Rate limits: per client address without a token, per token with one; 429 with Retry-After."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine

from dx_portal.api.throttling import hit

pytestmark = pytest.mark.urls("tests.api.probe")

NINE_AM = datetime.datetime(2022, 10, 4, 9, 0, tzinfo=datetime.UTC)


def test_an_anonymous_client_is_stopped_after_its_allowance_and_told_when_to_retry(api, db, rates):
    rates(anon="2/min")
    with time_machine.travel(NINE_AM, tick=False):
        assert [api.get("/api/v1/public/").status_code for _ in range(2)] == [200, 200]
        response = api.get("/api/v1/public/")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response.json() == {
        "status": 429,
        "code": "throttled",
        "message": "リクエストが多すぎます。60 秒後にもう一度お試しください。",
    }


def test_the_allowance_comes_back_once_the_minute_has_passed(api, db, rates):
    rates(anon="1/min")
    with time_machine.travel(NINE_AM, tick=False):
        api.get("/api/v1/public/")
    with time_machine.travel(NINE_AM + datetime.timedelta(seconds=40), tick=False):
        assert api.get("/api/v1/public/")["Retry-After"] == "20"
    with time_machine.travel(NINE_AM + datetime.timedelta(seconds=61), tick=False):
        assert api.get("/api/v1/public/").status_code == 200


def test_each_address_has_its_own_allowance(api, db, rates):
    rates(anon="1/min")
    assert api.get("/api/v1/public/", REMOTE_ADDR="192.0.2.1").status_code == 200
    assert api.get("/api/v1/public/", REMOTE_ADDR="192.0.2.2").status_code == 200
    assert api.get("/api/v1/public/", REMOTE_ADDR="192.0.2.1").status_code == 429


def test_a_forged_forwarded_for_header_does_not_buy_a_new_allowance(api, db, rates):
    rates(anon="1/min")
    assert api.get("/api/v1/public/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert api.get("/api/v1/public/", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429


def test_each_token_has_its_own_allowance_beyond_the_anonymous_one(api, fiona, token_for, rates):
    rates(anon="1/min", user="2/min")
    first, second = token_for(fiona, "kpi:read"), token_for(fiona, "kpi:read")
    api.get("/api/v1/public/")  # the address's anonymous allowance is used up; tokens do not count against it
    assert [api.get("/api/v1/public/", HTTP_AUTHORIZATION=f"Token {first}").status_code for _ in range(3)] == [200, 200, 429]
    assert api.get("/api/v1/public/", HTTP_AUTHORIZATION=f"Token {second}").status_code == 200


def test_a_logged_in_user_is_counted_per_user(api, alice, bob, rates):
    rates(user="1/min")
    api.force_login(alice)
    assert [api.get("/api/v1/public/").status_code for _ in range(2)] == [200, 429]
    api.force_login(bob)
    assert api.get("/api/v1/public/").status_code == 200


def test_views_that_name_a_scope_get_its_extra_limit(api, db, rates):
    rates(feeds="1/min")
    assert [api.get("/api/v1/heavy/").status_code for _ in range(2)] == [200, 429]
    assert api.get("/api/v1/public/").status_code == 200


def test_the_message_is_in_english_when_asked(api, db, rates):
    rates(anon="1/min")
    with time_machine.travel(NINE_AM, tick=False):
        api.get("/api/v1/public/")
        response = api.get("/api/v1/public/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["message"] == "Too many requests. Try again in 60 seconds."


def test_concurrent_requests_never_overshoot_the_limit(db, rates):
    rates(anon="60/min")
    with ThreadPoolExecutor(max_workers=8) as pool:
        allowed = list(pool.map(lambda _: hit("ip-192.0.2.1", "anon")[0], range(100)))
    assert allowed.count(True) == 60
