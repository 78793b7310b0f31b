"""The production cache backend on the real Redis, confined to its own key prefix: `clear()`
deletes that prefix's keys only (the Redis server is shared with other test runs)."""

from core.cache import ResilientRedisCache


class PrefixedRedisCache(ResilientRedisCache):
    def clear(self):
        client = self._cache.get_client(write=True)
        pattern = self.make_key("*")
        keys = list(client.scan_iter(match=pattern, count=1000))
        if keys:
            client.delete(*keys)
        return True
