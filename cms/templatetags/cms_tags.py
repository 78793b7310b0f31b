"""Template helpers for the CMS: menu links, language alternates, share links."""

from urllib.parse import quote

from django import template
from django.utils.safestring import mark_safe
from wagtail.templatetags.wagtailcore_tags import richtext

from cms import navigation
from cms.sanitize import clean_html
from core import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def link_href(context, link=None, page=None, url=None):
    """The address of a menu/footer link: its page, or its address (site paths localised)."""
    if link is not None:
        page, url = link.get("page"), link.get("url")
    return navigation.href(context.get("request"), page, url)


@register.simple_tag(takes_context=True)
def navigation_links(context):
    """The main menu and footer columns, resolved (`cms.navigation.links`)."""
    request = context.get("request")
    if request is None:
        return {"main_menu": [], "footer_columns": []}
    return navigation.links(request)


@register.simple_tag(takes_context=True)
def og_rendition(context, page):
    """{url, width, height} of *page*'s share image ({} without one)."""
    specific = getattr(page, "specific", page)
    if not hasattr(specific, "og_rendition"):
        return {}
    return specific.og_rendition(context.get("request"))


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """[(language code, absolute URL)] of this page in every site language."""
    request = context.get("request")
    return seo.language_alternates(request) if request is not None else []


@register.simple_tag(takes_context=True)
def canonical_url(context, keep_page=False):
    """This page's address; with *keep_page*, a well-formed ?page= above 1 is kept."""
    request = context.get("request")
    return seo.canonical_url(request, keep_page) if request is not None else ""


@register.simple_tag
def share_links(url, title=""):
    """Plain share links: no third-party script is loaded."""
    quoted = quote(url, safe="")
    return {
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={quoted}",
        "zalo": f"https://sp.zalo.me/share_to_zalo?u={quoted}&t={quote(title, safe='')}",
        "url": url,
    }


@register.filter
def clean_richtext(value):
    """Wagtail rich text expanded to HTML, then cleaned by the allow-list sanitiser."""
    return mark_safe(clean_html(richtext(value)))
