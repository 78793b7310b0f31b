"""Make sure the Wagtail tree has the market's home page and a default site.

The data migration `cms.0002_create_homepage` does this on a fresh database; this
function does the same with the real models for places where the tree may have been
emptied (transactional tests flush every table) and is used by `seed_demo`.
"""

from django.db import transaction


@transaction.atomic
def ensure_home_page():
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage

    if not Locale.objects.exists():
        Locale.objects.create(language_code="vi")
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        if root is None:
            root = Page.add_root(title="Root", slug="root")
        Page.objects.filter(depth=2, slug="home").delete()
        root.refresh_from_db()
        home = root.add_child(instance=HomePage(title="Chợ Tỉnh", slug="trang-chu"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        hostname, port = site_address(settings.SITE_URL)
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Chợ Tỉnh",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


def site_address(url):
    """(hostname, port) of a site address: "https://cho.example.vn" -> ("cho.example.vn", 443).

    Wagtail builds a page's full URL (share links, JSON-LD, the pages sitemap) from its
    Site: port 443 reads as https://host, 80 as http://host, any other as http://host:port.
    """
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"SITE_URL must be http(s)://host[:port], not {url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "https" and port != 443:
        raise ValueError(f"Wagtail reads any port but 443 as plain http: {url!r}")
    return parts.hostname.lower(), port


def apply_site_url(url=None):
    """Point the default Wagtail site at ``SITE_URL``; returns the site, or None if none yet.

    Runs after every ``migrate`` (``core.permissions.after_migrate``), so ``make run`` and
    a deploy follow the configured address; ``manage.py set_site_address`` runs it alone.
    Another site already holding that host and port is left alone (a ValueError says so).
    """
    from django.conf import settings
    from wagtail.models import Site

    from core import pagecache

    hostname, port = site_address(url or settings.SITE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return site
    if Site.objects.exclude(pk=site.pk).filter(hostname=hostname, port=port).exists():
        raise ValueError(f"another Wagtail site already answers for {hostname}:{port}")
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    pagecache.purge_on_commit()  # cached pages carry the old address
    return site


def apply_site_url_after_migrate():
    """``apply_site_url`` without failing the migration: a bad address is logged."""
    import logging

    try:
        apply_site_url()
    except ValueError as exc:
        logging.getLogger(__name__).warning("SITE_URL not applied to the Wagtail site: %s", exc)
