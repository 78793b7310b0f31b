"""Where increments wait before `manage.py flush_visits` folds them into stored totals.

Two buffers, chosen by configuration:

- Redis (COUNTERS_REDIS_URL, defaults to REDIS_URL): one HINCRBY per increment into a
  live hash, all of a request's increments in one pipelined round trip;
- the database otherwise: `CounterShard` rows, one of COUNTERS_DB_SHARDS rows per
  (kind, object, day) picked at random, `UPDATE … SET count = count + n`, created on
  miss. No single row is shared by every request.

An increment is keyed by (kind, object id, local day) so the flush can keep daily history.
If Redis cannot be reached, increments fall back to the database buffer (the flush reads
both), so a Redis outage loses no count and never breaks a page.
"""

import logging
import random
from collections import Counter
from datetime import date
from functools import lru_cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

logger = logging.getLogger(__name__)

Key = tuple[str, int, date]


def field_for(key: Key) -> str:
    kind, object_id, day = key
    return f"{kind}:{object_id}:{day.isoformat()}"


def key_for(field) -> Key | None:
    if isinstance(field, bytes):
        field = field.decode()
    try:
        kind, object_id, day = field.split(":")
        return kind, int(object_id), date.fromisoformat(day)
    except ValueError:
        logger.warning("Ignoring malformed counter field %r", field)
        return None


@lru_cache(maxsize=4)
def _redis_client(url):
    import redis

    return redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)


def redis_client():
    """The counters' Redis client, or None when counting goes to the database."""
    url = settings.COUNTERS_REDIS_URL
    return _redis_client(url) if url else None


def redis_keys():
    prefix = settings.COUNTERS_REDIS_PREFIX
    return f"{prefix}:live", f"{prefix}:pending", f"{prefix}:batch:"


def add_to_database(increments: Counter):
    from counters.models import CounterShard

    shards = max(1, settings.COUNTERS_DB_SHARDS)
    # Each increment is one autocommitted UPDATE of one shard row: no transaction holds
    # two rows, so requests never wait on each other in a cycle.
    for key, n in sorted(increments.items()):
        _add_one(CounterShard, shards, key, n)


def _add_one(CounterShard, shards, key, n):
    kind, object_id, day = key
    if n > 0:
        lookup = {
            "kind": kind,
            "object_id": object_id,
            "day": day,
            "shard": random.randrange(shards),
        }
        rows = CounterShard.objects.filter(**lookup)
        if rows.update(count=F("count") + n):
            return
        try:
            with transaction.atomic():
                CounterShard.objects.create(count=n, **lookup)
        except IntegrityError:
            # Another request created the same shard row a moment ago.
            rows.update(count=F("count") + n)


def add_to_redis(client, increments: Counter):
    live, _, _ = redis_keys()
    pipe = client.pipeline(transaction=True)  # all or nothing
    for key, n in increments.items():
        if n > 0:
            pipe.hincrby(live, field_for(key), n)
    pipe.execute()


def add(increments: Counter):
    """Buffer *increments* ({(kind, object_id, day): n}); never raises into a page.

    Returns False only if neither Redis nor the database took them.
    """
    if not increments:
        return True
    client = redis_client()
    if client is not None:
        try:
            add_to_redis(client, increments)
            return True
        except Exception:
            logger.warning("Redis unreachable for counters; buffering in the database")
    try:
        add_to_database(increments)
        return True
    except Exception:
        logger.exception("Could not buffer counter increments %s", dict(increments))
        return False
