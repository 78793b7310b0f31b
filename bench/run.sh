#!/usr/bin/env bash
# Benchmarks: each section prints its figures and ratios. Needs the services
# (scripts/services.sh up) for PostgreSQL, Elasticsearch and Redis.
# BENCH=search or BENCH=counters runs one section only.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
eval "$(bash scripts/services.sh env)"
unset DJANGO_SETTINGS_MODULE
only="${BENCH:-all}"

if [[ "$only" == all || "$only" == search ]]; then
  echo "==> search (products: ${BENCH_PRODUCTS:-100000})"
  "$PY" bench/search_bench.py --products "${BENCH_PRODUCTS:-100000}"
fi

if [[ "$only" == all || "$only" == counters ]]; then
  # product page throughput with counters off / on (database, Redis)
  command -v wrk >/dev/null || (apt-get install -y -qq wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null))
  echo "==> counters"
  "$PY" -W ignore bench/counters_bench.py
fi
