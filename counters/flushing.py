"""Folding buffered increments into stored totals (`manage.py flush_visits`).

Atomic and safe to run on a schedule from several processes at once:

- Redis: the live hash is RENAMEd to a batch key and the key recorded in a pending set,
  in one MULTI. New increments go to a fresh live hash from then on, so nothing is lost
  between read and reset. Each pending batch is applied in one database transaction that
  also records its id (`FlushBatch`, unique): a batch applied before a crash, or by a
  concurrent flush, is never applied twice. The batch key is deleted only after commit,
  so a failed flush leaves it for the next one.
- Database: the shard rows are read with SELECT … FOR UPDATE and zeroed in the same
  transaction that applies them; increments arriving meanwhile wait for the row lock and
  land after the zeroing (or in new rows), so they belong to the next flush. A failure
  rolls everything back.

Flushes take a transaction-level advisory lock on PostgreSQL (SQLite serialises writers
anyway), so two flushes never interleave their updates of the same history rows.
"""

import logging
import uuid
from collections import Counter, defaultdict
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from . import local, registry
from .buffer import key_for, redis_client, redis_keys
from .models import CounterShard, CounterTotal, DailyCount, FlushBatch
from .registry import VISITS_TOTAL
from .signals import totals_flushed

logger = logging.getLogger(__name__)

try:
    from redis.exceptions import ConnectionError as _RedisConnectionError
    from redis.exceptions import TimeoutError as _RedisTimeoutError

    RedisUnavailable = (_RedisConnectionError, _RedisTimeoutError)
except ImportError:  # no redis library: no Redis buffer either
    RedisUnavailable = ()

ADVISORY_LOCK_ID = 7_204_117  # any constant shared by every flush
CHUNK = 500


def _models_by_kind():
    return {counted.kind: counted.model for counted in registry.registered()}


def _lock():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_ID])


def apply(increments: Counter):
    """Add *increments* ({(kind, object_id, day): n}) to the stored figures.

    Must run inside the flush's transaction. Returns the number of visits added.
    """
    increments = Counter({key: n for key, n in increments.items() if n > 0})
    if not increments:
        return 0

    # Daily history: add to existing rows, create the missing ones.
    for (kind, object_id, day), n in increments.items():
        rows = DailyCount.objects.filter(kind=kind, object_id=object_id, day=day)
        if not rows.update(count=F("count") + n):
            DailyCount.objects.create(kind=kind, object_id=object_id, day=day, count=n)
    return add_to_totals(increments)


def add_to_totals(increments: Counter):
    """The per-object view counts and the site's visit total part of `apply`.

    Returns the number of visits added.
    """
    # Per-object totals, one UPDATE per distinct increment size.
    per_object = Counter()
    visits = 0
    for (kind, object_id, _day), n in increments.items():
        if kind == registry.VISIT:
            visits += n
        else:
            per_object[(kind, object_id)] += n
    models = _models_by_kind()
    by_size = defaultdict(list)
    for (kind, object_id), n in per_object.items():
        if kind in models:
            by_size[(kind, n)].append(object_id)
    for (kind, n), ids in by_size.items():
        for start in range(0, len(ids), CHUNK):
            models[kind].objects.filter(pk__in=ids[start : start + CHUNK]).update(
                view_count=F("view_count") + n
            )

    if visits:
        rows = CounterTotal.objects.filter(name=VISITS_TOTAL)
        if not rows.update(value=F("value") + visits):
            CounterTotal.objects.create(name=VISITS_TOTAL, value=visits)
    return visits


def _flush_database():
    with transaction.atomic():
        _lock()
        rows = list(
            CounterShard.objects.select_for_update()
            .filter(count__gt=0)
            .values_list("id", "kind", "object_id", "day", "count")
        )
        if not rows:
            return Counter()
        increments = Counter()
        ids = []
        for pk, kind, object_id, day, count in rows:
            increments[(kind, object_id, day)] += count
            ids.append(pk)
        for start in range(0, len(ids), CHUNK):
            CounterShard.objects.filter(pk__in=ids[start : start + CHUNK]).update(count=0)
        apply(increments)
    return increments


def _prune_database():
    """Drop emptied shard rows of past days and old batch ids (outside the hot path)."""
    today = timezone.localdate()
    CounterShard.objects.filter(count=0, day__lt=today).delete()
    FlushBatch.objects.filter(applied_at__lt=timezone.now() - timedelta(days=7)).delete()


def _read_batch(client, batch):
    increments = Counter()
    for field, value in client.hgetall(batch).items():
        key = key_for(field)
        if key is not None:
            increments[key] += int(value)
    return increments


def _flush_redis(client):
    live, pending, batch_prefix = redis_keys()
    if client.exists(live):
        batch = f"{batch_prefix}{uuid.uuid4().hex}"
        pipe = client.pipeline(transaction=True)
        pipe.rename(live, batch)
        pipe.sadd(pending, batch)
        # If another flush renamed the live hash first, RENAME fails inside the MULTI and
        # the batch recorded here is simply empty.
        pipe.execute(raise_on_error=False)

    total = Counter()
    for raw in sorted(client.smembers(pending)):
        batch = raw.decode() if isinstance(raw, bytes) else raw
        increments = _read_batch(client, batch)
        if increments:
            try:
                with transaction.atomic():
                    _lock()
                    try:
                        with transaction.atomic():
                            FlushBatch.objects.create(batch_id=batch)
                    except IntegrityError:
                        logger.info("Counter batch %s was already applied", batch)
                    else:
                        apply(increments)
                        total.update(increments)
            except Exception:
                logger.exception("Flushing counter batch %s failed; kept for the next flush", batch)
                raise
        pipe = client.pipeline(transaction=True)
        pipe.delete(batch)
        pipe.srem(pending, batch)
        pipe.execute()
    return total


def flush():
    """Fold every buffered increment into the stored figures. Returns a summary dict.

    Raises if the database write fails; the increments then stay buffered.
    """
    local.drain()  # this process's own pending increments first
    total = Counter()
    client = redis_client()
    if client is not None:
        try:
            total.update(_flush_redis(client))
        except RedisUnavailable as exc:
            # Increments made meanwhile went to the database shards (buffer.add); the
            # batches in Redis wait there for the next flush after it is back.
            logger.warning("Redis unreachable for the counters' flush (%r); database only", exc)
    # Always drain the database buffer too: it catches increments made while Redis was
    # unreachable, or before Redis was configured.
    total.update(_flush_database())
    _prune_database()
    summary = dict.fromkeys(["visits", *registry.kinds()], 0)
    summary["keys"] = len(total)
    for (kind, _object_id, _day), n in total.items():
        key = "visits" if kind == registry.VISIT else kind
        summary[key] = summary.get(key, 0) + n
    if total:
        totals_flushed.send(sender=flush, summary=summary)
    return summary
