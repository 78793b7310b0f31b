import time

from django.conf import settings


class SessionIdleMiddleware:
    """Signed-in sessions expire after SESSION_COOKIE_AGE seconds of inactivity.

    Rather than saving the session on every request (a write per page view), the expiry
    is pushed forward at most once every SESSION_REFRESH_INTERVAL seconds of activity.
    """

    KEY = "_idle_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY, 0)
            if now - last >= settings.SESSION_REFRESH_INTERVAL:
                request.session[self.KEY] = now
        return self.get_response(request)


class RequestLogMiddleware:
    """Gives each request an id and logs one line per request (logger `market.request`).

    The id comes from the `X-Request-ID` header (nginx sets it, see deploy/nginx) when it
    looks like one, otherwise it is made here; it is sent back in the response's
    `X-Request-ID`, added to every log line (`core.logs`) and handed to the tasks the
    request enqueues. The request line is INFO, WARNING when slower than
    `SLOW_REQUEST_MS` (`"slow": true`), ERROR for a 5xx: docs/deploy.md shows how to
    count them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import logging

        from core import logs
        from core.clientip import client_ip

        rid = logs.clean_request_id(request.headers.get("X-Request-ID"))
        token = logs.request_id.set(rid)
        request.request_id = rid
        started = time.monotonic()
        try:
            response = self.get_response(request)
        except Exception:
            logs.request_id.reset(token)
            raise
        elapsed_ms = round((time.monotonic() - started) * 1000, 1)
        slow = elapsed_ms >= settings.SLOW_REQUEST_MS
        status = response.status_code
        level = logging.ERROR if status >= 500 else logging.WARNING if slow else logging.INFO
        logging.getLogger("market.request").log(
            level,
            "%s %s %s %sms",
            request.method,
            request.path,
            status,
            elapsed_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": elapsed_ms,
                "client_ip": client_ip(request),
                "scheme": request.scheme,
                "slow": slow,
            },
        )
        response["X-Request-ID"] = rid
        logs.request_id.reset(token)
        return response
