"""The site's URLs plus one page that refuses everyone (to show the 403 page)."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.urls import path

from marketplace.urls import urlpatterns as site_urlpatterns


def refuse(request):
    raise PermissionDenied


urlpatterns = [
    *i18n_patterns(path("cam-vao/", refuse), prefix_default_language=False),
    *site_urlpatterns,
]
