"""sitemap.xml: live public pages, public products and public booths."""

from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import Sitemap as PageSitemap


class _ModelSitemap(Sitemap):
    """Django's sitemap takes the domain from the request (no sites framework here)."""

    limit = 5000

    def __init__(self, request=None):
        self.request = request


class ProductSitemap(_ModelSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        from catalog.models import Product

        return Product.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, product):
        return product.updated_at


class BoothSitemap(_ModelSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        from shops.models import Booth

        return Booth.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, booth):
        return booth.updated_at


SITEMAPS = {"pages": PageSitemap, "products": ProductSitemap, "booths": BoothSitemap}


def build_sitemaps(request):
    return {name: cls(request) for name, cls in SITEMAPS.items()}
