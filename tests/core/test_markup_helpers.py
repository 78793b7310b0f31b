"""The small helpers behind the page markup: tel: links, plain text, absolute URLs, lang."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from core.seo import absolute_url
from core.text import plain_text, tel_uri


@pytest.mark.parametrize(
    ("typed", "uri"),
    [
        ("0912 345 678", "tel:0912345678"),
        ("(0204) 3.854.123", "tel:02043854123"),
        ("+84 912-345-678", "tel:+84912345678"),
        ("", ""),
        ("gọi sau", ""),
    ],
)
def test_tel_uri_keeps_only_what_a_phone_dials(typed, uri):
    assert tel_uri(typed) == uri


def test_plain_text_keeps_paragraphs_apart():
    html = (
        "<p>Đóng gói kỹ.</p><p>Giao trong ngày &amp; đổi trả.</p><ul><li>Một</li><li>Hai</li></ul>"
    )
    assert plain_text(html) == "Đóng gói kỹ.\nGiao trong ngày & đổi trả.\nMột\nHai"
    assert plain_text("Dòng một<br>dòng   hai", separator=" ") == "Dòng một dòng hai"


def test_absolute_url_prefixes_site_paths_once_and_keeps_storage_urls():
    request = RequestFactory().get("/", HTTP_HOST="cho.example.vn", secure=True)
    assert (
        absolute_url(request, "/media/images/a.jpg") == "https://cho.example.vn/media/images/a.jpg"
    )
    s3 = "https://s3.example.com/bucket/images/a.jpg?X-Amz-Signature=1"
    assert absolute_url(request, s3) == s3
    assert absolute_url(request, "//cdn.example.com/a.jpg") == "https://cdn.example.com/a.jpg"
    assert absolute_url(request, "") == ""


def test_lang_attr_marks_vietnamese_content_only_on_pages_in_another_language():
    template = Template("{% load translated %}<h1{% lang_attr %}>Vải thiều</h1>")
    with translation.override("en"):
        assert template.render(Context()) == '<h1 lang="vi">Vải thiều</h1>'
    with translation.override("vi"):
        assert template.render(Context()) == "<h1>Vải thiều</h1>"
