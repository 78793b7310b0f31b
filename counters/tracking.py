"""Deciding what counts: visits per visitor session, views per (visitor, object).

A visitor session lives in one small cookie (COUNTERS_COOKIE_NAME) that the middleware
renews on every counted page with a lifetime of COUNTERS_VISIT_IDLE_SECONDS: a page seen
with no cookie, or with a cookie older than that, starts a new visit. The same cookie
remembers which products, booths and articles were counted recently, so a view of the same
object by the same visitor within COUNTERS_VIEW_DEDUP_SECONDS counts once. Keeping this
state in the cookie costs no database or cache write per request, and works the same with
several web workers.

Cookie value: "<last seen, epoch seconds>" followed by "|<kind letter><id>:<epoch>"
entries for recent views (at most MAX_RECENT, newest kept).
"""

import time
from collections import Counter
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone

from core.i18n import strip_language

from . import registry
from .bots import is_bot

MAX_RECENT = 40


_day = (None, None)  # (epoch minute, its local date): the date is the same all minute long


def local_day(epoch_seconds):
    """`timezone.localdate()` at *epoch_seconds*, worked out once a minute (time zones
    move by whole minutes, so a minute never straddles midnight)."""
    global _day
    minute = epoch_seconds // 60
    if _day[0] != minute:
        _day = (minute, timezone.localdate(datetime.fromtimestamp(minute * 60, tz=UTC)))
    return _day[1]


class VisitorState:
    """The visitor's counting cookie, parsed once per request."""

    def __init__(self, raw, now):
        self.now = now
        self.last_seen = 0
        self.recent = {}  # "p12" -> epoch seconds of the counted view
        self.increments = Counter()
        self.changed = False
        self.visit_checked = False
        if raw:
            self._parse(raw)

    def _parse(self, raw):
        head, *entries = raw.split("|")
        try:
            self.last_seen = int(head)
        except ValueError:
            return
        for entry in entries[-MAX_RECENT:]:
            token, _, stamp = entry.partition(":")
            if registry.by_letter(token[:1]) and token[1:].isdigit() and stamp.isdigit():
                self.recent[token] = int(stamp)

    def serialize(self):
        window = settings.COUNTERS_VIEW_DEDUP_SECONDS
        fresh = sorted(
            ((stamp, token) for token, stamp in self.recent.items() if self.now - stamp < window)
        )[-MAX_RECENT:]
        return "|".join([str(self.now)] + [f"{token}:{stamp}" for stamp, token in fresh])

    def count_visit(self):
        """Count a visit if this page starts a new visitor session; renew it either way."""
        if self.visit_checked:
            return
        self.visit_checked = True
        if self.now - self.last_seen >= settings.COUNTERS_VISIT_IDLE_SECONDS:
            self.increments[(registry.VISIT, 0, local_day(self.now))] += 1
        self.last_seen = self.now
        self.changed = True

    def count_view(self, kind, object_id):
        token = f"{registry.by_kind(kind).letter}{object_id}"
        seen = self.recent.get(token)
        if seen is not None and self.now - seen < settings.COUNTERS_VIEW_DEDUP_SECONDS:
            return False
        self.recent[token] = self.now
        self.increments[(kind, int(object_id), local_day(self.now))] += 1
        self.changed = True
        return True


def path_is_counted(path):
    return not strip_language(path).startswith(tuple(settings.COUNTERS_EXCLUDED_PREFIXES))


def request_is_counted(request):
    """A GET from something that looks like a person, on a page path."""
    return (
        settings.COUNTERS_ENABLED
        and request.method == "GET"
        and path_is_counted(request.path_info)
        and not is_bot(request.META.get("HTTP_USER_AGENT"))
    )


def response_is_page(response):
    content_type = response.get("Content-Type", "")
    return response.status_code == 200 and content_type.startswith("text/html")


def visitor_state(request):
    state = getattr(request, "_counter_state", None)
    if state is None:
        raw = request.COOKIES.get(settings.COUNTERS_COOKIE_NAME, "")
        state = VisitorState(raw, int(time.time()))
        request._counter_state = state
    return state
