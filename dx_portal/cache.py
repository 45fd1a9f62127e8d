"""Django's Redis cache, keeping one client per connection pool.

Django builds a new ``redis.Redis`` for every cache operation, and redis-py's constructor fills a table
of some 170 response callbacks each time: about 0.4 ms, more than the round trip to Redis, four times
in a cached API answer (throttle read and write, data version, the answer). The clients are thread-safe
and share the pool's connections, so one per pool serves the whole process.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class PooledRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class PooledRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledRedisCacheClient
