"""The benchmark's floor, /bench/floor: JSON of exactly the size asked for, beside the portal's own URLs."""

import json

import pytest

from projects.caching import PROJECT_DATA

pytestmark = [pytest.mark.urls("bench.urls")]


def test_the_floor_answers_json_of_exactly_the_requested_size(client):
    response = client.get("/bench/floor?bytes=100000")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert len(response.content) == 100000
    assert set(json.loads(response.content)["pad"]) == {"x"}


@pytest.mark.parametrize("size", ["9", "abc", "10000001"])
def test_the_floor_refuses_a_size_it_cannot_make(client, size):
    assert client.get(f"/bench/floor?bytes={size}").status_code == 400


@pytest.mark.django_db
def test_the_portal_is_served_under_the_bench_urls(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/api/v1/no-such-thing/").json()  # the API's own 404 shape, from the root URLconf's handler


@pytest.mark.django_db
def test_each_answer_says_how_many_queries_it_ran(client, settings):
    settings.MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *settings.MIDDLEWARE]

    assert client.get("/bench/floor?bytes=10")["X-Bench-Queries"] == "0"
    assert int(client.get("/healthz")["X-Bench-Queries"]) >= 1


@pytest.mark.django_db
def test_a_bump_makes_the_next_portfolio_answer_compute_afresh(client):
    version = PROJECT_DATA.current()
    assert client.get("/bench/bump").status_code == 405
    assert client.post("/bench/bump").status_code == 204
    assert PROJECT_DATA.current() != version
