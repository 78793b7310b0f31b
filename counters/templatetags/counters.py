"""`{% counter_beacon obj %}`: counting for pages served from a cache."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from counters.registry import kind_for

register = template.Library()


@register.simple_tag
def counter_beacon(obj):
    """For pages served from a cache: an invisible image that counts the visit and the
    view when the page is shown (instead of `record_view` in the cached view)."""
    kind = kind_for(obj)
    if kind is None or obj.pk is None:
        return ""
    url = reverse("counters:beacon", kwargs={"kind": kind, "pk": obj.pk})
    return format_html(
        '<img src="{}" alt="" width="1" height="1" class="counter-beacon" aria-hidden="true">',
        url,
    )
