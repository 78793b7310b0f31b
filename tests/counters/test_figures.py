"""The footer's visit figure: starting figure + flushed visits, refreshed after a flush."""

import pytest
from django.test import Client
from wagtail.models import Site

from core.models import SiteSettings

from .conftest import BROWSER_UA

pytestmark = pytest.mark.django_db


def footer_visits(client):
    html = client.get("/", HTTP_USER_AGENT=BROWSER_UA).content.decode()
    start = html.index('data-figure="visits">') + len('data-figure="visits">')
    return html[start : html.index("<", start)]


def test_the_footer_adds_flushed_visits_to_the_starting_figure(counter_backend):
    from counters import flush

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.visits_offset = 21_926_000
    site_settings.save()

    first = Client()
    assert footer_visits(first) == "21.926.000"  # this page's own visit is still buffered
    for _ in range(39):
        Client().get("/", HTTP_USER_AGENT=BROWSER_UA)
    # The figure is cached: still the old value until the flush refreshes it.
    assert footer_visits(first) == "21.926.000"
    flush()
    assert footer_visits(first) == "21.926.040"


def test_flush_is_still_a_function_after_its_module_is_imported():
    import counters.flushing  # noqa: F401
    from counters import flush

    assert callable(flush) and flush()["keys"] == 0
