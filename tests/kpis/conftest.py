import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from dx_portal.demo import Story
from dx_portal.tokens import api_token_issue
from kpis import demo as kpis_demo
from organisation import demo as governance_demo


@pytest.fixture(autouse=True)
def frozen_today():
    """The day the source was presented to the committee: 4 October 2022 (FY2022), 10:00 in Tokyo."""
    with time_machine.travel(datetime.datetime(2022, 10, 4, 1, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def kpi_token(fiona):
    """Fiona's key, with the kpi:read scope."""
    return api_token_issue(user=fiona, scopes=["kpi:read"])[1]


@pytest.fixture
def same_query_count(django_assert_num_queries):
    """Run a request on little data, then assert that the same request on more data runs exactly as many queries.

    Each argument is a function making the request; each is run once beforehand so that one-off writes (a token's
    last use, a session) are not counted, and both then find their feed's validator in the cache.
    """

    def check(small, large):
        small()
        large()
        with CaptureQueriesContext(connection) as few:
            small_response = small()
        with django_assert_num_queries(len(few)):
            large_response = large()
        return small_response, large_response

    return check


@pytest.fixture
def demo(db):
    """The demo organisation, users (the feed client and its token) and KPIs, as load_demo loads them."""
    out = io.StringIO()
    governance_demo.load(out, Story())
    kpis_demo.load(out, Story())
    return out.getvalue()
