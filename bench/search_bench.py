#!/usr/bin/env python
"""Search benchmark: rebuild speed and memory, search page and autocomplete latency.

Self-contained: fills a dedicated database (default: PostgreSQL database `bench_search`
next to DATABASE_URL, or a SQLite file) with N products through bulk_create, rebuilds the
Elasticsearch indices, then times the search page against the `took` of the Elasticsearch
query it sends, and the autocomplete endpoint.

    eval "$(bash scripts/services.sh env)"
    .venv/bin/python bench/search_bench.py --products 100000

Targets (DESIGN.md): page p95 <= 2 x ES took p95 + 10 ms; autocomplete p95 < 20 ms;
rebuild at thousands of documents a second with memory that does not grow with N.
"""

import argparse
import os
import random
import resource
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS_PRODUCT = [
    "Vải thiều",
    "Gà đồi",
    "Mỳ",
    "Miến dong",
    "Mật ong",
    "Chè búp",
    "Cam",
    "Bưởi",
    "Nhãn lồng",
    "Na dai",
    "Măng khô",
    "Rượu nếp",
    "Bánh đa",
    "Gạo nếp",
    "Lạc đỏ",
    "Hồng không hạt",
    "Chuối ngự",
    "Trứng gà",
    "Nấm hương",
    "Khoai lang",
]
WORDS_PLACE = [
    "Lục Ngạn",
    "Yên Thế",
    "Chũ",
    "Lục Nam",
    "Sơn Động",
    "Tân Yên",
    "Hiệp Hòa",
    "Việt Yên",
    "Lạng Giang",
    "Yên Dũng",
    "Bố Hạ",
    "Thanh Hà",
]
WORDS_ADJ = ["loại một", "đặc biệt", "sấy khô", "hữu cơ", "truyền thống", "thượng hạng", ""]
DESC = [
    "Sản phẩm của hợp tác xã, trồng theo tiêu chuẩn VietGAP.",
    "Thu hoạch trong mùa, đóng gói cẩn thận, giao tận nơi.",
    "Hương vị quê nhà, không chất bảo quản.",
    "Được chứng nhận OCOP, truy xuất nguồn gốc rõ ràng.",
]
SEARCH_QUERIES = [
    "vai thieu",
    "Vải thiều Lục Ngạn",
    "ga doi yen the",
    "mi chu",
    "my chu",
    "mat ong",
    "che bup",
    "cam bo ha",
    "nhan long",
    "mang kho son dong",
    "banh da",
    "gao nep",
    "vai thiue",
    "huu co",
    "dac biet",
]
AUTOCOMPLETE = ["va", "vai", "vai th", "ga", "ga d", "mi", "my c", "mat o", "ch", "nha", "bu"]


