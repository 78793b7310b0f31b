from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpResponse
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
@cache_page(60 * 10)
def sitemap_xml(request):
    return django_sitemap(request, sitemaps=build_sitemaps(request))
