"""Tags used on every page: money in whole đồng, grouped figures, language paths, JSON-LD."""

from django import template
from django.utils.formats import number_format

from core import seo
from core.i18n import localize_path
from core.links import safe_link, safe_url
from core.seo import json_ld_script
from core.text import plain_text, tel_uri

register = template.Library()


def format_number(value):
    """21926040 -> "21.926.040" in Vietnamese, "21,926,040" in English."""
    try:
        value = int(value)
    except (TypeError, ValueError):
        return ""
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def format_vnd(value):
    """85000 -> "85.000 ₫"."""
    text = format_number(value)
    return f"{text}\u00a0₫" if text else ""


def format_compact(value):
    """Short figures for chart axes: 5.000, 250k, 2,5 tr (Vietnamese) / 2.5M (English)."""
    from django.utils.translation import gettext

    try:
        value = int(value)
    except (TypeError, ValueError):
        return ""
    for size, suffix in (
        (1_000_000_000, gettext("%(n)s bn")),
        (1_000_000, gettext("%(n)s M")),
        (10_000, gettext("%(n)sk")),
    ):
        if abs(value) >= size:
            scaled = round(value / size, 1)
            places = 0 if scaled == int(scaled) else 1
            return suffix % {"n": number_format(scaled, decimal_pos=places, use_l10n=True)}
    return format_number(value)


register.filter("figure", format_number)
register.filter("compact_figure", format_compact)
register.filter("vnd", format_vnd)
# Editor- and seller-typed addresses: `{{ value.url|safe_url }}` (core/links.py).
register.filter("safe_url", safe_url)
register.filter("safe_link", safe_link)
register.filter("tel", tel_uri)


@register.filter
def plain(html):
    """Rich text as one line of plain text, blocks apart (meta descriptions)."""
    return plain_text(html, separator=" ")


@register.simple_tag
def localized_path(path):
    """A site path in the current language (none for Vietnamese, /en/… for English)."""
    return localize_path(path)


@register.filter
def json_ld(data):
    """`{{ data|json_ld }}`: a dict as a safe `<script type="application/ld+json">`."""
    return json_ld_script(data)


@register.inclusion_tag("components/stars.html")
def stars(value, count=None):
    """Five stars filled to *value* (0–5, rounded to the nearest whole star), with a text
    for screen readers; with *count*, "4,5 (12 reviews)" beside them."""
    value = float(value or 0)
    full = min(5, max(0, int(value + 0.5)))
    return {"value": value, "full": range(full), "empty": range(5 - full), "count": count}


@register.simple_tag(takes_context=True)
def canonical_url(context, keep_page=False):
    """This page's absolute address (see `core.seo.canonical_url`)."""
    request = context.get("request")
    return seo.canonical_url(request, keep_page) if request is not None else ""


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """[(language code, absolute URL)] of this page in every site language."""
    request = context.get("request")
    return seo.language_alternates(request) if request is not None else []


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """A media or site URL as an absolute address, never prefixed twice (S3 URLs already
    are absolute)."""
    request = context.get("request")
    return seo.absolute_url(request, url) if request is not None else url
