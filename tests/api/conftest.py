import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from dx_portal.tokens import api_token_issue


@pytest.fixture(autouse=True)
def fresh_rate_counters():
    """Rate-limit counters live in the cache, which outlives a test's database rollback."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def token_for():
    def issue(user, *scopes):
        return api_token_issue(user=user, scopes=list(scopes))[1]

    return issue


@pytest.fixture
def rates(settings):
    """Set API rate limits for one test, e.g. ``rates(anon="2/min")``; unnamed scopes stay off."""

    def set_rates(**given):
        current = settings.REST_FRAMEWORK
        off = dict.fromkeys(current["DEFAULT_THROTTLE_RATES"])
        settings.REST_FRAMEWORK = {**current, "DEFAULT_THROTTLE_RATES": {**off, **given}}

    return set_rates
