# Chợ Tỉnh — `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := $(PYTHON) -m uv
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS=":.*## "}; {printf "  \033[1m%-18s\033[0m %s\n", $$1, $$2}'

bootstrap: ## Install uv (the lock-file installer) for this Python if it is missing
	@# Debian's own python3 refuses pip installs (PEP 668): then uv goes to the user's ~/.local
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)" 2>/dev/null || \
	  $(PYTHON) -m pip install --quiet --disable-pip-version-check --user --break-system-packages "uv==$(UV_VERSION)"

install: bootstrap ## Create .venv and install the locked dependencies
	@$(UV) sync --frozen --quiet --python $(PYTHON)
	@$(MAKE) --no-print-directory messages-compile

messages-compile: ## Compile translations (.po -> .mo)
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)
	@$(PY) manage.py compilemessages --ignore=.venv -v0

messages: ## Extract translatable strings into locale/*/django.po
	@$(PY) manage.py makemessages -l vi -l en --ignore=.venv --ignore=tests --ignore=bench --no-location -v0

run: export DJANGO_SETTINGS_MODULE := marketplace.settings.demo
run: install ## Set up and serve the demo site on http://127.0.0.1:8000 (SQLite, no other service, DEBUG off)
	@$(PY) manage.py migrate --noinput -v0
	@$(PY) manage.py collectstatic --noinput -v0
	@$(PY) manage.py seed_demo
	@echo "==> http://$(HOST):$(PORT)/  (demo accounts: see README)"
	@# beside the web server: the task worker (e-mails, printed here by the console
	@# backend) and the scheduler (visits, search catch-up, order expiry); both stop with it
	@$(PY) manage.py db_worker --no-reload --queue-name '*' -v0 & worker=$$!; \
	  $(PY) manage.py run_scheduler -v0 & scheduler=$$!; \
	  trap 'kill $$worker $$scheduler 2>/dev/null; wait $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

FRONTEND := scripts/frontend
frontend-tools: $(FRONTEND)/node_modules/.installed ## Install the pinned checkers (axe-core, vnu-jar, Lighthouse) from scripts/frontend/package-lock.json
	@:
$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	@# npm ci only when the lock file changed; no install scripts (vnu-jar's would fetch a Java)
	@cd $(FRONTEND) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

lighthouse: install frontend-tools ## Lighthouse 12 (mobile) on the demo market's main pages: the four scores per page
	@bash scripts/lighthouse.sh

test: ## Set up and run the whole test suite against real PostgreSQL, Elasticsearch, stripe-mock, Redis and Chromium
	@bash scripts/test.sh

test-fast: install ## The tests that need no service (SQLite in memory, local cache, database search): about 3 minutes
	@env -u DATABASE_URL -u ELASTICSEARCH_URL -u REDIS_URL -u COUNTERS_REDIS_URL -u STRIPE_API_BASE \
	  DJANGO_SETTINGS_MODULE=marketplace.settings.test \
	  $(PY) -m pytest -p no:cacheprovider -q -m "not services and not e2e" $(ARGS)

services-up: ## Start the test services (PostgreSQL, Elasticsearch, stripe-mock, Redis)
	@bash scripts/services.sh up

services-down: ## Stop the test services
	@bash scripts/services.sh down

lint: ## ruff check and format check
	@$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

fmt: ## Format the code with ruff
	@$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

check: ## Django system checks and missing migrations
	@$(PY) manage.py check && $(PY) manage.py makemigrations --check --dry-run

bench: install ## Benchmarks: pages cached and signed in, search, counters, reindex (BENCH_SIZE=10000 for a quick run)
	@bash bench/run.sh

.PHONY: help bootstrap install messages-compile messages run frontend-tools lighthouse test test-fast services-up services-down lint fmt check bench
