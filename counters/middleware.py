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
                response.set_cookie(
                    settings.COUNTERS_COOKIE_NAME,
                    state.serialize(),
                    max_age=settings.COUNTERS_VISIT_IDLE_SECONDS,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        return response
