#!/usr/bin/env bash
# `make bench`: bench/run.py (pages cached and signed in, add to cart, checkout, the
# 50-buyer race, counters on/off, reindex, search page p95 against Elasticsearch's took,
# autocomplete with its answer cache empty), all on one market.
# BENCH_SIZE (100000), BENCH_ARGS (extra run.py arguments), BENCH=pages|search|counters
# (search: the older stand-alone search bench on its own database).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
size="${BENCH_SIZE:-100000}"
only="${BENCH:-all}"
unset DJANGO_SETTINGS_MODULE
# Services this run starts are stopped at the end; ones already running are left alone.
if ! bash scripts/services.sh status 2>/dev/null | grep -q '^postgres *up'; then
  trap 'bash scripts/services.sh down >/dev/null 2>&1 || true' EXIT
fi

if [[ "$only" == all || "$only" == pages ]]; then
  # shellcheck disable=SC2086
  "$PY" -W ignore bench/run.py --size "$size" ${BENCH_ARGS:-}
fi
eval "$(bash scripts/services.sh env)"
if [[ "$only" == search ]]; then
  echo "==> search latency (products: $size)"
  "$PY" bench/search_bench.py --products "$size"
fi
if [[ "$only" == counters ]]; then
  echo "==> counters (database shards and Redis)"
  "$PY" -W ignore bench/counters_bench.py
fi
