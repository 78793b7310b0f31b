#!/usr/bin/env bash
# `make bench`: bench/run.py (pages cached and signed in, counters on/off, reindex), then
# the search latency bench (page p95 against Elasticsearch's took) at the same size.
# BENCH_SIZE (100000), BENCH_ARGS (extra run.py arguments), BENCH=pages|search|counters.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
size="${BENCH_SIZE:-100000}"
only="${BENCH:-all}"
unset DJANGO_SETTINGS_MODULE

if [[ "$only" == all || "$only" == pages ]]; then
  # shellcheck disable=SC2086
  "$PY" -W ignore bench/run.py --size "$size" ${BENCH_ARGS:-}
fi
eval "$(bash scripts/services.sh env)"
if [[ "$only" == all || "$only" == search ]]; then
  echo "==> search latency (products: $size)"
  "$PY" bench/search_bench.py --products "$size"
fi
if [[ "$only" == counters ]]; then
  echo "==> counters (database shards and Redis)"
  "$PY" -W ignore bench/counters_bench.py
fi
