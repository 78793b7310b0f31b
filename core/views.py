import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.middleware.csrf import get_token
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
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
    """ "ok" or "down". The site keeps serving with the cache down (core/cache.py), but a
    load balancer should know: a dead Redis also means slower pages and no shared limits."""
    try:
        if hasattr(cache, "ping"):
            return "ok" if cache.ping() else "down"
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
    # The database and the cache must answer; search has its fallback and is reported only.
    ok = checks["database"] == "ok" and checks["cache"] == "ok"
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


@never_cache
@require_GET
def csrf_token(request):
    """A CSRF token for a form on a page served from the page cache (`static/js/csrf.js`):
    such pages carry none, since a token belongs to one visitor."""
    return JsonResponse({"token": get_token(request)})


@require_GET
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): where to report a vulnerability.

    `Expires` is always 180 days ahead (the RFC wants less than a year); `Canonical` is
    the site's own address (`SITE_URL`), `Contact` is `SECURITY_CONTACT`.
    """
    from datetime import UTC, timedelta

    from django.http import HttpResponse
    from django.utils import timezone

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: vi, en",
        f"Canonical: {base}/.well-known/security.txt",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "max-age=86400"
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """The 500 page, in the visitor's language (from the URL prefix: nothing else is
    trusted to work). Renders with a plain context: no context processors, so neither
    the database nor the cache is touched."""
    path = getattr(request, "path_info", "") or ""
    language = "en" if path == "/en" or path.startswith("/en/") else "vi"
    try:
        body = loader.get_template(template_name).render({"language": language})
    except Exception:  # even the template cannot load: say it plainly
        body = "<h1>Đã có lỗi xảy ra / Server error</h1>"
    return HttpResponseServerError(body)
