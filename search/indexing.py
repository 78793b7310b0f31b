"""Keeping Elasticsearch (and the database fallback's folded text) in step with the data.

Flow: a change to a product, booth, category, area or article records a `SearchChange`
row in the same transaction (`record`), and the folded `SearchEntry` is refreshed right
away. After the commit, `apply_pending` sends the pending rows to Elasticsearch in one
bulk request; if the server is down the rows stay and `manage.py search_index catch_up`
applies them later (safe to run on a schedule, and concurrently on PostgreSQL thanks to
`SELECT … FOR UPDATE SKIP LOCKED`).

Writes use external versioning with the change row's id as version, so two workers
applying different changes of one object cannot leave the older state in the index.

Code that changes rows with `queryset.update()` or `bulk_create()` (which send no
signals) calls `mark_dirty(Model, pks)`.
"""

import contextlib
import logging
import threading
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from core.progress import ProgressBar
from core.text import fold_vietnamese

from .client import get_client, is_configured, mark_failed, mark_ok, recently_failed
from .documents import alias, index_body, new_index_name
from .models import Kind, SearchChange, SearchEntry
from .text import plain_text, search_fold

log = logging.getLogger(__name__)

KINDS = ("products", "booths", "articles")
BUILD_VERSION = 1  # documents written by a rebuild; later changes have larger ids
REPLAY_MARGIN = timedelta(seconds=60)
PROCESSED_KEEP = timedelta(hours=1)
REBUILD_TIMEOUT = 120  # seconds per request for rebuilds and catch-up (not for web requests)


class SearchUnavailable(Exception):
    """Elasticsearch did not answer (down, slow, or refused the request)."""


# --- what is indexed -------------------------------------------------------------


def products_queryset():
    from catalog.models import Product

    return (
        Product.objects.public()
        .select_related("booth", "category", "origin_area")
        .only(*PRODUCT_FIELDS)
        .order_by("pk")
    )


PRODUCT_FIELDS = (
    "id", "name", "slug", "description", "price", "stock", "ocop_stars", "season_mask",
    "published_at", "created_at", "booth_id", "category_id", "origin_area_id",
    "booth__name", "category__name", "origin_area__name",
)  # fmt: skip


def _attach_certifications(products):
    """Certification codes for a batch of products in one query (no per-row queryset)."""
    from catalog.models import Product

    by_id = {p.pk: p for p in products}
    for p in products:
        p._search_certs = []
    rows = Product.certifications.through.objects.filter(product_id__in=list(by_id))
    for product_id, code in rows.values_list("product_id", "certification__code"):
        by_id[product_id]._search_certs.append(code)
    return products


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


def booths_queryset():
    from shops.models import Booth

    return Booth.objects.public().select_related("area").order_by("pk")


def articles_queryset():
    from cms.models import ArticlePage

    return ArticlePage.objects.live().public().order_by("pk")


QUERYSETS = {
    "products": products_queryset,
    "booths": booths_queryset,
    "articles": articles_queryset,
}


def _suggest_inputs(name):
    """Completion inputs: the name as written, folded, and from each later word on."""
    plain = fold_vietnamese(name).lower()
    folded = search_fold(name)
    words = folded.split()
    inputs = [name, plain, folded] + [" ".join(words[i:]) for i in range(1, min(len(words), 5))]
    seen, out = set(), []
    for item in inputs:
        item = item[:50].strip()
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def product_doc(p):
    area = p.origin_area
    return {
        "name": p.name,
        "name_folded": search_fold(p.name),
        "description": plain_text(p.description),
        "description_folded": search_fold(plain_text(p.description)),
        "booth_id": p.booth_id,
        "booth_name": p.booth.name,
        "booth_folded": search_fold(p.booth.name),
        "category_id": p.category_id,
        "category_folded": search_fold(p.category.name),
        "area_id": p.origin_area_id,
        "area_folded": search_fold(area.name) if area else "",
        "price": p.price,
        "ocop_stars": p.ocop_stars,
        "certifications": (
            p._search_certs
            if hasattr(p, "_search_certs")
            else [c.code for c in p.certifications.all()]
        ),
        "in_stock": p.stock > 0,
        "season_months": p.season_months,
        "published_at": p.published_at or p.created_at,
        "url": reverse("catalog:product_detail", kwargs={"slug": p.slug}),
        "suggest": {"input": _suggest_inputs(p.name), "weight": 10 + p.ocop_stars},
    }


