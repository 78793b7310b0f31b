"""The run command's path on the embedded default: SQLite, no other service.

Migrates a fresh SQLite file, seeds the demo market (small sizes) and renders the home
page, in a subprocess with the dev settings exactly as `make run` uses them.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import django, os
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
call_command("seed_demo", booths=4, products=12, verbosity=0)
from figures.market import market_figures
from counters.models import DailyCount
first = (DailyCount.objects.count(), market_figures().visits)
call_command("seed_demo", booths=4, products=12, verbosity=0)  # idempotent
print("HISTORY_ONCE", first == (DailyCount.objects.count(), market_figures().visits))
print("HISTORY_DAYS", DailyCount.objects.filter(kind="visit").count())
from django.test import Client
from catalog.models import Product
from shops.models import Booth
client = Client()
home = client.get("/")
print("STATUS", home.status_code)
print("BOOTHS", Booth.objects.public().count(), "PRODUCTS", Product.objects.public().count())
print("HAS_FOOTER", "lượt truy cập" in home.content.decode())
health = client.get("/healthz").json()
print("HEALTH", health["database"], health["elasticsearch"], health["database_vendor"])
"""


def test_run_path_on_sqlite(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL", "STRIPE_SECRET_KEY"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="marketplace.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'run.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert "STATUS 200" in out
    assert "HAS_FOOTER True" in out
    # 90 days of demo visit history for the charts, added once
    assert "HISTORY_DAYS 90" in out
    assert "HISTORY_ONCE True" in out
    assert "HEALTH ok not configured sqlite" in out
