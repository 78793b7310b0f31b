"""Template helpers for the CMS: menu links, language alternates, share links."""

from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe
from wagtail.templatetags.wagtailcore_tags import richtext

from cms.sanitize import clean_html
from core.i18n import localize_path

register = template.Library()


@register.simple_tag(takes_context=True)
def link_href(context, link=None, page=None, url=None):
    """The address of a menu/footer link: its page, or its address (site paths localised)."""
    if link is not None:
        page, url = link.get("page"), link.get("url")
    if page is not None:
        page_url = page.get_url(context.get("request"))
        if page_url:
            return page_url
    return localize_path(url or "#")


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """[(language code, absolute URL)] of this page in every site language."""
    request = context.get("request")
    if request is None:
        return []
    path = request.path
    alternates = []
    for code, _name in settings.LANGUAGES:
        alternates.append((code, request.build_absolute_uri(translate_url(path, code))))
    return alternates


@register.simple_tag(takes_context=True)
def canonical_url(context, keep_page=False):
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    page_number = request.GET.get("page")
    if keep_page and page_number and page_number.isdigit() and page_number != "1":
        url = f"{url}?page={page_number}"
    return url


@register.simple_tag
def share_links(url, title=""):
    """Plain share links: no third-party script is loaded."""
    quoted = quote(url, safe="")
    return {
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={quoted}",
        "zalo": f"https://sp.zalo.me/share_to_zalo?u={quoted}&t={quote(title, safe='')}",
        "url": url,
    }


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (None removes one)."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else None
    if params is None:
        return ""
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def clean_richtext(value):
    """Wagtail rich text expanded to HTML, then cleaned by the allow-list sanitiser."""
    return mark_safe(clean_html(richtext(value)))
