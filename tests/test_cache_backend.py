"""dx_portal.cache.ResilientRedisCache against a real Redis: Django's cache API, one client per pool."""

import pytest
from django.conf import settings

from dx_portal.cache import ResilientRedisCache

pytestmark = pytest.mark.skipif(
    not settings.CELERY_BROKER_URL.startswith("redis://"), reason="needs Redis: set CELERY_BROKER_URL=redis://..."
)


@pytest.fixture
def redis_cache():
    # The broker's server, another database: nothing of the worker's is touched.
    cache = ResilientRedisCache(settings.CELERY_BROKER_URL.rsplit("/", 1)[0] + "/14", {"KEY_PREFIX": "test-cache-backend"})
    yield cache
    cache.clear()


def test_it_keeps_counts_and_values_like_any_django_cache(redis_cache):
    assert redis_cache.add("version", 7) and not redis_cache.add("version", 8)
    assert redis_cache.incr("version") == 8
    redis_cache.set("answer", {"rows": ["DX-1"]}, 60)
    assert redis_cache.get_or_set("answer", lambda: "recomputed") == {"rows": ["DX-1"]}
    redis_cache.delete("answer")
    assert redis_cache.get("answer") is None
    with pytest.raises(ValueError):
        redis_cache.incr("never-set")


def test_every_operation_uses_the_same_client(redis_cache):
    redis_cache.set("a", 1)
    client = redis_cache._cache.get_client(write=True)
    redis_cache.get("a")
    redis_cache.incr("a")
    assert redis_cache._cache.get_client(write=True) is client


def test_a_count_is_one_atomic_command_that_expires_with_its_window(redis_cache):
    assert [redis_cache.count_and_read("hits", 60) for _ in range(3)] == [(1, {}), (2, {}), (3, {})]
    client = redis_cache._cache.get_client(write=True)
    assert 0 < client.ttl(redis_cache.make_key("hits")) <= 60


def test_a_count_reads_other_keys_in_the_same_command(redis_cache):
    redis_cache.set("lookup", {"user": 7}, 60)
    redis_cache.set("failures", 3, 60)
    assert redis_cache.count_and_read("hits", 60, ["lookup", "failures", "missing"]) == (
        1, {"lookup": {"user": 7}, "failures": 3}
    )
    assert redis_cache.count_and_read("hits", 60) == (2, {})
