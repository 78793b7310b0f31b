"""The site's URLs plus a trivial view: the ceiling every page is measured against."""

from django.http import HttpResponse
from django.urls import path

from marketplace.urls import urlpatterns as site_urlpatterns


def trivial(request):
    return HttpResponse("<!DOCTYPE html><title>ok</title><p>ok</p>", content_type="text/html")


urlpatterns = [path("bench/trivial/", trivial)] + site_urlpatterns
