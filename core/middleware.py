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
