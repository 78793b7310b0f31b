"""`{% csrf_field %}`: the CSRF input of a form that may appear on a cached page;
`{% personal %}`: a region of a cached page rendered for each visitor."""

from django import template
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.pagecache import region_markers

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


@register.simple_tag(takes_context=True)
def personal(context, template_name):
    """`{% personal "components/personal/x.html" %}`: a region of the page that differs
    between visitors (core.pagecache). Rendered in place like `{% include %}`; on a page
    made for the page cache it is wrapped in markers that the middleware cuts out, so the
    region can be rendered alone (with a RequestContext: the template may use only what
    the context processors give) and spliced into the shared page for each visitor.

    A CSRF token or messages used inside the region do not make the page personal: the
    marks they leave on the request are taken off here and given back by the middleware
    once it has decided whether to store the page."""
    request = context.get("request")
    template = context.template.engine.get_template(template_name)
    markers = region_markers(request, template_name) if request is not None else None
    if markers is None:
        with context.push():
            return mark_safe(template.render(context))  # noqa: S308 - a template's output
    meta = request.META
    csrf_before = meta.get("CSRF_COOKIE_NEEDS_UPDATE")
    storage = getattr(request, "_messages", None)
    used_before = getattr(storage, "used", False)
    with context.push():
        html = template.render(context)
    if not csrf_before and meta.pop("CSRF_COOKIE_NEEDS_UPDATE", None):
        request._page_cache_region_csrf = True
    if storage is not None and storage.used and not used_before:
        storage.used = False
        request._page_cache_region_messages = True
    return mark_safe(markers[0] + html + markers[1])  # noqa: S308
