"""Wagtail's page routing and view-restriction check, through the cache.

Wagtail finds a page by walking the tree from the site's root: two queries for the root
(the page and its specific row), then two per URL segment, then two more to check view
restrictions on the page and its ancestors. An article at /tin-tuc/<slug>/ paid eight
queries before its own context. Pages move a few times a year, so:

- `CachedRouteMiddleware` (after the page cache in MIDDLEWARE: a cached page needs no
  route) remembers, per site and path, which page the walk ended on (its model, id and
  `url_path`) and how many segments it used. Next time the page is read with one query
  (its specific model by id) and asked to route the remaining segments, as Wagtail does
  (live check, routable sub-pages such as the news feeds). If the page was deleted or its
  `url_path` changed (slug edited, page moved), the full walk runs again, so a stale entry
  can never serve a page at an old address. Entries are keyed on a version that any page
  save, delete, move, publish or unpublish, and any site change, bumps.
- `any_view_restrictions()`: whether the site has any private page at all (a
  `PageViewRestriction` row). When it has none, `ViewRestrictionsMixin` answers Wagtail's
  check with an empty queryset instead of two queries. Saving or deleting a restriction
  drops the flag at once (and again on commit).

How long a change takes to reach other web processes: with Redis, at once; with the
per-process local-memory cache, `SITE_CACHE_LOCAL_SECONDS` (as for the site cache).
"""

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.http import Http404
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.pagecache import bump_generation, read_generation
from core.signals import on_save_or_delete
from core.sitecache import timeout

VERSION_KEY = "cms:routes:version"
ROUTE_KEY = "cms:route:{version}:{site}:{path}"
RESTRICTIONS_KEY = "cms:any-view-restriction"


def _version():
    return read_generation(VERSION_KEY)


def routes_version():
    """Changes whenever any page's address may have (also keys `cms.navigation`)."""
    return _version()


def forget_routes(**kwargs):
    """Every remembered route is stale from now on."""
    bump_generation(VERSION_KEY)


def _forget_routes_now_and_on_commit(sender=None, raw=False, **kwargs):
    if raw:
        return
    forget_routes()
    transaction.on_commit(forget_routes)  # a request between save and commit re-learned


def _segments(path):
    return [part for part in path.split("/") if part]


def _learn(request, path, site, key):
    """Wagtail's own walk; remember where it ended."""
    result = Page.route_for_request(request, path)
    if result is None:
        return
    page = result[0]
    root = Page.objects.filter(pk=site.root_page_id).values_list("url_path", flat=True).first()
    if root is None or not page.url_path.startswith(root):
        return
    used = len(_segments(page.url_path[len(root) :]))
    entry = (page.specific_class._meta.label_lower, page.pk, page.url_path, used)
    cache.set(key, entry, timeout())


def prime(request, path):
    """Set Wagtail's per-request route (`request._wagtail_route_for_request`) from the
    remembered entry, or learn it."""
    site = Site.find_for_request(request)
    if site is None:
        return
    segments = _segments(path)
    key = ROUTE_KEY.format(version=_version(), site=site.pk, path="/".join(segments))
    entry = cache.get(key)
    if entry is None:
        _learn(request, path, site, key)
        return
    label, pk, url_path, used = entry
    page = apps.get_model(label)._default_manager.filter(pk=pk).first()
    if page is None or page.url_path != url_path:
        cache.delete(key)
        _learn(request, path, site, key)
        return
    try:
        request._wagtail_route_for_request = page.route(request, segments[used:])
    except Http404:
        request._wagtail_route_for_request = None


class CachedRouteMiddleware:
    """Place after `core.pagecache.PageCacheMiddleware`: only a page that is rendered
    needs its route."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail import views as wagtail_views

        if view_func is wagtail_views.serve and not hasattr(request, "_wagtail_route_for_request"):
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            prime(request, path)
        return None


def any_view_restrictions():
    value = cache.get(RESTRICTIONS_KEY)
    if value is None:
        value = PageViewRestriction.objects.exists()
        cache.set(RESTRICTIONS_KEY, value, timeout())
    return value


def _forget_restrictions(sender=None, **kwargs):
    cache.delete(RESTRICTIONS_KEY)
    transaction.on_commit(lambda: cache.delete(RESTRICTIONS_KEY))


class ViewRestrictionsMixin:
    """For page models: no query for view restrictions while the site has none."""

    def get_view_restrictions(self):
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def connect(page_models):
    """Called from `CmsConfig.ready()` with the site's page models."""
    on_save_or_delete(_forget_routes_now_and_on_commit, Page, Site, *page_models, uid="routes")
    for signal, name in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
    ):
        signal.connect(_forget_routes_now_and_on_commit, dispatch_uid=f"routes-{name}")
    on_save_or_delete(_forget_restrictions, PageViewRestriction, uid="restr")