def pct(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = max(0, min(len(values) - 1, int(round(p / 100 * len(values) + 0.5)) - 1))
    return values[k]


def rss_mb():
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_database_url(explicit):
    if explicit:
        return explicit
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith("postgres"):
        parts = urlparse(base)
        return urlunparse(parts._replace(path="/bench_search"))
    return f"sqlite:///{ROOT / 'bench_search.sqlite3'}"


def ensure_pg_database(url):
    if not url.startswith("postgres"):
        return
    import psycopg

    parts = urlparse(url)
    admin = urlunparse(parts._replace(path="/postgres"))
    name = parts.path.lstrip("/")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup(args):
    url = bench_database_url(args.database_url)
    ensure_pg_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SEARCH_INDEX_PREFIX", "bench-search")
    os.environ["SEARCH_INDEX_PREFIX"] = args.prefix
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return url


def fill(n, rng):
    from django.db import transaction
    from django.utils import timezone

    from areas.models import Area
    from catalog.models import Category, Product
    from shops.models import Booth

    have = Product.objects.count()
    if have >= n:
        print(f"products already there: {have}")
        return
    areas = [
        Area.objects.get_or_create(slug=f"bench-area-{i}", defaults={"name": name})[0]
        for i, name in enumerate(WORDS_PLACE)
    ]
    cats = [
        Category.objects.get_or_create(slug=f"bench-cat-{i}", defaults={"name": name})[0]
        for i, name in enumerate(["Trái cây", "Thịt", "Đặc sản khô", "Đồ uống", "Gạo", "Rau"])
    ]
    booths = []
    for i in range(200):
        b, _ = Booth.objects.get_or_create(
            slug=f"bench-booth-{i}",
            defaults={
                "name": f"Hợp tác xã {rng.choice(WORDS_PLACE)} {i}",
                "status": Booth.Status.APPROVED,
                "area": rng.choice(areas),
                "is_verified": i % 3 == 0,
            },
        )
        booths.append(b)
    now = timezone.now()
    started = time.monotonic()
    batch = []
    for i in range(have, n):
        place = rng.choice(WORDS_PLACE)
        name = f"{rng.choice(WORDS_PRODUCT)} {place} {rng.choice(WORDS_ADJ)}".strip()
        batch.append(
            Product(
                booth=rng.choice(booths),
                category=rng.choice(cats),
                name=name,
                slug=f"bench-{i}",
                description=" ".join(rng.sample(DESC, 2)) + f" Mã {i}.",
                price=rng.randrange(10, 2000) * 1000,
                stock=rng.choice([0, 5, 20, 100]),
                origin_area=rng.choice(areas),
                ocop_stars=rng.choice([0, 0, 0, 3, 4, 5]),
                season_mask=rng.randrange(0, 4096),
                status=Product.Status.PUBLISHED if i % 20 else Product.Status.DRAFT,
                published_at=now,
            )
        )
        if len(batch) == 5000:
            with transaction.atomic():
                Product.objects.bulk_create(batch)
            batch = []
            print(f"\r  generated {i + 1}/{n}", end="", flush=True)
    if batch:
        Product.objects.bulk_create(batch)
    print(f"\r  generated {n} products in {time.monotonic() - started:.1f} s")


def bench_rebuild():
    from search.fallback import rebuild_entries
    from search.models import Kind
    from search.rebuild import rebuild

    peak = {"rss": rss_mb()}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak["rss"] = max(peak["rss"], rss_mb())
            time.sleep(0.05)

    start_rss = rss_mb()
    t = threading.Thread(target=sample, daemon=True)
    t.start()
    started = time.monotonic()
    n = rebuild("products", stream=sys.stdout, chunk_size=2000)
    elapsed = time.monotonic() - started
    stop.set()
    t.join()
    rebuild("booths")
    rebuild("articles")
    e_started = time.monotonic()
    rebuild_entries(Kind.PRODUCT)
    rebuild_entries(Kind.BOOTH)
    e_elapsed = time.monotonic() - e_started
    return {
        "documents": n,
        "seconds": elapsed,
        "docs_per_s": n / elapsed if elapsed else 0,
        "rss_start_mb": start_rss,
        "rss_peak_mb": peak["rss"],
        "entries_seconds": e_elapsed,
    }


def bench_requests(rounds):
    from django.test import Client

    from search import service

    took = []
    real = service.search_elasticsearch

    def spy(params, client):
        r = real(params, client)
        took.append(r.took_ms)
        return r

    service.search_elasticsearch = spy
    client = Client()
    page_ms, backends_seen = [], set()
    for q in SEARCH_QUERIES[:3]:  # warm-up
        client.get("/tim-kiem/", {"q": q})
    took.clear()
    for i in range(rounds):
        q = SEARCH_QUERIES[i % len(SEARCH_QUERIES)]
        started = time.perf_counter()
        response = client.get("/tim-kiem/", {"q": q})
        page_ms.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    service.search_elasticsearch = real
    # every page must have gone through Elasticsearch (no silent fallback)
    backends_seen.add(
        "elasticsearch" if len(took) == rounds else f"database ({rounds - len(took)})"
    )

    ac_ms = []
    for prefix in AUTOCOMPLETE:  # warm-up
        client.get("/tim-kiem/goi-y/", {"q": prefix})
    for i in range(rounds * 2):
        prefix = AUTOCOMPLETE[i % len(AUTOCOMPLETE)]
        started = time.perf_counter()
        response = client.get("/tim-kiem/goi-y/", {"q": prefix})
        ac_ms.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    # the same with the 30-second answer cache emptied first: every answer from Elasticsearch
    from django.core.cache import cache

    ac_cold_ms = []
    for i in range(rounds):
        prefix = AUTOCOMPLETE[i % len(AUTOCOMPLETE)]
        cache.clear()
        started = time.perf_counter()
        response = client.get("/tim-kiem/goi-y/", {"q": prefix})
        ac_cold_ms.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200 and response.json()
    return page_ms, took, ac_ms, ac_cold_ms, backends_seen


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--prefix", default="bench-search")
    parser.add_argument("--skip-rebuild", action="store_true")
    args = parser.parse_args()
    if not os.environ.get("ELASTICSEARCH_URL"):
        sys.exit('ELASTICSEARCH_URL is not set (eval "$(bash scripts/services.sh env)")')
    url = setup(args)
    print(f"database: {url.split('@')[-1]}")
    fill(args.products, random.Random(2026))
    from catalog.models import Product

    public = Product.objects.public().count()
    print(f"public products: {public}")
    if not args.skip_rebuild:
        r = bench_rebuild()
        print(
            f"rebuild: {r['documents']} documents in {r['seconds']:.1f} s = "
            f"{r['docs_per_s']:,.0f} docs/s; RSS {r['rss_start_mb']:.0f} MB at start, "
            f"peak {r['rss_peak_mb']:.0f} MB (+{r['rss_peak_mb'] - r['rss_start_mb']:.0f} MB); "
            f"fallback text rebuilt in {r['entries_seconds']:.1f} s"
        )
    page_ms, took, ac_ms, ac_cold_ms, seen = bench_requests(args.rounds)
    page95, took95, ac95 = pct(page_ms, 95), pct(took, 95), pct(ac_ms, 95)
    print(f"backend used: {', '.join(sorted(seen))}")
    print(
        f"search page: p50 {statistics.median(page_ms):.1f} ms, p95 {page95:.1f} ms; "
        f"Elasticsearch took p50 {statistics.median(took):.0f} ms, p95 {took95:.0f} ms"
    )
    limit = 2 * took95 + 10
    print(
        f"  target page p95 <= 2 x took p95 + 10 ms = {limit:.0f} ms: "
        f"{'OK' if page95 <= limit else 'MISSED'} (ratio page/took {page95 / max(took95, 1):.2f})"
    )
    print(
        f"autocomplete (answers cached 30 s): p50 {statistics.median(ac_ms):.1f} ms, "
        f"p95 {ac95:.1f} ms (target < 20 ms: {'OK' if ac95 < 20 else 'MISSED'})"
    )
    cold95 = pct(ac_cold_ms, 95)
    print(
        f"autocomplete (cache empty, every answer from Elasticsearch): "
        f"p50 {statistics.median(ac_cold_ms):.1f} ms, p95 {cold95:.1f} ms "
        f"(target < 20 ms: {'OK' if cold95 < 20 else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
