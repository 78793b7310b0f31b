"""Request ids in the logs and tasks, the operator's health report, `make run`'s
settings. Fast: no outside service."""

import io
import json
import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from core import logs, scheduling, sitecache
from core.clientip import client_ip
from core.logs import JsonFormatter, RequestIdFilter
from core.models import ScheduledJob
from core.tasks import REQUEST_ID_KWARG, retrying, with_request_id

ROOT = Path(__file__).resolve().parents[2]


def test_each_response_carries_a_request_id(client, db):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second
    given = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-0123456789abcdef")
    assert given["X-Request-ID"] == "nginx-0123456789abcdef"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert forged["X-Request-ID"] != "bad id\nwith newline"


def test_request_lines_are_json_with_the_request_id_and_flag_slow_requests(client, db, settings):
    settings.SLOW_REQUEST_MS = 0  # every request counts as slow
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("market.request")
    logger.addHandler(handler)
    try:
        response = client.get("/healthz", HTTP_X_REQUEST_ID="req-abcdef123456")
    finally:
        logger.removeHandler(handler)
    line = json.loads(JsonFormatter().format(records[-1]))
    assert line["request_id"] == "req-abcdef123456" == response["X-Request-ID"]
    assert line["level"] == "WARNING" and line["slow"] is True
    assert line["status"] == 200 and line["path"] == "/healthz"


def test_forwarded_for_counts_only_behind_a_trusted_proxy(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.0.0.5", REMOTE_ADDR="127.0.0.1")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "10.0.0.5"


@retrying
def remember_request_id(box):
    return logs.request_id.get()


def test_a_task_runs_with_the_request_id_it_was_enqueued_in():
    token = logs.request_id.set("req-0000feedbeef")
    try:
        kwargs = with_request_id(remember_request_id, {})
        assert kwargs == {REQUEST_ID_KWARG: "req-0000feedbeef"}
        result = remember_request_id.enqueue("box", **kwargs)
    finally:
        logs.request_id.reset(token)
    assert logs.request_id.get() == ""
    assert result.return_value == "req-0000feedbeef"


def test_full_health_reports_the_queue_and_a_late_scheduler(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    job = scheduling.register("deploy_test_job", 60, lambda: None)
    try:
        body = client.get("/healthz?full=1")
        assert body.status_code == 503  # the job never ran: late
        report = body.json()
        assert report["status"] == "degraded"
        assert report["scheduler"]["jobs"]["deploy_test_job"]["late"] is True
        assert report["tasks"] == {"status": "ok", "waiting": 0, "oldest_seconds": 0}
        for registered in scheduling.registered():
            scheduling.claim(registered, "test", force=True, now=timezone.now())
            scheduling.release(registered, "test", ok=True)
        assert client.get("/healthz").status_code == 200  # the load balancer's view
        remember_request_id.using(backend="default").enqueue("box")
        report = client.get("/healthz?full=1").json()
        assert report["tasks"]["waiting"] == 1
        assert report["scheduler"]["status"] == "ok"
        call_command("healthcheck", stdout=io.StringIO())  # all well: exit 0
        ScheduledJob.objects.filter(name=job.name).update(
            last_started_at=timezone.now() - timedelta(hours=1)
        )
        with pytest.raises(CommandError):
            call_command("healthcheck", stdout=io.StringIO())
    finally:
        scheduling.unregister(job.name)


def test_site_settings_cache_briefly_without_a_shared_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.SITE_CACHE_LOCAL_SECONDS = 5
    assert sitecache.timeout() == 5
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    assert sitecache.timeout() == sitecache.TIMEOUT


DEMO = """
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
call_command("collectstatic", verbosity=0, interactive=False)
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
missing = client.get("/khong-co-trang-nay/")
print("DEBUG", settings.DEBUG)
print("MISSING", missing.status_code, "URLconf" in missing.content.decode())
home = client.get("/")
import re
css = re.search(r'href="(/static/[^"]+\\.[0-9a-f]{12}\\.css)"', home.content.decode())
print("HASHED", bool(css))
print("STATIC", client.get(css.group(1)).status_code if css else None)
"""


def test_make_run_settings_hide_the_framework_and_serve_hashed_static(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL", "COUNTERS_REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="marketplace.settings.demo",
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
    )
    result = subprocess.run(
        [sys.executable, "-c", DEMO], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "DEBUG False" in result.stdout
    assert "MISSING 404 False" in result.stdout  # the site's 404, not the URL list
    assert "HASHED True" in result.stdout and "STATIC 200" in result.stdout
