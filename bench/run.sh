#!/usr/bin/env bash
# Benchmarks: each section prints its figures and ratios. Needs the services
# (scripts/services.sh up) for PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash scripts/services.sh env)"
unset DJANGO_SETTINGS_MODULE

# --- counters: product page throughput with counters off / on (database, Redis) --------
command -v wrk >/dev/null || (apt-get install -y -qq wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null))
echo "==> counters"
.venv/bin/python -W ignore bench/counters_bench.py
