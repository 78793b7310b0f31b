"""Sending recorded changes to Elasticsearch: the apply side of the outbox.

`apply_pending` takes a batch of pending `SearchChange` rows (`SELECT … FOR UPDATE SKIP
LOCKED` on PostgreSQL, so several workers never take the same rows), works out which
documents they touch (a booth, category or area change touches its products), and sends
one bulk request. Writes use external versioning with the change row's id as version, so
two workers applying different changes of one object cannot leave the older state in the
index. If Elasticsearch does not answer, the rows stay pending (`attempts` counts the
tries).

`apply_all` drains the backlog (the task does this); `catch_up` also purges old processed
rows (the `search_index catch_up` command, to run on a schedule).
"""

from datetime import timedelta

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from catalog.models import Product
from shops.models import Booth

from .client import SearchUnavailable, bulk, get_client, mark_failed, mark_ok
from .documents import BUILDERS, KINDS, QUERYSETS, alias, prepare_batch
from .models import Kind, SearchChange

BUILD_VERSION = 1  # documents written by a rebuild; later changes have larger ids
PROCESSED_KEEP = timedelta(hours=1)  # processed rows kept so a rebuild can replay them
LONG_TIMEOUT = 120  # seconds per request for rebuilds and catch-up (not for web requests)


def targets(rows):
    """{index kind: {object id: version}} for a list of change rows."""
    out = {k: {} for k in KINDS}

    def put(kind, oid, version):
        if out[kind].get(oid, 0) < version:
            out[kind][oid] = version

    expand = {"booth_id": {}, "category_id": {}, "origin_area_id": {}}
    for row in rows:
        version = row.pk + BUILD_VERSION  # always above what a rebuild wrote
        if row.kind == Kind.PRODUCT:
            put("products", row.object_id, version)
        elif row.kind == Kind.BOOTH:
            put("booths", row.object_id, version)
            expand["booth_id"][row.object_id] = max(
                expand["booth_id"].get(row.object_id, 0), version
            )
        elif row.kind == Kind.ARTICLE:
            put("articles", row.object_id, version)
        elif row.kind == Kind.CATEGORY:
            expand["category_id"][row.object_id] = version
        elif row.kind == Kind.AREA:
            expand["origin_area_id"][row.object_id] = version
            for booth_id in Booth.objects.filter(area_id=row.object_id).values_list(
                "pk", flat=True
            ):
                put("booths", booth_id, version)
    for field, versions in expand.items():
        if not versions:
            continue
        for pk, key in Product.objects.filter(**{f"{field}__in": list(versions)}).values_list(
            "pk", field
        ):
            put("products", pk, versions[key])
    return out


def index_actions(kind, versions, index):
    """Bulk actions for these {object id: version}: index what is public, delete the rest."""
    ids = list(versions)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found = set()
        objs = prepare_batch(kind, list(QUERYSETS[kind]().filter(pk__in=chunk)))
        for obj in objs:
            found.add(obj.pk)
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": obj.pk,
                "version": versions[obj.pk],
                "version_type": "external",
                "_source": BUILDERS[kind](obj),
            }
        for pk in chunk:
            if pk not in found:
                yield {
                    "_op_type": "delete",
                    "_index": index,
                    "_id": pk,
                    "version": versions[pk],
                    "version_type": "external",
                }


def apply_changes(client, rows):
    found = targets(rows)
    total = 0
    for kind in KINDS:
        if found[kind]:
            # require_alias: before the first rebuild there is no index to update (and
            # Elasticsearch must not auto-create one with guessed mappings)
            total += bulk(client, index_actions(kind, found[kind], alias(kind)), require_alias=True)
    return total


def apply_pending(*, limit=1000, client=None):
    """Apply up to *limit* pending changes; returns how many rows were applied.

    Raises SearchUnavailable (rows stay pending) when Elasticsearch does not answer.
    """
    client = client or get_client()
    if client is None:
        return 0
    failed = None
    with transaction.atomic():
        qs = SearchChange.objects.filter(processed_at__isnull=True).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        rows = list(qs[:limit])
        if not rows:
            return 0
        ids = [r.pk for r in rows]
        try:
            apply_changes(client, rows)
        except SearchUnavailable as exc:
            failed = exc
            SearchChange.objects.filter(pk__in=ids).update(attempts=F("attempts") + 1)
        else:
            SearchChange.objects.filter(pk__in=ids).update(processed_at=timezone.now())
    if failed:
        mark_failed()
        raise failed
    mark_ok()
    return len(rows)


def apply_all(*, batch=500, client=None):
    """Apply every pending change, batch after batch; returns how many rows."""
    total = 0
    while True:
        n = apply_pending(limit=batch, client=client)
        total += n
        if n < batch:
            return total


def catch_up(*, batch=1000, client=None):
    """Apply every pending change (long timeouts); purge old processed rows."""
    client = client or get_client()
    if client is not None:
        client = client.options(request_timeout=LONG_TIMEOUT)
    total = apply_all(batch=batch, client=client)
    SearchChange.objects.filter(
        processed_at__isnull=False, processed_at__lt=timezone.now() - PROCESSED_KEEP
    ).delete()
    return total
