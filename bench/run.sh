#!/usr/bin/env bash
# Benchmarks: each section prints its figures. Needs the services (scripts/services.sh up).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
eval "$(bash scripts/services.sh env)"

echo "== search (products: ${BENCH_PRODUCTS:-100000})"
"$PY" bench/search_bench.py --products "${BENCH_PRODUCTS:-100000}"
