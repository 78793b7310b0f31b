"""The default Wagtail site follows SITE_URL: share links, JSON-LD and the pages sitemap."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.test import override_settings
from wagtail.models import Site

pytestmark = pytest.mark.django_db
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://cho.example.vn", ("cho.example.vn", 443)),
        ("https://Cho.Example.vn/", ("cho.example.vn", 443)),
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("http://cho.example.vn", ("cho.example.vn", 80)),
    ],
)
def test_site_address(url, expected):
    from cms.site_setup import site_address

    assert site_address(url) == expected


@pytest.mark.parametrize(
    "url", ["cho.example.vn", "ftp://cho.example.vn", "https://cho.example.vn:8443"]
)
def test_an_address_wagtail_cannot_express_is_refused(url):
    from cms.site_setup import site_address

    with pytest.raises(ValueError):
        site_address(url)


@override_settings(
    SITE_URL="https://cho.example.vn", ALLOWED_HOSTS=["cho.example.vn", "testserver"]
)
def test_share_links_json_ld_and_sitemap_use_the_site_address(client, make_article):
    article = make_article(title="Phiên chợ vải thiều")
    emit_post_migrate_signal(0, False, "default")  # what every migrate ends with
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "https://cho.example.vn"

    html = client.get(article.url, HTTP_HOST="cho.example.vn", secure=True).content.decode()
    expected = f"https://cho.example.vn{article.url}"
    assert "localhost" not in html
    assert f"u={expected.replace(':', '%3A').replace('/', '%2F')}" in html  # Facebook and Zalo
    data = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    article_data = next(d for d in data if d.get("@type") in ("NewsArticle", "Article"))
    assert article_data["mainEntityOfPage"] == expected

    pages = client.get("/sitemap-pages.xml", HTTP_HOST="cho.example.vn", secure=True)
    locations = [loc.text for loc in ET.fromstring(pages.content).iter(f"{NS}loc")]
    assert expected in locations
    assert all(loc.startswith("https://cho.example.vn/") for loc in locations)


def test_the_command_sets_the_address_and_refuses_a_bad_one(home):
    from django.core.management.base import CommandError

    call_command("set_site_address", "http://127.0.0.1:8000", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"
    with pytest.raises(CommandError):
        call_command("set_site_address", "cho.example.vn")
