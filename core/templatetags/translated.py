"""English twins of editor-typed names, and ``lang="vi"`` on Vietnamese inside English pages.

{% load translated %}
{{ category|tr:"name" }}                 name_en under /en/, Vietnamese otherwise
<h3{% lang_attr product %}>…</h3>         ' lang="vi"' on English pages (seller-typed)
<a{% lang_attr category "name" %}>…</a>  ' lang="vi"' only when the English is missing
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from core.translation import is_fallback, translated, wants_english

register = template.Library()

LANG_VI = mark_safe(' lang="vi"')


@register.filter(name="tr")
def tr(obj, field="name"):
    return translated(obj, field)


@register.simple_tag
def lang_attr(obj=None, field=None):
    """' lang="vi"' when Vietnamese text is shown on an English page.

    Without *field*, *obj* is content that stays as its author wrote it (products, booths,
    people's names, articles): marked on every English page. With *field*, only when that
    field's English twin is empty and the Vietnamese shows through."""
    if not wants_english():
        return ""
    if field and not is_fallback(obj, field):
        return ""
    return LANG_VI


@register.simple_tag
def page_title(page):
    """A Wagtail page's title for <title>: the English title under /en/ when there is one,
    the SEO title or the title otherwise."""
    if not hasattr(page, "title"):
        return ""  # a page number, not a Wagtail page
    if wants_english() and getattr(page, "title_en", ""):
        return page.title_en
    return getattr(page, "seo_title", "") or page.title


@register.filter
def vi_span(value):
    """Seller-typed words inside a translated sentence ("5 hộp available"): wrapped in
    ``<span lang="vi">`` on English pages, plain (escaped) text on Vietnamese ones."""
    text = conditional_escape(value)
    if not wants_english():
        return text
    return format_html('<span lang="vi">{}</span>', text)
