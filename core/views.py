import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core import health
from core.middleware import SessionIdleMiddleware


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception:
        return "down"


def _check_cache():
    try:
        key = "healthz:probe"
        cache.set(key, "1", 10)
        return "ok" if cache.get(key) == "1" else "down"
    except Exception:
        return "down"


def basic_health():
    """The load balancer's checks: the database (required), the cache, registered services."""
    started = time.monotonic()
    checks = {
        "database": _check_database(),
        "cache": _check_cache(),
        **health.run_checks(),
    }
    ok = checks["database"] == "ok"
    body = {
        "status": "ok" if ok else "down",
        **checks,
        "database_vendor": connection.vendor,
        "elapsed_ms": round((time.monotonic() - started) * 1000, 1),
    }
    return body


@never_cache
@require_GET
def healthz(request):
    """`/healthz`: 200 while the database answers (what a load balancer needs);
    `/healthz?full=1` adds the task queue and the scheduler for the operator (200 only
    when everything is well, 503 otherwise: docs/deploy.md)."""
    body = basic_health()
    if request.GET.get("full") in ("1", "true", "yes"):
        body = health.full_report(body)
    return JsonResponse(body, status=200 if body["status"] == "ok" else 503)


@never_cache
@require_POST
def keep_alive(request):
    """The "stay signed in" button: pushes the session expiry forward."""
    if not request.user.is_authenticated:
        return JsonResponse({"authenticated": False}, status=401)
    request.session[SessionIdleMiddleware.KEY] = int(time.time())
    request.session.modified = True
    return JsonResponse({"authenticated": True, "expires_in": settings.SESSION_COOKIE_AGE})
