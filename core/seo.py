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
