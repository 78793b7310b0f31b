"""core.seo (JSON-LD) and core.i18n (language prefix): one helper each for every app."""

import json
import re

import pytest
from django.template import Context, Template
from django.utils import translation

from core.i18n import localize_path
from core.seo import json_ld_script


def test_json_ld_cannot_close_the_script_element_and_reads_back_the_same():
    data = {"name": "Mật ong </script><script>alert(1)</script> & <!-- hoa vải"}
    html = json_ld_script(data)
    match = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', html, re.S)
    body = match.group(1)
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == data


def test_json_ld_filter_renders_nothing_for_no_data():
    template = Template("{% load market %}[{{ data|json_ld }}]")
    assert template.render(Context({"data": None})) == "[]"
    rendered = template.render(Context({"data": {"@type": "Product", "name": "Vải"}}))
    assert rendered.startswith('[<script type="application/ld+json">{"@type":"Product"')


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/tin-tuc/", "vi", "/tin-tuc/"),
        ("/tin-tuc/", "en", "/en/tin-tuc/"),
        ("/en/tin-tuc/", "en", "/en/tin-tuc/"),
        ("/en", "en", "/en"),
        ("https://dichvucong.gov.vn/", "en", "https://dichvucong.gov.vn/"),
        ("//cdn.example/x", "en", "//cdn.example/x"),
        ("#", "en", "#"),
    ],
)
def test_localize_path(path, language, expected):
    assert localize_path(path, language) == expected


def test_localized_path_tag_follows_the_active_language():
    template = Template("{% load market %}{% localized_path '/san-pham/' %}")
    with translation.override("en"):
        assert template.render(Context()) == "/en/san-pham/"
    with translation.override("vi"):
        assert template.render(Context()) == "/san-pham/"
