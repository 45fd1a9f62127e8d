"""GET /api/v1/action-items/: action items with their owner division, due date and overdue flag."""

import datetime

import pytest
import time_machine

from tests.governance.factories import ActionItemFactory
from tests.governance.helpers import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2022, 10, 4, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def items(division, other_division):
    late = ActionItemFactory(title="遅れている対応", owner_division=division, due_on=datetime.date(2022, 9, 30))
    done = ActionItemFactory(title="完了した対応", owner_division=other_division, due_on=datetime.date(2022, 8, 31), done=True)
    later = ActionItemFactory(title="先の対応", owner_division=other_division, due_on=datetime.date(2022, 12, 28))
    return late, done, later


def test_overdue_items_come_first_with_the_flag_and_iso_dates(fiona, items):
    body = token_client(fiona).get("/api/v1/action-items/").json()
    first = body["results"][0]
    assert (first["title"], first["overdue"], first["due_on"], first["owner_division"]) == (
        "遅れている対応", True, "2022-09-30", "dx-office"
    )
    done = next(r for r in body["results"] if r["title"] == "完了した対応")
    assert (done["status"], done["overdue"], done["completed_on"]) == ("done", False, "2022-09-30")


@pytest.mark.parametrize("query, expected", [
    ({"status": "done"}, {"完了した対応"}),
    ({"division": "water"}, {"完了した対応", "先の対応"}),
    ({"overdue": "true"}, {"遅れている対応"}),
    ({"overdue": "false"}, {"完了した対応", "先の対応"}),
    ({"due_from": "2022-09-01", "due_to": "2022-10-31"}, {"遅れている対応"}),
])
def test_the_filters(fiona, items, query, expected):
    body = token_client(fiona).get("/api/v1/action-items/", query).json()
    assert {r["title"] for r in body["results"]} == expected


@pytest.mark.parametrize("query", [{"status": "closed"}, {"division": "nowhere"}, {"due_to": "tomorrow"}])
def test_a_bad_filter_is_a_400(fiona, query):
    response = token_client(fiona).get("/api/v1/action-items/", query)
    assert response.status_code == 400 and set(response.json()["errors"]) == set(query)


@pytest.mark.parametrize("size", [1, 8])
def test_the_list_runs_a_fixed_number_of_queries(fiona, size, django_assert_num_queries):
    client = token_client(fiona)
    ActionItemFactory.create_batch(size)
    with django_assert_num_queries(4):  # a read writes no audit row nor the token's last use
        assert client.get("/api/v1/action-items/").json()["count"] == size
