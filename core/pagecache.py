"""Whole pages for anonymous visitors, from the shared cache.

A province's site is read by anonymous visitors far more than it is written, so the pages
they read most (home, product list, product, booth directory and page, news, article) are
kept whole in the cache for `PAGE_CACHE_SECONDS` and served without running the view.

What may be cached is decided in three places, all of which must agree:

1. **The visitor** (`eligible`): a GET or HEAD without a session cookie, a messages cookie
   or an Authorization header. The visit-counting cookie and the CSRF cookie carry nothing
   personal and do not count. A signed-in user, a guest with a cart, anyone with a flash
   message has a session or messages cookie and always gets a freshly rendered page.
2. **The view** opts in: `@cacheable(QueryForm)` on a view function, or
   `register(view, QueryForm)` for a view the project does not own (Wagtail's `serve`). The
   form names the GET parameters the page reads: the cache key holds their cleaned values
   only, and the request's GET and query string are rewritten to them before the view
   runs, so a junk or unknown parameter neither busts the cache nor reaches the page.
3. **The response** (`_storable`): a 200 HTML, not streamed, that set no cookie, used no
   CSRF token (`get_token` marks the request; a page that rendered one is never stored),
   showed no message and says nothing against it (`Cache-Control: private/no-store/no-cache`).

Personal bits are therefore absent from every page an eligible visitor gets: the cart is
empty (no session), the header says "sign in", forms that need a CSRF token render an empty
one (`{% csrf_field %}`) that `static/js/csrf.js` fills from `csrf_token` (never cached)
when the form is submitted. View counting goes through `{% counter_beacon obj %}`, which
product, booth and article pages render for eligible visitors.

Purging: one site-wide *generation* number. Each stored page carries the generation it was
made under; `purge()` bumps it, and every page made before is a miss from then on (the
entries expire by themselves). Apps call `purge_on_save(Model, ...)` or `purge()` from their
receivers for the events that change a public page. A cache error is a miss (logged); the
page is then rendered as usual.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, QueryDict

log = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
HEADER = "X-Page-Cache"
_views = {}


def register(view, form=None):
    """Let *view*'s pages be cached for anonymous visitors; *form* (a `core.filters.QueryForm`
    subclass or None) names the GET parameters it reads."""
    _views[view] = form
    return view


def cacheable(form=None):
    """Decorator form of `register`."""

    def decorate(view):
        return register(view, form)

    return decorate


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def eligible(request):
    """True when *request* comes from a visitor with nothing personal to show."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    return "authorization" not in request.headers


def read_generation(key):
    """The generation number kept under *key* in the shared cache (started if missing).

    Never a number used before: what was stored under an evicted generation stays a miss.
    Also used by the cached Wagtail routes (cms/routing.py)."""
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns() // 1000, None)
        value = cache.get(key)
    return value


def bump_generation(key):
    """Make everything stored under the current generation of *key* stale."""
    try:
        cache.incr(key)
    except ValueError:  # no generation yet, or evicted
        cache.add(key, time.time_ns() // 1000, None)


def generation():
    return read_generation(GENERATION_KEY)


def purge():
    """Every cached page is stale from now on."""
    try:
        bump_generation(GENERATION_KEY)
    except Exception:  # noqa: BLE001 - cache down: nothing served from it either
        log.warning("page cache: purge failed", exc_info=True)


def purge_on_commit():
    transaction.on_commit(purge)


def _purge_receiver(sender, raw=False, **kwargs):
    if not raw:
        purge_on_commit()


def purge_on_save(*models):
    """Purge after a save or a delete of any of *models* commits."""
    for model in models:
        label = model._meta.label_lower
        post_save.connect(_purge_receiver, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_purge_receiver, sender=model, dispatch_uid=f"pagecache-del-{label}")


def canonical_query(request, form):
    if form is None:
        return ""
    params = form.parse(request.GET)
    query = QueryDict(mutable=True)
    for key in sorted(params):
        if key in params.raw:
            query.setlist(key, params.raw.getlist(key))
    return query.urlencode()


def page_key(request, query):
    raw = f"{request.get_host()}|{getattr(request, 'LANGUAGE_CODE', '')}|{request.path}?{query}"
    return "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _storable(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    control = response.get("Cache-Control", "")
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and (getattr(messages, "_queued_messages", None) or messages.used):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _from_entry(request, entry):
    _gen, status, headers, content = entry
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response[name] = value
    if request.method == "HEAD":
        response["Content-Length"] = str(len(content))
    response[HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Serves and stores anonymous pages; place it last in MIDDLEWARE so that the other
    middleware (visit counting, security headers) still run on a page served from cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is not None and response.get(HEADER) != "hit":
            if _storable(request, response):
                entry = (
                    request._page_cache_generation,
                    response.status_code,
                    [(k, v) for k, v in response.items() if k.lower() != "set-cookie"],
                    response.content,
                )
                try:
                    cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
                    response[HEADER] = "miss"
                except Exception:  # noqa: BLE001
                    log.warning("page cache: store failed", exc_info=True)
            else:
                response[HEADER] = "skip"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not enabled() or view_func not in _views or not eligible(request):
            return None
        query = canonical_query(request, _views[view_func])
        if request.META.get("QUERY_STRING", "") != query:
            # The page sees only the parameters it reads, as the cache key does.
            request.GET = QueryDict(query)
            request.META["QUERY_STRING"] = query
        request.page_cache = True
        key = page_key(request, query)
        try:
            entries = cache.get_many([GENERATION_KEY, key])
            current = entries.get(GENERATION_KEY)
            if current is None:
                current = generation()
        except Exception:  # noqa: BLE001 - a cache error is a miss
            log.warning("page cache: lookup failed", exc_info=True)
            return None
        entry = entries.get(key)
        if entry is not None and entry[0] == current:
            return _from_entry(request, entry)
        request._page_cache_key = key
        request._page_cache_generation = current
        return None
