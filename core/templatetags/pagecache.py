"""`{% csrf_field %}`: the CSRF input of a form that may appear on a cached page."""

from django import template
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def csrf_field(context):
    """`{% csrf_token %}` for a visitor with a personal page; on a page that may be served
    from the page cache to anyone (core.pagecache), an empty input that `static/js/csrf.js`
    fills from the `csrf_token` endpoint when the form is submitted."""
    request = context.get("request")
    if request is None:
        return ""
    if getattr(request, "page_cache", False):
        return format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="" data-csrf-url="{}">',
            reverse("csrf_token"),
        )
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
