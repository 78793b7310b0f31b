"""Whole pages from the shared cache: for anonymous visitors as they are, for signed-in
shoppers with their own bits spliced in.

A province's site is read by anonymous visitors far more than it is written, so the pages
they read most (home, product list, product, booth directory and page, news, article) are
kept whole in the cache for `PAGE_CACHE_SECONDS` and served without running the view.

What may be cached is decided in three places, all of which must agree:

1. **The visitor** (`eligible`): a GET or HEAD without a session cookie, a messages cookie
   or an Authorization header. The visit-counting cookie and the CSRF cookie carry nothing
   personal and do not count. A signed-in user, a guest with a cart, anyone with a flash
   message has a session or messages cookie: see "Personal regions" below.
2. **The view** opts in: `@cacheable(QueryForm, tags=...)` on a view function, or
   `register(view, QueryForm, tags=...)` for a view the project does not own (Wagtail's
   `serve`). The form names the GET parameters the page reads: the cache key holds their
   cleaned values only, and the request's GET and query string are rewritten to them
   before the view runs, so a junk or unknown parameter neither busts the cache nor
   reaches the page.
3. **The response** (`_storable`): a 200 HTML, not streamed, that set no cookie, used no
   CSRF token outside a personal region (`get_token` marks the request), showed no
   message outside one and says nothing against it (`Cache-Control: private/no-store/
   no-cache`).

Personal bits are therefore absent from every stored page: forms that need a CSRF token
render an empty one (`{% csrf_field %}`) that `static/js/csrf.js` fills from `csrf_token`
(never cached) when the form is submitted; view counting goes through
`{% counter_beacon obj %}`, which product, booth and article pages render for pages made
for the cache.

**Personal regions.** What differs between visitors is marked in the templates with
`{% personal "components/personal/….html" %}` (core/templatetags/pagecache.py): the
header's cart link and account menu, the messages, the session-expiry notice and its
token. When a page is rendered for the cache, each region is wrapped in markers holding a
per-request random nonce (so no text a seller or editor typed can fake one); the
middleware cuts them out and stores the page with the regions' byte ranges. A signed-in
shopper or a guest with a cart (`personal_visitor`: not staff, no access to Wagtail's
admin) then gets the stored page with each region rendered for them alone
(`X-Page-Cache: shared`, `Cache-Control: private`); on a miss their page is rendered for
them and, unless the view says otherwise (`shared_when`), stored for everyone with the
regions rendered for an anonymous visitor instead of theirs.

**Purging** has two levels, read in the same round trip as the entry:

- one site-wide *generation* number: `purge()` makes every page stale (header, footer,
  menus, site settings, the site's address);
- *tags*: each registered view names its page's tags from its address (`CATALOGUE` on
  every page showing the catalogue, `product:<slug>` on a product page); each
  tag has its own generation, and `purge_tags(...)` makes stale the pages carrying it.

Each entry stores the generations it was made under; a lookup reads the site generation,
the page's tag generations and the entry in one `get_many`. A cache error is a miss
(logged); the page is then rendered as usual.
"""

import hashlib
import logging
import re
import secrets
import time
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template import RequestContext, engines
from django.utils.cache import patch_cache_control

from core.signals import on_save_or_delete

log = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
TAG_KEY = "pagecache:tag:"
# A tag's generation outlives the entries that record it; one that expired makes those
# entries a miss (the stored number no longer matches), never a stale hit.
TAG_SECONDS = 86400
HEADER = "X-Page-Cache"
# Every page showing the catalogue: the lists, product and booth pages, and the Wagtail
# pages (the home page's cards, products and booths chosen in a page's blocks).
CATALOGUE = "catalogue"


@dataclass(frozen=True)
class Registration:
    form: object = None
    tags: object = None  # callable(request, view_args, view_kwargs) -> iterable of tags
    shared_when: object = None  # callable(request) -> may a personal rendering be shared


_views = {}


