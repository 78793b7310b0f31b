"""The judged relevance set (`tests/search/judged.py`) on both backends: MRR and top-3 per
query kind are printed, and the run fails below the targets.

MRR is the mean of 1/rank of the first relevant product among the first 20 (0 if none);
top-3 is the share of queries whose must-find product is among the first three.
"""

from collections import defaultdict

from core.text import slugify_vi
from search.fallback import search_database
from search.params import SearchParams
from search.query import search_elasticsearch
from search.rebuild import rebuild_all
from search.typos import use_trigram
from tests.factories import AreaFactory, BoothFactory, CategoryFactory, ProductFactory
from tests.search import judged
from tests.search.conftest import refresh


def build_market():
    areas = {name: AreaFactory(name=name, slug=f"j-{slugify_vi(name)}") for name in judged.AREAS}
    categories = {}
    for key, (name, parent) in judged.CATEGORIES.items():
        categories[key] = CategoryFactory(
            name=name, slug=f"j-{key}", parent=categories.get(parent) if parent else None
        )
    booths = {
        key: BoothFactory(name=name, slug=f"j-{key}", area=areas[area])
        for key, (name, area) in judged.BOOTHS.items()
    }
    for i, (name, cat, area, booth, description) in enumerate(judged.PRODUCTS):
        ProductFactory(
            name=name,
            slug=f"{slugify_vi(name)}-{i}",
            category=categories[cat],
            origin_area=areas[area],
            booth=booths[booth],
            description=description,
            ocop_stars=i % 4,
        )


def score(search):
    """{kind: (mrr, top3, [misses])} for a search function returning product names."""
    by_kind = defaultdict(list)
    for kind, query, relevant in judged.QUERIES:
        names = search(query)
        rank = next((i + 1 for i, n in enumerate(names) if n in relevant), None)
        if len(relevant) > 3:  # a whole category: any of it will do
            top3 = any(n in relevant for n in names[:3])
        else:
            top3 = relevant[0] in names[:3]
        by_kind[kind].append((1 / rank if rank else 0.0, top3, query, names[:3]))
    out = {}
    for kind, rows in by_kind.items():
        mrr = sum(r[0] for r in rows) / len(rows)
        top3 = sum(r[1] for r in rows) / len(rows)
        out[kind] = (mrr, top3, [(q, got) for rr, t3, q, got in rows if rr < 1 or not t3])
    return out


def summary(scores, kinds):
    rows = [r for k in kinds for r in [scores[k]] for _ in range(1)]
    counts = [sum(1 for q in judged.QUERIES if q[0] == k) for k in kinds]
    n = sum(counts)
    mrr = sum(scores[k][0] * c for k, c in zip(kinds, counts, strict=True)) / n
    top3 = sum(scores[k][1] * c for k, c in zip(kinds, counts, strict=True)) / n
    return mrr, top3, rows


def report(backend, scores):
    lines = [f"\n{backend}: kind       MRR    top-3"]
    for kind in (*judged.CORE_KINDS, *judged.STRETCH_KINDS):
        mrr, top3, misses = scores[kind]
        lines.append(f"  {kind:<10} {mrr:5.2f}  {top3:6.0%}  {misses[:4] if misses else ''}")
    core_mrr, core_top3, _ = summary(scores, judged.CORE_KINDS)
    stretch_mrr, _s, _ = summary(scores, judged.STRETCH_KINDS)
    lines.append(f"  all core   {core_mrr:5.2f}  {core_top3:6.0%}")
    lines.append(f"  stretch    {stretch_mrr:5.2f}")
    print("\n".join(lines))
    return core_mrr, core_top3, stretch_mrr


def check(backend, scores):
    core_mrr, core_top3, stretch_mrr = report(backend, scores)
    target = judged.TARGETS[backend]
    failures = []
    if core_mrr < target["core_mrr"]:
        failures.append(f"core MRR {core_mrr:.2f} < {target['core_mrr']}")
    if core_top3 < target["core_top3"]:
        failures.append(f"core top-3 {core_top3:.0%} < {target['core_top3']:.0%}")
    for kind in ("typo", "prefix"):
        if scores[kind][0] < target[kind]:
            failures.append(f"{kind} MRR {scores[kind][0]:.2f} < {target[kind]}")
    if stretch_mrr < judged.TARGETS["stretch_mrr"]:
        failures.append(f"stretch MRR {stretch_mrr:.2f} < {judged.TARGETS['stretch_mrr']}")
    return failures


def test_the_set_is_big_enough_and_covers_every_kind():
    kinds = {k for k, _q, _r in judged.QUERIES}
    assert kinds == set(judged.CORE_KINDS) | set(judged.STRETCH_KINDS)
    assert len(judged.QUERIES) >= 80
    names = {p[0] for p in judged.PRODUCTS}
    for _kind, query, relevant in judged.QUERIES:
        assert set(relevant) <= names, query


def test_judged_relevance_on_elasticsearch(es, db):
    build_market()
    rebuild_all(client=es)
    refresh(es)

    def on_es(q):
        return [
            p.name for p in search_elasticsearch(SearchParams(q=q, tab="products"), es).products
        ]

    failures = check("elasticsearch", score(on_es))
    assert not failures, failures


def test_judged_relevance_on_the_database_fallback(no_es, settings, db):
    """PostgreSQL (trigram) here, and the SQLite way of correcting typos (bounded edit
    distance in Python); `make test-fast` runs it on SQLite."""
    build_market()
    rebuild_all(with_entries=True)

    def on_db(q):
        return [p.name for p in search_database(SearchParams(q=q, tab="products")).products]

    failures = check("database", score(on_db))
    if use_trigram():
        settings.SEARCH_FALLBACK_TYPOS = "python"
        failures += [f"python typos: {f}" for f in check("database", score(on_db))]
    assert not failures, failures
