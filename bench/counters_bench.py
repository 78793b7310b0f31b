"""Counters benchmark: a product page with counting off, on (database shards) and on
(Redis), under concurrent load from wrk against gunicorn.

Every request comes from a new visitor (wrk keeps no cookies), the worst case: each page
counts a visit and a product view. The three servers run side by side and are loaded in
turn, in short runs, rotating the order each round: the machine is shared, so the ratio
on/off is the median of ratios measured a few seconds apart. Reports requests/s, the
ratio, the database writes per second caused by counting, and checks that the flush
afterwards adds one visit and one view per page served.

    eval "$(bash scripts/services.sh env)"; .venv/bin/python bench/counters_bench.py
Environment: BENCH_SECONDS (4), BENCH_CONNECTIONS (16), BENCH_WORKERS (2), BENCH_ROUNDS (8).
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
SECONDS = int(os.environ.get("BENCH_SECONDS", "4"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "8"))
PORT = int(os.environ.get("BENCH_PORT", "8717"))
UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
)
REDIS_URL = os.environ.get("REDIS_URL", "")
PREFIX = "bench:counters"
MODES = ["off", "database"] + (["redis"] if REDIS_URL else [])


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
    products = {}
    for mode in MODES:
        products[mode], _ = Product.objects.get_or_create(
            slug=f"bench-vai-thieu-{mode}",
            defaults={
                "name": "Vải thiều Lục Ngạn",
                "booth": booth,
                "category": category,
                "price": 85000,
                "status": "published",
            },
        )
    return products


def start_gunicorn(env, port):
    cmd = [
        str(ROOT / ".venv/bin/gunicorn"),
        "marketplace.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={WORKERS}",
        "--log-level=error",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
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
    from django.db import OperationalError, connection
    from django.db.models import Sum

    from counters.models import CounterShard

    for attempt in range(3):  # the shared PostgreSQL may be restarted by someone else
        try:
            return CounterShard.objects.aggregate(n=Sum("count"))["n"] or 0
        except OperationalError:
            connection.close()
            if attempt == 2:
                raise
            time.sleep(5)


def redis_hincrby_calls():
    import redis

    stats = redis.Redis.from_url(REDIS_URL).info("commandstats").get("cmdstat_hincrby", {})
    return int(stats.get("calls", 0))


def shard_writes():
    """Rows written to the shard table since the server started (PostgreSQL statistics)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_upd + n_tup_ins), 0) FROM pg_stat_user_tables "
            "WHERE relname = 'counters_countershard'"
        )
        return int(cursor.fetchone()[0])


def cpu_per_request(product, requests=150, rounds=6):
    """Django's own CPU time per page in this process (no network), counters off and on
    with each shared buffer. CPU time of one process is far less disturbed by other work
    on a shared machine than throughput is. Each request is a new visitor."""
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    settings.COUNTERS_REDIS_PREFIX = PREFIX
    modes = ["off", "database"] + (["redis"] if REDIS_URL else [])
    results = {mode: [] for mode in modes}
    url = f"/bench/san-pham/{product.pk}/"
    for round_no in range(rounds):
        for mode in modes[round_no % len(modes) :] + modes[: round_no % len(modes)]:
            settings.COUNTERS_ENABLED = mode != "off"
            settings.COUNTERS_REDIS_URL = REDIS_URL if mode == "redis" else ""
            started = time.process_time()
            for _ in range(requests):
                Client(HTTP_USER_AGENT=UA).get(url)
            results[mode].append((time.process_time() - started) / requests * 1000)
    settings.COUNTERS_ENABLED = True
    return {mode: median(values) for mode, values in results.items()}


def server_env(mode):
    env = {**os.environ, "COUNTERS_REDIS_PREFIX": PREFIX}
    env["COUNTERS_ENABLED"] = "false" if mode == "off" else "true"
    env["COUNTERS_REDIS_URL"] = REDIS_URL if mode == "redis" else ""
    return env


def flush_all():
    """Drain both buffers (the bench's Redis prefix and the database shards)."""
    from django.conf import settings
    from django.db import connection

    from counters import flush

    connection.close()
    settings.COUNTERS_REDIS_PREFIX = PREFIX
    settings.COUNTERS_REDIS_URL = REDIS_URL
    started = time.monotonic()
    flush()
    return time.monotonic() - started