def register(view, form=None, *, tags=None, shared_when=None):
    """Let *view*'s pages be cached; *form* (a `core.filters.QueryForm` subclass or None)
    names the GET parameters it reads.

    *tags*: a callable `(request, view_args, view_kwargs)` giving the page's tags from its
    address (they are read with the entry, in the same round trip); `purge_tags()` of any
    of them makes the page stale. *shared_when*: a callable `(request)`; when it answers
    False, a page rendered for a signed-in visitor is not stored for everyone (a view whose
    answer depends on who asks, such as Wagtail's private pages)."""
    _views[view] = Registration(form, tags, shared_when)
    return view


def cacheable(form=None, *, tags=None, shared_when=None):
    """Decorator form of `register`."""

    def decorate(view):
        return register(view, form, tags=tags, shared_when=shared_when)

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


def personal_visitor(request):
    """True for a GET/HEAD from a visitor whose only personal things are those of the
    personal regions: a session (signed-in shopper, guest with a cart) or a flash message,
    and neither staff nor anyone Wagtail's user bar is shown to (they always get a page
    rendered for them). One query for a signed-in non-staff user (besides session and
    user), none for a guest."""
    if request.method not in ("GET", "HEAD") or "authorization" in request.headers:
        return False
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return True
    if not user.is_active or user.is_staff or user.is_superuser:
        return False
    return not _can_access_admin(user)


def _can_access_admin(user):
    """`user.has_perm("wagtailadmin.access_admin")` for an active non-superuser (what
    `{% wagtailuserbar %}` asks) in one query instead of the backend's two."""
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    return (
        Permission.objects.filter(codename="access_admin", content_type__app_label="wagtailadmin")
        .filter(Q(user=user) | Q(group__user=user))
        .exists()
    )


def read_generation(key):
    """The generation number kept under *key* in the shared cache (started if missing).

    Never a number used before: what was stored under an evicted generation stays a miss.
    Also used by the cached Wagtail routes (cms/routing.py)."""
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns() // 1000, None)
        value = cache.get(key)
    return value


