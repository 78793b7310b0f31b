"""Structured data for search engines: one safe way to put JSON-LD in a page."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# Inside <script> only "</script" (or "<!--") could end or confuse the element; escaping
# <, > and & as JSON \u escapes keeps the text valid JSON with the same meaning.
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld_script(data):
    """*data* (a dict) as a `<script type="application/ld+json">` element, safe in HTML."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 — <, > and & are escaped above


def canonical_url(request, keep_page=False):
    """The page's address without its query; with *keep_page*, a well-formed ?page= above 1
    is kept (page 2 of a list is its own page for search engines)."""
    url = request.build_absolute_uri(request.path)
    page_number = (request.GET.get("page") or "").lstrip("0")
    if keep_page and page_number.isascii() and page_number.isdigit() and page_number != "1":
        url = f"{url}?page={page_number}"
    return url


def language_alternates(request):
    """[(language code, absolute URL)] of this page in every site language, the site's own
    language first (the `x-default` one)."""
    from django.conf import settings
    from django.urls import translate_url

    codes = sorted(
        (code for code, _name in settings.LANGUAGES), key=lambda c: c != settings.LANGUAGE_CODE
    )
    return [(code, request.build_absolute_uri(translate_url(request.path, code))) for code in codes]


def absolute_url(request, url):
    """*url* as an absolute address. A rendition's `.url` is a site path ("/media/…") with
    local storage and already absolute on S3 or a CDN: `build_absolute_uri` adds the
    request's scheme and host to the first and keeps the others as they are (never twice)."""
    return request.build_absolute_uri(url) if url else ""
