"""The cache back end of production: Django's Redis cache, failing open, with one client per pool.

Redis speeds the portal up; it is never needed for an answer to be right. Every operation that cannot
reach Redis is logged, counted (``FAILURES``, shown by ``/healthz``) and answered as a miss: ``get``
gives the default, ``set``/``add``/``delete`` do nothing, ``incr`` raises ``ValueError`` as for a
missing key. After a failure Redis is left alone for ``RETRY_AFTER`` seconds, so that a server that
hangs costs one socket timeout per process, not one per operation.

``strict()`` gives the same cache raising ``CacheUnavailable`` instead, for the callers that must know:
the rate limits then count in the process (``dx_portal.api.throttling``), and a data version whose bump
was lost bumps again once Redis answers (``dx_portal.versioned_cache``).

``count_and_read()`` is one Redis round trip (a pipeline: a Lua script doing ``INCR`` and ``EXPIRE`` with the first
hit, then ``MGET`` of other keys): a rate limit costs every API request one round trip, in which the request reads
what it knows it needs (a token's lookup, a feed's validator, an answer: ``dx_portal.api.throttling``).
"""

import logging
import threading
import time
from collections import Counter

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 2.0  # seconds without trying Redis after a failure
FAILURES: Counter[str] = Counter()  # operation name -> failures in this process


class CacheUnavailable(Exception):
    """The cache server could not be reached."""


class PooledRedisCacheClient(RedisCacheClient):
    """Django builds a new ``redis.Redis`` for every cache operation, and redis-py's constructor fills a
    table of some 170 response callbacks each time. The clients are thread-safe and share the pool's
    connections, so one per pool serves the whole process.

    Measured 2026-12-06 (shared 2-core VM, local Redis, 3,000 ``get``s): 165-308 µs per ``get`` with
    Django's client, 53-79 µs with this one; a cached API answer makes four cache operations, so about
    0.5 ms a request. ``tests/test_library_contracts.py`` fails when Django's internals used here change.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


# The counter and its expiry in one command: the first hit of a window sets when it ends. (The other keys are read by
# an MGET beside it: a value returned through Lua is copied twice, 150 µs of Redis's time for a 100 KB answer
# against 40 in the pipeline.) Sent as EVAL, which Redis compiles once: redis-py's EVALSHA in a pipeline first asks
# SCRIPT EXISTS, a round trip of its own.
COUNT_SCRIPT = """
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return hits
"""


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledRedisCacheClient
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _call(self, name: str, operation, *args, **kwargs):
        """``operation`` if Redis answers; raises CacheUnavailable (logged and counted) if it does not."""
        if time.monotonic() < self._down_until:
            FAILURES[name] += 1
            raise CacheUnavailable(name)
        try:
            return operation(*args, **kwargs)
        except RedisError as error:
            FAILURES[name] += 1
            with self._lock:
                first = time.monotonic() >= self._down_until
                self._down_until = time.monotonic() + RETRY_AFTER
            if first:
                logger.warning("Cache unreachable (%s failed: %s); answering without it", name, error)
            raise CacheUnavailable(name) from error

    def _open(self, name: str, fallback, operation, *args, **kwargs):
        try:
            return self._call(name, operation, *args, **kwargs)
        except CacheUnavailable:
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._open("add", False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._open("get", default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._open("set", None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._open("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._open("delete", False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._open("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._open("has_key", False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        try:
            return self._call("incr", super().incr, key, delta, version)
        except CacheUnavailable as error:
            raise ValueError(f"Key {key!r} not reachable") from error

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._open("set_many", list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._open("delete_many", None, super().delete_many, keys, version)

    def clear(self):
        return self._open("clear", False, super().clear)

    def count_and_read(self, key, timeout: int, keys=(), version=None) -> tuple[int, dict]:
        """The key's counter raised by one, expiring ``timeout`` seconds after the first hit, and the values of
        ``keys`` as ``get_many`` gives them, in one round trip; CacheUnavailable when Redis cannot be reached."""
        names = {self.make_and_validate_key(name, version=version): name for name in keys}
        counter = self.make_and_validate_key(key, version=version)

        def count_and_read():
            pipeline = self._cache.get_client(counter, write=True).pipeline(transaction=False)
            pipeline.eval(COUNT_SCRIPT, 1, counter, int(timeout))
            if names:
                pipeline.mget(list(names))
            return pipeline.execute()

        hits, *read = self._call("count", count_and_read)
        values = read[0] if read else []
        loads = self._cache._serializer.loads
        return int(hits), {names[made]: loads(value) for made, value in zip(names, values, strict=True) if value is not None}

    @property
    def strict(self) -> "_Strict":
        return _Strict(self)

    def ping(self) -> bool:
        try:
            return bool(self._call("ping", lambda: self._cache.get_client(write=True).ping()))
        except CacheUnavailable:
            return False


class _Strict:
    """The same cache, raising CacheUnavailable where the cache itself fails open."""

    def __init__(self, backend: ResilientRedisCache):
        self._backend = backend

    def __getattr__(self, name):
        operation = getattr(super(ResilientRedisCache, self._backend), name)
        return lambda *args, **kwargs: self._backend._call(name, operation, *args, **kwargs)


def strict(alias: str = "default"):
    """The cache, for callers that must know when it is out of reach (CacheUnavailable)."""
    backend = caches[alias]
    return backend.strict if isinstance(backend, ResilientRedisCache) else backend


def _count(backend, key, timeout: int) -> int:
    # add() sets the expiry with the first hit, incr() is atomic in every back end we use (Redis INCR,
    # a lock in LocMemCache); a key that expires between the two starts again.
    for _ in range(2):
        backend.add(key, 0, timeout)
        try:
            return backend.incr(key)
        except ValueError:
            continue
    return 1


def count_and_read(key: str, timeout: int, keys=(), alias: str = "default") -> tuple[int, dict]:
    """An atomic hit counter in the cache, and the values of ``keys``, in one round trip on Redis;
    CacheUnavailable when the cache server cannot be reached."""
    backend = caches[alias]
    if isinstance(backend, ResilientRedisCache):
        return backend.count_and_read(key, timeout, keys)
    return _count(backend, key, timeout), backend.get_many(keys) if keys else {}


def reachable(alias: str = "default") -> bool:
    backend = caches[alias]
    if isinstance(backend, ResilientRedisCache):
        return backend.ping()
    return True
