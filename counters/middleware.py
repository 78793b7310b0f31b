from django.conf import settings

from . import local
from .tracking import request_is_counted, response_is_page, visitor_state


class VisitCounterMiddleware:
    """Counts site visits and hands the request's counter increments to the buffer.

    A visit is counted for a GET that returns an HTML page (200) on a counted path, from a
    user agent that is not an obvious robot, when the visitor's counting cookie is missing
    or older than COUNTERS_VISIT_IDLE_SECONDS. Views recorded by the page itself
    (`counters.record_view`) are buffered in the same round trip.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.COUNTERS_ENABLED:
            return self.get_response(request)
        request._counter_middleware = True
        response = self.get_response(request)
        counted = request_is_counted(request)
        state = getattr(request, "_counter_state", None)
        if counted and response_is_page(response):
            state = visitor_state(request)
            state.count_visit()
        if state is not None:
            local.add(state.increments)
            state.increments.clear()
            if state.changed:
                set_cookie(response, state.serialize())
        return response


def set_cookie(response, value):
    """`response.set_cookie(name, value, max_age=…, httponly, samesite=Lax)` without the
    `Expires` date that Django works out from `max_age` on every call: it is on every
    counted page, and `Max-Age` alone is what browsers read."""
    name = settings.COUNTERS_COOKIE_NAME
    response.cookies[name] = value
    morsel = response.cookies[name]
    morsel["max-age"] = settings.COUNTERS_VISIT_IDLE_SECONDS
    morsel["path"] = "/"
    morsel["httponly"] = True
    morsel["samesite"] = "Lax"
    if settings.SESSION_COOKIE_SECURE:
        morsel["secure"] = True