def booth_doc(b):
    return {
        "name": b.name,
        "name_folded": search_fold(b.name),
        "description": plain_text(b.description),
        "description_folded": search_fold(plain_text(b.description)),
        "area_id": b.area_id,
        "area_folded": search_fold(b.area.name) if b.area else "",
        "is_verified": b.is_verified,
        "url": reverse("shops:booth_detail", kwargs={"slug": b.slug}),
        "suggest": {"input": _suggest_inputs(b.name), "weight": 9 if b.is_verified else 6},
    }


def article_doc(page):
    payload = page.specific.search_payload()
    tags = [str(t) for t in (payload.get("tags") or [])] + [
        str(c) for c in (payload.get("categories") or [])
    ]
    return {
        "title": payload["title"],
        "title_folded": search_fold(payload["title"]),
        "lead": payload.get("lead") or "",
        "lead_folded": search_fold(payload.get("lead") or ""),
        "body": payload.get("body") or "",
        "body_folded": search_fold(payload.get("body") or ""),
        "tags": tags,
        "date": payload.get("date"),
        "url": payload.get("url") or "",
        "cover_image_id": payload.get("cover_image_id"),
    }


BUILDERS = {"products": product_doc, "booths": booth_doc, "articles": article_doc}


# --- folded text for the database fallback ---------------------------------------


def _entry_for(kind, obj):
    if kind == Kind.PRODUCT:
        return SearchEntry(
            kind=kind,
            object_id=obj.pk,
            name=f" {search_fold(obj.name)} ",
            text=f" {search_fold(plain_text(obj.description))} ",
        )
    if kind == Kind.BOOTH:
        return SearchEntry(
            kind=kind,
            object_id=obj.pk,
            name=f" {search_fold(obj.name)} ",
            text=f" {search_fold(plain_text(obj.description))} ",
        )
    payload = obj.specific.search_payload()
    return SearchEntry(
        kind=kind,
        object_id=obj.pk,
        name=f" {search_fold(payload['title'])} ",
        text=f" {search_fold((payload.get('lead') or '') + ' ' + (payload.get('body') or ''))} ",
    )


def _entry_source(kind):
    from catalog.models import Product
    from cms.models import ArticlePage
    from shops.models import Booth

    return {
        Kind.PRODUCT: Product.objects.only("pk", "name", "description"),
        Kind.BOOTH: Booth.objects.only("pk", "name", "description"),
        Kind.ARTICLE: ArticlePage.objects.all(),
    }[kind]


def refresh_entries(kind, pks):
    """Rewrite the folded text of these objects (removing those that no longer exist)."""
    pks = list(pks)
    if not pks:
        return
    objs = list(_entry_source(kind).filter(pk__in=pks))
    SearchEntry.objects.filter(kind=kind, object_id__in=pks).delete()
    SearchEntry.objects.bulk_create([_entry_for(kind, o) for o in objs], batch_size=500)


def rebuild_entries(kind, *, chunk_size=2000, progress=None):
    SearchEntry.objects.filter(kind=kind).delete()
    batch, count = [], 0
    for obj in _entry_source(kind).order_by("pk").iterator(chunk_size=chunk_size):
        batch.append(_entry_for(kind, obj))
        if len(batch) >= chunk_size:
            SearchEntry.objects.bulk_create(batch)
            count += len(batch)
            if progress:
                progress.advance(len(batch))
            batch = []
    SearchEntry.objects.bulk_create(batch)
    if progress:
        progress.advance(len(batch))
    return count + len(batch)


