#!/usr/bin/env bash
# The test command: install, start the real services, run the whole suite, stop them.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

make --no-print-directory install
bash scripts/services.sh up
make --no-print-directory frontend-tools  # axe-core and the Nu HTML Checker (tests/frontend)
cleanup() { bash scripts/services.sh down || true; }
if [ "${KEEP_SERVICES:-0}" != "1" ]; then trap cleanup EXIT; fi
eval "$(bash scripts/services.sh env)"

export DJANGO_SETTINGS_MODULE=marketplace.settings.test
mkdir -p test-output
status=0
.venv/bin/python -m pytest -p no:cacheprovider --timeout=600 \
  --junitxml=test-output/junit.xml "$@" || status=$?
echo "==> test command finished in $(( $(date +%s) - started ))s (exit ${status})"
exit "$status"