def median(values):
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def main():
    if not shutil.which("wrk"):
        sys.exit("counters bench: wrk not found (apt-get install wrk)")
    ensure_database()
    products = setup_django()
    from catalog.models import Product
    from counters import visits_total

    flush_all()
    views_before = {m: Product.objects.get(pk=p.pk).view_count for m, p in products.items()}
    visits_before = visits_total()
    urls = {
        mode: f"http://127.0.0.1:{PORT + i}/bench/san-pham/{products[mode].pk}/"
        for i, mode in enumerate(MODES)
    }
    writes_before = shard_writes()
    servers = {mode: start_gunicorn(server_env(mode), PORT + i) for i, mode in enumerate(MODES)}
    rps = {mode: [] for mode in MODES}
    answered = dict.fromkeys(MODES, 0)
    busy = dict.fromkeys(MODES, 0.0)
    db_increments = 0.0
    redis_calls = 0
    try:
        for mode in MODES:
            answered[mode] += wrk(urls[mode], 2)[1]  # warm up
        for round_no in range(ROUNDS):
            order = MODES[round_no % len(MODES) :] + MODES[: round_no % len(MODES)]
            for mode in order:
                shard_before = buffered_increments() if mode == "database" else 0
                hincr_before = redis_hincrby_calls() if mode == "redis" else 0
                started = time.monotonic()
                r, total, bad, _errors = wrk(urls[mode], SECONDS)
                busy[mode] += time.monotonic() - started
                if mode == "database":
                    db_increments += buffered_increments() - shard_before
                if mode == "redis":
                    redis_calls += redis_hincrby_calls() - hincr_before
                rps[mode].append(r)
                answered[mode] += total
                if bad:
                    print(f"  {mode}: {bad} non-2xx answers", flush=True)
            print(
                f"  round {round_no + 1}: "
                + ", ".join(f"{m} {rps[m][-1]:.1f}" for m in MODES)
                + " req/s",
                flush=True,
            )
    finally:
        for proc in servers.values():
            stop(proc)
    time.sleep(1.5)  # let the exited backends' statistics reach pg_stat_user_tables
    from django.db import connection

    connection.close()
    db_writes = shard_writes() - writes_before
    flush_seconds = flush_all()
    views_added = {
        m: Product.objects.get(pk=p.pk).view_count - views_before[m] for m, p in products.items()
    }
    visits_added = visits_total() - visits_before
    cpu = cpu_per_request(products["off"])
    flush_all()

    print(
        f"==> counters: product page, {WORKERS} gunicorn workers per mode, {CONNECTIONS} "
        f"connections, {ROUNDS} rounds of {SECONDS}s per mode, every request a new visitor"
    )
    for mode in MODES:
        line = f"    {mode:8s} median {median(rps[mode]):8.1f} req/s"
        if mode != "off":
            ratios = [on / off for on, off in zip(rps[mode], rps["off"], strict=True)]
            line += f"   ratio on/off: median {median(ratios):.3f} (per round {min(ratios):.2f}–{max(ratios):.2f})"
        print(line)
    if "database" in MODES:
        print(
            f"    database buffer: {db_writes / busy['database']:.1f} database writes/s caused "
            f"by counting ({db_writes} shard-row UPDATE/INSERT for {db_increments:.0f} "
            f"increments in {busy['database']:.0f}s of load)"
        )
    if "redis" in MODES:
        print(
            f"    redis buffer: 0 database writes/s during load; "
            f"{redis_calls / busy['redis']:.1f} HINCRBY/s on the Redis server"
        )
    print(f"    flush of everything buffered: {flush_seconds * 1000:.0f} ms")
    print(
        "    Django CPU per page (in-process, new visitor each, median of 6×150): "
        + ", ".join(
            f"{m} {cpu[m]:.2f} ms"
            + ("" if m == "off" else f" (ratio on/off ≈ {cpu['off'] / cpu[m]:.3f})")
            for m in cpu
        )
    )
    counted = sum(answered[m] for m in MODES if m != "off")
    print(
        f"    exactness: views added {views_added} ; visits added {visits_added} ; pages "
        f"answered to wrk by the counting servers {counted} (wrk drops up to {CONNECTIONS} "
        "in-flight answers per run at its deadline; the server served and counted them)"
    )


if __name__ == "__main__":
    main()
