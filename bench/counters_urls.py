"""A product page for the counters benchmark: the site's layout (header, footer with the
market figures) around a product, recording a view like the catalogue's page does."""

from django.shortcuts import get_object_or_404, render
from django.urls import path

from catalog.models import Product
from counters import record_view
from marketplace.urls import urlpatterns as site_urlpatterns


def product_page(request, pk):
    product = get_object_or_404(Product.objects.select_related("booth"), pk=pk)
    record_view(request, product)
    return render(request, "bench/counters_product.html", {"product": product})


urlpatterns = [path("bench/san-pham/<int:pk>/", product_page)]
urlpatterns += site_urlpatterns