# --- recording changes ---------------------------------------------------------------

_recorded = threading.local()


def _apply_after_commit():
    # Every save registers this; the first one after a commit does the work.
    if not getattr(_recorded, "dirty", False):
        return
    _recorded.dirty = False
    if recently_failed():
        return
    try:
        apply_pending()
    except SearchUnavailable:
        log.warning("Elasticsearch unavailable; changes kept for catch-up")
    except Exception:  # never break the request that saved the data
        log.exception("Applying search changes failed; kept for catch-up")


def record(kind, pks):
    """Remember that these objects changed; they reach the index after the commit."""
    pks = [int(pk) for pk in pks if pk is not None]
    if not pks:
        return
    if kind in (Kind.PRODUCT, Kind.BOOTH, Kind.ARTICLE):
        refresh_entries(kind, pks)
    if not is_configured():
        return  # no index to keep: a rebuild fills it once Elasticsearch is configured
    SearchChange.objects.bulk_create(
        [SearchChange(kind=kind, object_id=pk) for pk in dict.fromkeys(pks)], batch_size=1000
    )
    _recorded.dirty = True
    transaction.on_commit(_apply_after_commit)


def mark_dirty(model, pks):
    """For `queryset.update()` / `bulk_create()` callers: index these rows after commit.

    `mark_dirty(Product, [p.pk for p in products])`; booths, categories, areas and
    article pages are accepted too (a booth or category also refreshes its products).
    """
    label = model._meta.label_lower
    kind = {
        "catalog.product": Kind.PRODUCT,
        "shops.booth": Kind.BOOTH,
        "catalog.category": Kind.CATEGORY,
        "areas.area": Kind.AREA,
        "cms.articlepage": Kind.ARTICLE,
    }.get(label)
    if kind is None:
        raise ValueError(f"search does not index {label}")
    record(kind, pks)


# --- applying changes ----------------------------------------------------------------


def _targets(rows):
    """{index kind: {object id: version}} for a list of change rows."""
    from catalog.models import Product
    from shops.models import Booth

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


def _actions(kind, versions, index):
    ids = list(versions)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found = set()
        objs = list(QUERYSETS[kind]().filter(pk__in=chunk))
        if kind == "products":
            _attach_certifications(objs)
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


def _bulk(client, actions, *, chunk_size=500, progress=None, require_alias=False):
    """Send actions; conflicts (a newer version is there) and missing deletes are fine."""
    from elasticsearch import ApiError, TransportError
    from elasticsearch.helpers import streaming_bulk

    done = 0
    try:
        for ok, item in streaming_bulk(
            client,
            actions,
            chunk_size=chunk_size,
            raise_on_error=False,
            raise_on_exception=True,
            max_retries=0,
            **({"require_alias": True} if require_alias else {}),
        ):
            if not ok:
                info = next(iter(item.values()))
                if info.get("status") not in (404, 409):
                    raise SearchUnavailable(f"bulk item failed: {info.get('error')}")
            done += 1
            if progress and done % 100 == 0:
                progress.advance(100)
    except (TransportError, ApiError) as exc:
        raise SearchUnavailable(str(exc)) from exc
    if progress:
        progress.advance(done % 100)
    return done


def apply_changes(client, rows):
    targets = _targets(rows)
    total = 0
    for kind in KINDS:
        if targets[kind]:
            # require_alias: before the first rebuild there is no index to update (and
            # Elasticsearch must not auto-create one with guessed mappings)
            total += _bulk(client, _actions(kind, targets[kind], alias(kind)), require_alias=True)
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


