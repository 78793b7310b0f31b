"""Counters benchmark: a product page with counting off, on (database shards) and on
(Redis), under concurrent load from wrk against gunicorn.

Every request comes from a new visitor (wrk keeps no cookies), the worst case: each page
counts a visit and a product view. Reports requests/s per mode, the ratio on/off, the
buffer writes per second caused by counting, and checks that a flush afterwards adds
exactly one visit and one view per page served.

    eval "$(bash scripts/services.sh env)"; .venv/bin/python bench/counters_bench.py
Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (16), BENCH_WORKERS (2), BENCH_ROUNDS (2).
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.counters_settings"
DB_NAME = os.environ.setdefault("BENCH_DB_NAME", "bench_counters")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
PORT = int(os.environ.get("BENCH_PORT", "8717"))
UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
)
REDIS_URL = os.environ.get("REDIS_URL", "")
PREFIX = "bench:counters"


def ensure_database():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("counters bench: set DATABASE_URL to PostgreSQL (scripts/services.sh env)")
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def setup_django():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from catalog.models import Category, Product
    from shops.models import Booth

    booth, _ = Booth.objects.get_or_create(
        slug="bench-gian-hang", defaults={"name": "Gian hàng đo tải", "status": "approved"}
    )
    category, _ = Category.objects.get_or_create(
        slug="bench-nong-san", defaults={"name": "Nông sản"}
    )
    product, _ = Product.objects.get_or_create(
        slug="bench-vai-thieu",
        defaults={
            "name": "Vải thiều Lục Ngạn",
            "booth": booth,
            "category": category,
            "price": 85000,
            "status": "published",
        },
    )
    return product


def start_gunicorn(env):
    cmd = [
        str(ROOT / ".venv/bin/gunicorn"),
        "marketplace.wsgi:application",
        f"--bind=127.0.0.1:{PORT}",
        f"--workers={WORKERS}",
        "--log-level=error",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1).read()
            return proc
        except Exception:
            time.sleep(0.2)
    proc.kill()
    sys.exit("gunicorn did not start")


def stop(proc):
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)


def wrk(url, seconds):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "-H", f"User-Agent: {UA}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return rps, total, int(bad.group(1)) if bad else 0, errors.group(1) if errors else ""


def buffered_increments():
    from django.db.models import Sum

    from marketplace.models import CounterShard

    return CounterShard.objects.aggregate(n=Sum("count"))["n"] or 0


def redis_hincrby_calls(client):
    stats = client.info("commandstats").get("cmdstat_hincrby", {})
    return int(stats.get("calls", 0))


def run_mode(mode, product):
    from django.db import connection

    from catalog.models import Product
    from marketplace.counters import flush, visits_total

    env = {**os.environ, "COUNTERS_REDIS_PREFIX": PREFIX}
    env["COUNTERS_ENABLED"] = "false" if mode == "off" else "true"
    env["COUNTERS_REDIS_URL"] = REDIS_URL if mode == "redis" else ""
    url = f"http://127.0.0.1:{PORT}/bench/san-pham/{product.pk}/"

    from django.conf import settings

    settings.COUNTERS_REDIS_URL = env["COUNTERS_REDIS_URL"]
    settings.COUNTERS_REDIS_PREFIX = PREFIX
    flush()
    views_before = Product.objects.get(pk=product.pk).view_count
    visits_before = visits_total()
    client = None
    if mode == "redis":
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        hincr_before = redis_hincrby_calls(client)
    proc = start_gunicorn(env)
    try:
        warm = wrk(url, 2)[1]  # warm up (its counts are part of the totals checked below)
        shard_before = buffered_increments()
        started = time.monotonic()
        rps, total, bad, errors = wrk(url, SECONDS)
        elapsed = time.monotonic() - started
        shard_after = buffered_increments()
    finally:
        stop(proc)
    result = {"mode": mode, "rps": rps, "requests": total + warm, "non2xx": bad, "errors": errors}
    if mode == "database":
        # Each buffered increment is one UPDATE (or INSERT on a shard miss) of a shard row.
        result["db_writes_per_s"] = (shard_after - shard_before) / elapsed
    elif mode == "redis":
        result["db_writes_per_s"] = 0.0
        result["redis_hincrby_per_s"] = (redis_hincrby_calls(client) - hincr_before) / elapsed
    else:
        result["db_writes_per_s"] = 0.0
    t0 = time.monotonic()
    summary = flush()
    result["flush_seconds"] = time.monotonic() - t0
    connection.close()
    views = Product.objects.get(pk=product.pk).view_count - views_before
    visits = visits_total() - visits_before
    result["views_added"], result["visits_added"] = views, visits
    result["flushed_keys"] = summary["keys"]
    return result


def main():
    if not shutil.which("wrk"):
        sys.exit("counters bench: wrk not found (apt-get install wrk)")
    ensure_database()
    product = setup_django()
    modes = ["off", "database"] + (["redis"] if REDIS_URL else [])
    results = {mode: [] for mode in modes}
    served = dict.fromkeys(modes, 0)
    for round_no in range(ROUNDS):
        for mode in modes if round_no % 2 == 0 else list(reversed(modes)):
            r = run_mode(mode, product)
            results[mode].append(r)
            print(
                f"  round {round_no + 1} {mode:8s} {r['rps']:8.1f} req/s  "
                f"{r['requests']} requests, non-2xx {r['non2xx']}, "
                f"counting writes {r['db_writes_per_s']:.1f}/s to the database"
                + (
                    f", {r['redis_hincrby_per_s']:.1f} HINCRBY/s on the Redis server"
                    if mode == "redis"
                    else ""
                )
                + f"; flush {r['flush_seconds'] * 1000:.0f} ms added {r['views_added']} views, "
                f"{r['visits_added']} visits",
                flush=True,
            )
            served[mode] += r["views_added"]
    best = {mode: max(r["rps"] for r in runs) for mode, runs in results.items()}
    print(
        f"==> counters: page throughput (best of {ROUNDS}), {WORKERS} gunicorn workers, "
        f"{CONNECTIONS} connections, {SECONDS}s, every request a new visitor"
    )
    for mode in modes:
        line = f"    {mode:8s} {best[mode]:8.1f} req/s"
        if mode != "off":
            line += f"  ratio on/off {best[mode] / best['off']:.3f}"
        print(line)
    for mode in modes:
        if mode == "off":
            continue
        for r in results[mode]:
            print(
                f"    {mode}: pages answered to wrk {r['requests']}, views added {r['views_added']}, "
                f"visits added {r['visits_added']} (wrk drops up to {CONNECTIONS} in-flight "
                "answers at each of its two deadlines (warm-up, run), which the server did serve and count)"
            )
        writes = sum(r["db_writes_per_s"] for r in results[mode]) / len(results[mode])
        print(f"    {mode}: database writes/s caused by counting during load: {writes:.1f}")
    off_added = sum(r["views_added"] for r in results["off"])
    print(f"    off: views added {off_added} (expected 0)")


if __name__ == "__main__":
    main()
