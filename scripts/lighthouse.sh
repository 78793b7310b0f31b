#!/usr/bin/env bash
# Lighthouse 12 (mobile) on the demo market's main pages, served as in production:
# demo settings (DEBUG off, hashed static files through WhiteNoise) under gunicorn, the
# demo seeded into its own SQLite file. Prints the four scores per page and keeps the
# JSON reports. Measurement only: the test command does not run it.
#
#   make lighthouse            (or: bash scripts/lighthouse.sh)
#   LIGHTHOUSE_DIR=/tmp/lh PORT=8765 CHROME_PATH=/usr/bin/chromium bash scripts/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."

WORK="$(realpath -m "${LIGHTHOUSE_DIR:-/tmp/cho-tinh-lighthouse}")"
PORT="${PORT:-8765}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
LIGHTHOUSE=scripts/frontend/node_modules/lighthouse/cli/index.js
[[ -f $LIGHTHOUSE ]] || make --no-print-directory frontend-tools
[[ -x $CHROME_PATH ]] || { echo "no Chromium at $CHROME_PATH (scripts/services.sh up chromium)" >&2; exit 1; }

mkdir -p "$WORK/reports" "$WORK/media"
export DJANGO_SETTINGS_MODULE=marketplace.settings.demo
export DATABASE_URL="sqlite:///$WORK/db.sqlite3" MEDIA_ROOT="$WORK/media"
export ALLOWED_HOSTS=127.0.0.1 PAGE_CACHE_SECONDS="${PAGE_CACHE_SECONDS:-60}"
unset ELASTICSEARCH_URL REDIS_URL COUNTERS_REDIS_URL
PY=.venv/bin/python
$PY manage.py migrate --noinput -v0
$PY manage.py collectstatic --noinput -v0
[[ -f $WORK/.seeded ]] || { $PY manage.py seed_demo >/dev/null && touch "$WORK/.seeded"; }

# one product, booth and article of the demo, by their own addresses
mapfile -t PAGES < <($PY - <<'EOF'
import django

django.setup()
from catalog.models import Product
from cms.models import ArticlePage, NewsIndexPage
from shops.models import Booth

print("home /")
print("products /san-pham/")
print("product", Product.objects.public().order_by("-view_count", "pk").first().get_absolute_url())
print("booths /gian-hang/")
print("booth", Booth.objects.public().order_by("pk").first().get_absolute_url())
print("news", NewsIndexPage.objects.live().first().url)
print("article", ArticlePage.objects.live().order_by("-date").first().url)
print("search /tim-kiem/?q=vai")
EOF
)

.venv/bin/gunicorn marketplace.wsgi --bind "127.0.0.1:$PORT" --workers 2 --log-level warning &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT INT TERM
for _ in $(seq 60); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.5; done

printf '%-10s %-48s %5s %5s %5s %5s\n' page path perf a11y bp seo
for entry in "${PAGES[@]}"; do
    name=${entry%% *}
    path=${entry#* }
    url="http://127.0.0.1:$PORT$path"
    curl -fsS -o /dev/null "$url" || true # fill the page cache and the renditions first
    node "$LIGHTHOUSE" "$url" --quiet --output=json --output-path="$WORK/reports/$name.json" \
        --only-categories=performance,accessibility,best-practices,seo \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage" >/dev/null 2>&1 ||
        { echo "lighthouse failed on $url" >&2; continue; }
    $PY - "$WORK/reports/$name.json" "$name" "$path" <<'EOF'
import json
import sys

report = json.load(open(sys.argv[1]))
cats = report["categories"]
scores = [
    str(round((cats[key]["score"] or 0) * 100))
    for key in ("performance", "accessibility", "best-practices", "seo")
]
print(f"{sys.argv[2]:<10} {sys.argv[3][:48]:<48} " + " ".join(f"{s:>5}" for s in scores))
for key in ("accessibility", "best-practices", "seo"):
    for ref in cats[key]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            print(f"{'':<10}   {key}: {ref['id']} — {audit['title']}")
EOF
done
echo "reports: $WORK/reports/"
