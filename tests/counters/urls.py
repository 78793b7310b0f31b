"""A tiny product page for the counter tests, so they do not depend on the catalogue's
templates; the rest of the site's URLs are kept (health check, admin, static…)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from catalog.models import Product
from counters import record_view
from marketplace.urls import urlpatterns as site_urlpatterns


def product_page(request, pk):
    product = get_object_or_404(Product, pk=pk)
    record_view(request, product)
    return HttpResponse(f"<!DOCTYPE html><h1>{product.name}</h1>", content_type="text/html")


urlpatterns = [path("thu-dem/san-pham/<int:pk>/", product_page, name="counter_test_product")]
urlpatterns += site_urlpatterns
