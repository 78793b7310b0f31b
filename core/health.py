"""Checks `/healthz` runs beside the database and the cache, registered by the apps.

An app that depends on an outside service registers a check from its
`AppConfig.ready()`:

    health.register("elasticsearch", check_elasticsearch)

A check returns "ok", "down" or "not configured"; an exception counts as "down".
"""

_checks = {}


def register(name, check):
    _checks[name] = check


def run_checks():
    results = {}
    for name, check in _checks.items():
        try:
            results[name] = check()
        except Exception:
            results[name] = "down"
    return results


# --- The operator's deeper look: /healthz?full=1 and `manage.py healthcheck` ------------

# A queue with more waiting tasks than this, or whose oldest task waits longer, is "late".
BACKLOG_LIMIT = 1000
BACKLOG_AGE_LIMIT = 15 * 60


def task_backlog(now=None):
    """Tasks waiting in the database queue: {"waiting", "oldest_seconds", "status"}.

    "not configured" when the queue is not the database (RQ keeps its own figures).
    """
    from django.conf import settings
    from django.utils import timezone

    backend = settings.TASKS["default"]["BACKEND"]
    if backend != "django_tasks_db.DatabaseBackend":
        return {"status": "not configured", "backend": backend}
    from django.db.models import Min
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    ready = DBTaskResult.objects.ready()  # due now: deferred retries are not a backlog
    figures = ready.aggregate(oldest=Min("enqueued_at"))
    waiting = ready.count()
    oldest = (now - figures["oldest"]).total_seconds() if figures["oldest"] else 0
    late = waiting > BACKLOG_LIMIT or oldest > BACKLOG_AGE_LIMIT
    return {
        "status": "late" if late else "ok",
        "waiting": waiting,
        "oldest_seconds": round(oldest),
    }


def scheduler_report(now=None):
    """The periodic jobs' last runs: "late" when one has not started for two intervals."""
    from core import scheduling

    jobs = scheduling.status(now=now)
    report = {
        job["name"]: {
            "every": job["every"],
            "last_started_at": job["last_started_at"].isoformat()
            if job["last_started_at"]
            else None,
            "last_ok": job["last_ok"],
            "late": job["late"],
        }
        for job in jobs
    }
    late = any(job["late"] or job["last_ok"] is False for job in jobs)
    return {"status": "late" if late else "ok", "jobs": report}


def full_report(basic):
    """*basic* (the `/healthz` checks) plus the task queue and the scheduler.

    "status" is "ok" only when every configured service answers, the queue keeps up and
    every job ran on time and succeeded; otherwise "degraded" (or "down" without the
    database).
    """
    report = dict(basic)
    for name, function in (("tasks", task_backlog), ("scheduler", scheduler_report)):
        try:
            report[name] = function()
        except Exception:
            report[name] = {"status": "down"}
    if report.get("status") != "down":
        services_ok = all(
            value in ("ok", "not configured")
            for key, value in basic.items()
            if isinstance(value, str) and key not in ("status", "database_vendor")
        )
        background_ok = all(
            report[name]["status"] in ("ok", "not configured") for name in ("tasks", "scheduler")
        )
        report["status"] = "ok" if services_ok and background_ok else "degraded"
    return report
