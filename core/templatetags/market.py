"""Formatting used on every page: money in whole đồng and grouped figures."""

from django import template
from django.utils.formats import number_format

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


@register.simple_tag(takes_context=True)
def localized_path(context, path):
    """Prefix a site path with the current language (none for Vietnamese, /en for English)."""
    from django.conf import settings
    from django.utils.translation import get_language

    lang = get_language() or settings.LANGUAGE_CODE
    if lang == settings.LANGUAGE_CODE:
        return path
    return f"/{lang}{path}"
