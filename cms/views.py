from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from cms.sitemaps import build_sitemaps

ROBOTS_DISALLOW = [
    "/cms-admin/",
    "/django-admin/",
    "/tai-khoan/",
    "/kenh-nguoi-ban/",
    "/gio-hang/",
    "/tim-kiem/",
]


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("cms:sitemap"))
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
    lines += ["", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_page(60 * 5)
def sitemap_index(request):
    """sitemap.xml: an index of the section sitemaps (pages, products, booths), each
    split into pages of 5 000 addresses so 100 000 products stay within the protocol."""
    return sitemap_views.index(
        request, sitemaps=build_sitemaps(request), sitemap_url_name="cms:sitemap_section"
    )


@require_GET
@cache_page(60 * 5)
def sitemap_section(request, section):
    sitemaps = build_sitemaps(request)
    if section not in sitemaps:
        raise Http404
    return sitemap_views.sitemap(request, sitemaps=sitemaps, section=section)