def bump_generation(key, timeout=None):
    """Make everything stored under the current generation of *key* stale."""
    try:
        cache.incr(key)
    except ValueError:  # no generation yet, or evicted
        cache.add(key, time.time_ns() // 1000, timeout)


def generation():
    return read_generation(GENERATION_KEY)


def tag_generations(tags):
    """{tag: generation} for *tags*, starting those that are missing (one round trip when
    none is)."""
    keys = {TAG_KEY + tag: tag for tag in tags}
    found = cache.get_many(list(keys))
    missing = [key for key in keys if found.get(key) is None]
    if missing:
        for key in missing:
            cache.add(key, time.time_ns() // 1000, TAG_SECONDS)
        found.update(cache.get_many(missing))
    return {tag: found.get(key) for key, tag in keys.items()}


def fingerprint(*tags):
    """The site generation and *tags*' generations as one string (one round trip when all
    exist): a key for something that must be dropped when any of them is purged, such as
    a cached fragment of a page."""
    keys = [GENERATION_KEY, *(TAG_KEY + tag for tag in tags)]
    found = cache.get_many(keys)
    if found.get(GENERATION_KEY) is None:
        found[GENERATION_KEY] = generation()
    if any(found.get(TAG_KEY + tag) is None for tag in tags):
        found.update({TAG_KEY + tag: value for tag, value in tag_generations(tags).items()})
    return "-".join(str(found[key]) for key in keys)


def purge():
    """Every cached page is stale from now on."""
    try:
        bump_generation(GENERATION_KEY)
    except Exception:  # noqa: BLE001 - cache down: nothing served from it either
        log.warning("page cache: purge failed", exc_info=True)


def purge_tags(*tags):
    """The cached pages carrying any of *tags* are stale from now on."""
    for tag in dict.fromkeys(tags):
        try:
            bump_generation(TAG_KEY + tag, TAG_SECONDS)
        except Exception:  # noqa: BLE001
            log.warning("page cache: purge of %s failed", tag, exc_info=True)


def purge_on_commit(*tags):
    """`purge_tags(*tags)` after the transaction commits; `purge()` when no tag is given."""
    transaction.on_commit(lambda: purge_tags(*tags) if tags else purge())


def purge_on_save(*models, tags=()):
    """Purge *tags* (the whole site when none) after a save or a delete of any of *models*
    commits."""
    tags = tuple(tags)

    def receiver(sender, raw=False, **kwargs):
        if not raw:
            purge_on_commit(*tags)

    on_save_or_delete(receiver, *models, uid="pagecache", weak=False)


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


# --- Personal regions ---------------------------------------------------------------------


def region_markers(request, name):
    """The (opening, closing) markers around region *name* on a page made for the cache,
    or None when the page is not (the region is then rendered in place, unmarked)."""
    nonce = getattr(request, "_page_cache_nonce", None)
    if nonce is None:
        return None
    return f"<!--pc:{nonce}:{name}-->", f"<!--/pc:{nonce}-->"


def _cut_regions(content, nonce):
    """Remove the markers: (content, [(start, end, template name)]) in bytes of the result."""
    pattern = re.compile(
        rb"<!--pc:" + nonce.encode() + rb":([^>]+?)-->(.*?)<!--/pc:" + nonce.encode() + rb"-->",
        re.S,
    )
    parts, regions, pos, length = [], [], 0, 0
    for match in pattern.finditer(content):
        before = content[pos : match.start()]
        body = match.group(2)
        parts += [before, body]
        length += len(before)
        regions.append((length, length + len(body), match.group(1).decode()))
        length += len(body)
        pos = match.end()
    if not regions:
        return content, []
    parts.append(content[pos:])
    return b"".join(parts), regions


def render_regions(request, names):
    """Each region template in *names* rendered alone for *request* (a RequestContext,
    context processors run once)."""
    engine = engines["django"].engine
    templates = [engine.get_template(name) for name in names]
    if not templates:
        return []
    context = RequestContext(request)
    with context.bind_template(templates[0]):
        return [template.render(context).encode() for template in templates]


def _splice(content, regions, bodies):
    """*content* with each region's bytes replaced by its body: (content, new regions)."""
    parts, moved, pos, shift = [], [], 0, 0
    for (start, end, name), body in zip(regions, bodies, strict=True):
        parts += [content[pos:start], body]
        moved.append((start + shift, start + shift + len(body), name))
        shift += len(body) - (end - start)
        pos = end
    parts.append(content[pos:])
    return b"".join(parts), moved


def _anonymous_request(request):
    """A request for the same page from a visitor with no session, cookie or message: what
    the personal regions of a shared page are rendered for."""
    anonymous = HttpRequest()
    anonymous.method = "GET"
    anonymous.path, anonymous.path_info = request.path, request.path_info
    dropped = ("HTTP_COOKIE", "HTTP_AUTHORIZATION", "CSRF_COOKIE", "CSRF_COOKIE_NEEDS_UPDATE")
    anonymous.META = {k: v for k, v in request.META.items() if k not in dropped}
    anonymous.GET = request.GET
    anonymous.COOKIES = {}
    anonymous.LANGUAGE_CODE = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    anonymous.resolver_match = getattr(request, "resolver_match", None)
    anonymous.user = AnonymousUser()
    anonymous.session = import_module(settings.SESSION_ENGINE).SessionStore()
    anonymous.page_cache = True
    return anonymous


# --- Serving and storing ------------------------------------------------------------------


def _storable(request, response, personal):
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # (a token used in a personal region is not counted: see the tag)
    control = response.get("Cache-Control", "")
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and (getattr(messages, "_queued_messages", None) or messages.used):
        return False
    if personal:
        shared_when = request._page_cache_registration.shared_when
        if shared_when is not None and not shared_when(request):
            return False
        # Defence in depth: a page that showed Wagtail's user bar was made for an editor.
        return b"wagtail-userbar" not in response.content
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _fresh(entry, current, tags):
    if not isinstance(entry, tuple) or len(entry) != 6:
        return False  # absent, or written by an older version of this module
    return entry[0] == current and entry[1] == tags


def _response(request, status, headers, content):
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response[name] = value
    if request.method == "HEAD":
        response["Content-Length"] = str(len(content))
    return response


class PageCacheMiddleware:
    """Serves and stores cached pages; place it last in MIDDLEWARE so that the other
    middleware (visit counting, security headers, session, messages, CSRF cookie) still
    run on a page served from cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        nonce = getattr(request, "_page_cache_nonce", None)
        if nonce is None or response.get(HEADER) in ("hit", "shared"):
            return response
        regions = []
        if not response.streaming and response.get("Content-Type", "").startswith("text/html"):
            content, regions = _cut_regions(response.content, nonce)
            if regions:
                response.content = content
        personal = getattr(request, "_page_cache_personal", False)
        key = getattr(request, "_page_cache_key", None)
        if key is not None:
            if _storable(request, response, personal):
                try:
                    self._store(request, response, key, regions, personal)
                except Exception:  # noqa: BLE001 - the visitor still gets their page
                    log.warning("page cache: store failed", exc_info=True)
            else:
                response[HEADER] = "skip"
        # Give back what the personal regions used (see the `personal` tag): the CSRF
        # cookie and the messages shown must be handled as on any page.
        if getattr(request, "_page_cache_region_csrf", False):
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
        if getattr(request, "_page_cache_region_messages", False):
            request._messages.used = True
        if personal:
            patch_cache_control(response, private=True)
        return response

    def _store(self, request, response, key, regions, personal):
        content = response.content
        if personal:  # everyone's copy: the regions as an anonymous visitor sees them
            names = [name for _start, _end, name in regions]
            bodies = render_regions(_anonymous_request(request), names)
            content, regions = _splice(content, regions, bodies)
        current, tags = request._page_cache_generations
        entry = (
            current,
            tags,
            response.status_code,
            [
                (k, v)
                for k, v in response.items()
                if k.lower() not in ("set-cookie", HEADER.lower())
            ],
            content,
            regions,
        )
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        response[HEADER] = "miss"

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not enabled() or view_func not in _views:
            return None
        if eligible(request):
            personal = False
        elif personal_visitor(request):
            personal = True
        else:
            return None
        registration = _views[view_func]
        query = canonical_query(request, registration.form)
        if request.META.get("QUERY_STRING", "") != query:
            # The page sees only the parameters it reads, as the cache key does.
            request.GET = QueryDict(query)
            request.META["QUERY_STRING"] = query
        request.page_cache = True
        request._page_cache_nonce = secrets.token_hex(12)
        request._page_cache_personal = personal
        request._page_cache_registration = registration
        key = page_key(request, query)
        tags = []
        if registration.tags is not None:
            tags = sorted(set(registration.tags(request, view_args, view_kwargs)))
        tag_keys = [TAG_KEY + tag for tag in tags]
        try:
            entries = cache.get_many([GENERATION_KEY, key, *tag_keys])
            current = entries.get(GENERATION_KEY)
            if current is None:
                current = generation()
            tag_gens = tuple(entries.get(k) for k in tag_keys)
            entry = entries.get(key)
            if _fresh(entry, current, tag_gens) and None not in tag_gens:
                return self._serve(request, entry, personal)
            if None in tag_gens:
                started = tag_generations(tags)
                tag_gens = tuple(started[tag] for tag in tags)
        except Exception:  # noqa: BLE001 - a cache error is a miss
            log.warning("page cache: lookup failed", exc_info=True)
            return None
        request._page_cache_key = key
        request._page_cache_generations = (current, tag_gens)
        return None

    def _serve(self, request, entry, personal):
        _gen, _tags, status, headers, content, regions = entry
        if not personal:
            response = _response(request, status, headers, content)
            response[HEADER] = "hit"
            return response
        names = [name for _start, _end, name in regions]
        content, _regions = _splice(content, regions, render_regions(request, names))
        response = _response(request, status, headers, content)
        patch_cache_control(response, private=True)
        response[HEADER] = "shared"
        return response
