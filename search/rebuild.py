"""Rebuilding the indices behind their aliases, and reporting their state.

A rebuild fills a new index with bulk requests, swaps the alias to it in one atomic call
and drops the old index; searches keep answering from the old one until the swap.
Changes recorded while it ran are replayed afterwards, so nothing saved during a rebuild
is lost.
"""

import contextlib
from datetime import timedelta

from django.db.models import Max
from django.utils import timezone
from elasticsearch import ApiError, NotFoundError, TransportError

from core.progress import ProgressBar

from .client import SearchUnavailable, bulk, bulk_overlapped, get_client
from .documents import (
    BUILDERS,
    KINDS,
    QUERYSETS,
    REBUILD_QUERYSETS,
    alias,
    index_body,
    new_index_name,
    prepare_batch,
)
from .fallback import ENTRY_KINDS, rebuild_entries
from .models import SearchChange
from .sync import BUILD_VERSION, LONG_TIMEOUT, index_actions, targets

REPLAY_MARGIN = timedelta(seconds=60)


def _batched(qs, size):
    """Objects of *qs* in lists of *size*, streamed (memory stays flat)."""
    batch = []
    for obj in qs.iterator(chunk_size=size):
        batch.append(obj)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _current_indices(client, name):
    try:
        return list(client.indices.get_alias(name=name).keys())
    except NotFoundError:
        return []


def rebuild(kind, *, client=None, stream=None, chunk_size=1000):
    """Build a fresh index for *kind*, swap the alias to it, drop the old one.

    The alias keeps answering from the old index until the swap (one atomic
    `update_aliases` call). Changes made while the build ran are replayed into the new
    index, which is then force-merged to one segment (no deleted copies skewing term
    statistics) before the swap; what changed after that replay is sent once more.
    Returns the number of documents indexed.
    """
    client = client or get_client()
    if client is None:
        raise SearchUnavailable("ELASTICSEARCH_URL is not set")
    client = client.options(request_timeout=LONG_TIMEOUT)  # bulk requests are big
    started = timezone.now()
    # changes already committed now are read by the build itself: replaying them would
    # only overwrite fresh documents with the same data (and leave deleted copies)
    seen = _recent_changes(started)
    name = new_index_name(kind)
    body = index_body(kind)
    final_settings = dict(body["settings"])
    # while it is built: no refreshes, no replicas, translog fsynced in the background
    # (a crash mid-build only loses an index nobody reads yet)
    body["settings"].update(
        {"refresh_interval": "-1", "number_of_replicas": 0, "translog.durability": "async"}
    )
    qs = REBUILD_QUERYSETS[kind]()
    total = qs.count()
    progress = ProgressBar(total, label=kind, stream=stream) if stream else None
    builder = BUILDERS[kind]
    cache = {}  # booth, category, area names shared by the batches

    def actions():
        for batch in _batched(qs, chunk_size):
            for obj in prepare_batch(kind, batch, cache):
                yield {
                    "_op_type": "index",
                    "_index": name,
                    "_id": obj.pk,
                    "version": BUILD_VERSION,
                    "version_type": "external",
                    "_source": builder(obj),
                }

    try:
        client.indices.create(index=name, **body)
        count = bulk_overlapped(client, actions(), chunk_size=chunk_size, progress=progress)
        client.indices.put_settings(
            index=name,
            settings={
                "refresh_interval": final_settings["refresh_interval"],
                "number_of_replicas": final_settings["number_of_replicas"],
                "translog.durability": "request",
            },
        )
        # What changed while we were building went to the old index: send it to the new
        # one too, before it is merged and swapped in (a later replay only conflicts).
        seen |= _replay(client, kind, started, name, skip=seen)
        client.indices.refresh(index=name)
        # one segment, no deleted copies: term statistics (and so ranking) are the
        # catalogue's, not doubled by overwritten documents
        client.indices.forcemerge(index=name, max_num_segments=1, wait_for_completion=True)
        a = alias(kind)
        old = _current_indices(client, a)
        if not old and client.indices.exists(index=a):
            client.indices.delete(index=a)  # a plain index squatting on the alias name
        swap = [{"add": {"index": name, "alias": a}}]
        swap += [{"remove": {"index": o, "alias": a}} for o in old]
        client.indices.update_aliases(actions=swap)
        for o in old:
            client.indices.delete(index=o, ignore_unavailable=True)
    except (TransportError, ApiError) as exc:
        with contextlib.suppress(Exception):
            client.indices.delete(index=name, ignore_unavailable=True)
        raise SearchUnavailable(str(exc)) from exc
    if progress:
        progress.finish()
    # Changes saved between the first replay and the swap went to the old index.
    _replay(client, kind, started, alias(kind), skip=seen, require_alias=True)
    return count


def _recent_changes(started):
    return set(
        SearchChange.objects.filter(created_at__gte=started - REPLAY_MARGIN).values_list(
            "pk", flat=True
        )
    )


def _replay(client, kind, since, index, *, skip, require_alias=False):
    """Send again the documents of *kind* changed since *since* (with a margin for
    transactions that were open then), except the changes in *skip*; returns the ids of
    the changes replayed."""
    replay = [
        row
        for row in SearchChange.objects.filter(created_at__gte=since - REPLAY_MARGIN)
        if row.pk not in skip
    ]
    if replay:
        found = targets(replay)
        if found[kind]:
            bulk(client, index_actions(kind, found[kind], index), require_alias=require_alias)
    return {row.pk for row in replay}


def rebuild_all(*, client=None, stream=None, with_entries=True):
    """Rebuild every index (and the fallback's folded text); returns {kind: documents}."""
    counts = {}
    if with_entries:
        for kind in ENTRY_KINDS:
            rebuild_entries(kind)
    if (client or get_client()) is not None:
        # what is pending now is in the new indices: left pending, catch-up would write it
        # again (deleted copies in a fresh index)
        pending = list(
            SearchChange.objects.filter(processed_at__isnull=True).values_list("pk", flat=True)
        )
        for kind in KINDS:
            counts[kind] = rebuild(kind, client=client, stream=stream)
        for start in range(0, len(pending), 5000):
            SearchChange.objects.filter(
                pk__in=pending[start : start + 5000], processed_at__isnull=True
            ).update(processed_at=timezone.now())
    return counts


def status(client=None):
    """Documents in each index against the database, and the pending backlog."""
    client = client or get_client()
    rows = []
    for kind in KINDS:
        db = QUERYSETS[kind]().count()
        indexed, deleted, index_names = None, None, []
        if client is not None:
            try:
                index_names = _current_indices(client, alias(kind))
                indexed = client.count(index=alias(kind))["count"] if index_names else 0
                if index_names:
                    docs = client.indices.stats(index=alias(kind), metric="docs")
                    deleted = docs["_all"]["primaries"]["docs"]["deleted"]
            except Exception:
                indexed = None
        rows.append(
            {
                "kind": kind,
                "database": db,
                "indexed": indexed,
                "deleted": deleted,
                "indices": index_names,
            }
        )
    pending = SearchChange.objects.filter(processed_at__isnull=True)
    oldest = pending.order_by("pk").values_list("created_at", flat=True).first()
    return {
        "kinds": rows,
        "pending": pending.count(),
        "oldest_pending": oldest,
        "max_change": SearchChange.objects.aggregate(m=Max("pk"))["m"] or 0,
    }
