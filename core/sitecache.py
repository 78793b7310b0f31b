"""Wagtail sites and site settings from the cache.

Every page needs the current `Site` (Wagtail finds it with a query per request) and the
site settings the header and footer show (a `get_or_create` per model per request). They
change a few times a year, so they are kept in the cache and dropped when they are saved:

- `CachedSiteMiddleware` resolves the request's site from a cached list of all sites, with
  the same ranking as `wagtail.models.sites.get_site_for_hostname`, and stores it where
  `Site.find_for_request` looks first (`request._wagtail_site`).
- `CachedSiteSetting.for_site` is `BaseSiteSetting.for_site` through the cache.

Cached sites are stored without their root page, so pages are always read fresh.

How long a change takes to show everywhere: with a shared cache (Redis), saving drops the
copy every web process reads, so the next request anywhere sees it. A local-memory cache
lives in one process, and saving drops only that process's copy: there the copies last
`SITE_CACHE_LOCAL_SECONDS` (5 s), so other workers catch up that quickly.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Site

from core import pagecache

SITES_KEY = "market:sites"
SETTING_KEY = "market:setting:{label}:{site}"
TIMEOUT = 600
LOCAL_BACKENDS = ("locmem", "dummy")


def timeout():
    """Seconds a copy lasts: long in a shared cache (saving drops it), short in a
    per-process one (saving in one process cannot reach the others)."""
    backend = settings.CACHES["default"]["BACKEND"].lower()
    if any(name in backend for name in LOCAL_BACKENDS):
        return getattr(settings, "SITE_CACHE_LOCAL_SECONDS", 5)
    return TIMEOUT


def all_sites():
    sites = cache.get(SITES_KEY)
    if sites is None:
        sites = list(Site.objects.order_by("pk"))
        cache.set(SITES_KEY, sites, timeout())
    return sites


def site_for_host(hostname, port):
    """The site Wagtail would pick for *hostname* and *port*, or None."""
    ranked = []
    for site in all_sites():
        if site.hostname == hostname and site.port == port:
            rank = 0
        elif site.hostname == hostname and site.is_default_site:
            rank = 1
        elif site.is_default_site:
            rank = 2
        elif site.hostname == hostname:
            rank = 3
        else:
            continue
        ranked.append((rank, site))
    ranked.sort(key=lambda pair: pair[0])
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][0] in (0, 1):
        return ranked[0][1]
    if ranked[0][0] == 2:
        # the default site, unless exactly one site matches the hostname
        return ranked[len(ranked) == 2][1]
    return None


def invalidate_sites(**kwargs):
    cache.delete(SITES_KEY)
    pagecache.purge()


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request._get_raw_host())[0]
        try:
            port = int(request.get_port())
        except (TypeError, ValueError):
            port = None
        request._wagtail_site = site_for_host(hostname, port)
        return self.get_response(request)


class CachedSiteSetting(BaseSiteSetting):
    """A site setting read through the cache; saving or deleting it drops the copy."""

    class Meta:
        abstract = True

    @classmethod
    def cache_key(cls, site_id):
        return SETTING_KEY.format(label=cls._meta.label_lower, site=site_id)

    @classmethod
    def for_site(cls, site):
        if site is None:
            return super().for_site(site)
        key = cls.cache_key(site.pk)
        instance = cache.get(key)
        if instance is None:
            instance = super().for_site(site)
            cache.set(key, instance, timeout())
        return instance


def invalidate_setting(sender, instance, created=False, **kwargs):
    if isinstance(instance, CachedSiteSetting):
        cache.delete(instance.cache_key(instance.site_id))
        if not created:  # a row made with its defaults the first time it is read
            pagecache.purge()  # header, footer and menus are on every page


post_save.connect(invalidate_sites, sender=Site, dispatch_uid="market-sites-save")
post_delete.connect(invalidate_sites, sender=Site, dispatch_uid="market-sites-delete")
post_save.connect(invalidate_setting, dispatch_uid="market-setting-save")
post_delete.connect(invalidate_setting, dispatch_uid="market-setting-delete")