def catch_up(*, batch=1000, client=None):
    """Apply every pending change, batch after batch; purge old processed rows."""
    client = client or get_client()
    if client is not None:
        client = client.options(request_timeout=REBUILD_TIMEOUT)
    total = 0
    while True:
        n = apply_pending(limit=batch, client=client)
        total += n
        if n < batch:
            break
    SearchChange.objects.filter(
        processed_at__isnull=False, processed_at__lt=timezone.now() - PROCESSED_KEEP
    ).delete()
    return total


# --- rebuilding --------------------------------------------------------------------


def _current_indices(client, name):
    from elasticsearch import NotFoundError

    try:
        return list(client.indices.get_alias(name=name).keys())
    except NotFoundError:
        return []


def rebuild(kind, *, client=None, stream=None, chunk_size=1000):
    """Build a fresh index for *kind*, swap the alias to it, drop the old one.

    The alias keeps answering from the old index until the swap (one atomic
    `update_aliases` call). Changes made while the build ran are replayed afterwards.
    Returns the number of documents indexed.
    """
    client = client or get_client()
    if client is None:
        raise SearchUnavailable("ELASTICSEARCH_URL is not set")
    client = client.options(request_timeout=REBUILD_TIMEOUT)  # bulk requests are big
    started = timezone.now()
    name = new_index_name(kind)
    body = index_body(kind)
    final_settings = dict(body["settings"])
    body["settings"].update({"refresh_interval": "-1", "number_of_replicas": 0})
    qs = QUERYSETS[kind]()
    total = qs.count()
    progress = ProgressBar(total, label=kind, stream=stream) if stream else None
    builder = BUILDERS[kind]

    def actions():
        for batch in _batched(qs, chunk_size):
            if kind == "products":
                _attach_certifications(batch)
            for obj in batch:
                yield {
                    "_op_type": "index",
                    "_index": name,
                    "_id": obj.pk,
                    "version": BUILD_VERSION,
                    "version_type": "external",
                    "_source": builder(obj),
                }

    from elasticsearch import ApiError, TransportError

    try:
        client.indices.create(index=name, **body)
        count = _bulk(client, actions(), chunk_size=chunk_size, progress=progress)
        client.indices.put_settings(
            index=name,
            settings={
                "refresh_interval": final_settings["refresh_interval"],
                "number_of_replicas": final_settings["number_of_replicas"],
            },
        )
        client.indices.refresh(index=name)
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
    # What changed while we were building went to the old index: send it again.
    replay = list(SearchChange.objects.filter(created_at__gte=started - REPLAY_MARGIN))
    if replay:
        targets = _targets(replay)
        if targets[kind]:
            _bulk(client, _actions(kind, targets[kind], alias(kind)), require_alias=True)
    return count


def rebuild_all(*, client=None, stream=None, with_entries=True):
    counts = {}
    if with_entries:
        for kind in (Kind.PRODUCT, Kind.BOOTH, Kind.ARTICLE):
            rebuild_entries(kind)
    if (client or get_client()) is not None:
        for kind in KINDS:
            counts[kind] = rebuild(kind, client=client, stream=stream)
    return counts


def status(client=None):
    """Documents in each index against the database, and the pending backlog."""
    client = client or get_client()
    rows = []
    for kind in KINDS:
        db = QUERYSETS[kind]().count()
        indexed, index_names = None, []
        if client is not None:
            try:
                index_names = _current_indices(client, alias(kind))
                indexed = client.count(index=alias(kind))["count"] if index_names else 0
            except Exception:
                indexed = None
        rows.append({"kind": kind, "database": db, "indexed": indexed, "indices": index_names})
    pending = SearchChange.objects.filter(processed_at__isnull=True)
    oldest = pending.order_by("pk").values_list("created_at", flat=True).first()
    return {
        "kinds": rows,
        "pending": pending.count(),
        "oldest_pending": oldest,
        "max_change": SearchChange.objects.aggregate(m=Max("pk"))["m"] or 0,
    }
