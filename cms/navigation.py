"""The main menu's and the footer's links, resolved once and kept in the cache.

`NavigationSettings` comes from the site cache (`core.sitecache`), but its StreamFields
are kept there as their raw JSON (a `StreamValue` pickles as its data): reading a link's
page decoded the menu and the footer again on every page, one `wagtailcore_page` query
each, then asked each page for its address. The links change a few times a year, so
`links(request)` keeps what the templates show — label, English label, address — as plain
data:

- keyed on the site, the language (a page's address under /en/ has the prefix), the
  cached routes' version (`cms.routing`: bumped by any page save, delete, move, publish or
  unpublish and any site change, so a page's new slug shows at once) and a digest of the
  menus' raw data (saving the setting drops its cached copy, so the next read brings the
  new data and a new digest, even after a queryset update);
- kept as long as the site cache's copies (`core.sitecache.timeout`); a cache error is a
  miss, and the links are resolved as before.
"""

import contextlib
import hashlib
import json

from django.core.cache import cache
from django.utils.translation import get_language

from core.i18n import localize_path
from core.links import safe_link
from core.sitecache import timeout

KEY = "cms:nav:{site}:{language}:{routes}:{digest}"


def href(request, page=None, url=None):
    """A link's address: its page's, or its own (site paths localised)."""
    if page is not None:
        page_url = page.get_url(request)
        if page_url:
            return page_url
    return localize_path(safe_link(url) or "#")


def _link(request, link):
    return {
        "label": link.get("label") or "",
        "label_en": link.get("label_en") or "",
        "href": href(request, link.get("page"), link.get("url")),
    }


def resolve(request, nav):
    """{"main_menu": [link], "footer_columns": [{title, title_en, links: [link]}]}, each
    link {label, label_en, href}: plain data, nothing left to read."""
    return {
        "main_menu": [_link(request, item.value) for item in nav.main_menu],
        "footer_columns": [
            {
                "title": column.value.get("title") or "",
                "title_en": column.value.get("title_en") or "",
                "links": [_link(request, link) for link in column.value.get("links") or []],
            }
            for column in nav.footer_columns
        ],
    }


def _digest(nav):
    raw = [nav.main_menu.get_prep_value(), nav.footer_columns.get_prep_value()]
    return hashlib.sha1(
        json.dumps(raw, sort_keys=True, default=str).encode(), usedforsecurity=False
    ).hexdigest()


def links(request):
    """The resolved menus of the request's site, from the cache; once per request."""
    found = getattr(request, "_cms_navigation", None)
    if found is not None:
        return found
    from wagtail.models import Site

    from cms.models import NavigationSettings
    from cms.routing import routes_version

    site = Site.find_for_request(request)
    nav = NavigationSettings.for_request(request) if site is not None else None
    if nav is None:
        return {"main_menu": [], "footer_columns": []}
    key = None
    try:
        key = KEY.format(
            site=site.pk, language=get_language(), routes=routes_version(), digest=_digest(nav)
        )
        found = cache.get(key)
    except Exception:  # noqa: BLE001 - cache down: resolve them as before
        found = None
    if found is None:
        found = resolve(request, nav)
        if key is not None:
            with contextlib.suppress(Exception):
                cache.set(key, found, timeout())
    request._cms_navigation = found
    return found
