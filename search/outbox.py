"""Recording what changed, for the index to follow: the write side of the outbox.

A change to a product, booth, category, area or article records a `SearchChange` row in
the same transaction as the change (`record`, called by `search/receivers.py`), and
refreshes the database fallback's folded text. On commit, one task per transaction
(`search.tasks.apply_search_changes`) is enqueued to send the pending rows to
Elasticsearch; the request never waits for the index. If the transaction rolls back,
the rows and the task go with it.

Code that changes rows with `queryset.update()` or `bulk_create()` (which send no
signals) calls `mark_dirty(Model, pks)`.
"""

import logging
import threading

from django.db import connection, transaction

from .client import is_configured
from .fallback import ENTRY_KINDS, refresh_dependents, refresh_entries
from .models import Kind, SearchChange
from .tasks import enqueue_apply

log = logging.getLogger(__name__)

_scheduled = threading.local()  # .dirty: changes recorded, task not yet enqueued

MODEL_KINDS = {
    "catalog.product": Kind.PRODUCT,
    "shops.booth": Kind.BOOTH,
    "catalog.category": Kind.CATEGORY,
    "areas.area": Kind.AREA,
    "cms.articlepage": Kind.ARTICLE,
}


def record(kind, pks):
    """Remember that these objects changed; they reach the index after the commit.

    Inside a transaction this is part of it (a failure fails the caller's write, as any
    write would). Outside one — a plain `save()` in autocommit, or a caller's on-commit
    callback such as the checkout's stock notice — the data is already saved: the work
    runs in its own transaction and a failure is logged, never raised into the request.
    """
    pks = [int(pk) for pk in pks if pk is not None]
    if not pks:
        return
    if connection.in_atomic_block:
        _record(kind, pks)
        return
    try:
        with transaction.atomic():
            _record(kind, pks)
    except Exception:
        log.exception(
            "Recording search changes failed (%s %s); `manage.py search_index rebuild` repairs",
            kind,
            pks[:20],
        )


def _record(kind, pks):
    if kind in ENTRY_KINDS:
        refresh_entries(kind, pks)
    refresh_dependents(kind, pks)  # a booth's, category's or area's name is its products'
    if not is_configured():
        return  # no index to keep: a rebuild fills it once Elasticsearch is configured
    SearchChange.objects.bulk_create(
        [SearchChange(kind=kind, object_id=pk) for pk in dict.fromkeys(pks)], batch_size=1000
    )
    _schedule_apply()


def mark_dirty(model, pks):
    """For `queryset.update()` / `bulk_create()` callers: index these rows after commit.

    `mark_dirty(Product, [p.pk for p in products])`; booths, categories, areas and
    article pages are accepted too (a booth or category also refreshes its products).
    """
    label = model._meta.label_lower
    kind = MODEL_KINDS.get(label)
    if kind is None:
        raise ValueError(f"search does not index {label}")
    record(kind, pks)


def _schedule_apply():
    """Enqueue the apply task on commit, once per transaction however many saves it has.

    Each change registers a callback; after the commit they run one after the other and
    the first one that finds the flag set enqueues the task (which applies every pending
    row), the others find it cleared. A rolled-back transaction drops its callbacks; the
    flag it left only costs one spare task later.
    """
    _scheduled.dirty = True
    # robust: whatever happens after the commit, the request that saved does not fail
    transaction.on_commit(_enqueue_once, robust=True)


def _enqueue_once():
    if getattr(_scheduled, "dirty", False):
        _scheduled.dirty = False
        enqueue_apply()
