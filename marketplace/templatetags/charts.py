"""`{% bar_chart series title %}`: a daily figure as an accessible SVG bar chart."""

import itertools

from django import template

from marketplace.charts import bar_chart as build_chart

register = template.Library()
_ids = itertools.count(1)


@register.inclusion_tag("marketplace/charts/bar_chart.html")
def bar_chart(series, title, unit=""):
    chart = build_chart(series)
    chart.update({"title": title, "unit": unit, "chart_id": f"chart-{next(_ids)}"})
    return chart


@register.simple_tag
def counter_beacon(obj):
    """For pages served from a cache: an invisible image that counts the visit and the
    view when the page is shown (instead of `record_view` in the cached view)."""
    from django.urls import reverse
    from django.utils.html import format_html

    from marketplace.counters.tracking import kind_for

    kind = kind_for(obj)
    if kind is None or obj.pk is None:
        return ""
    url = reverse("stats:beacon", kwargs={"kind": kind, "pk": obj.pk})
    return format_html(
        '<img src="{}" alt="" width="1" height="1" class="counter-beacon" '
        'style="position:absolute;width:1px;height:1px;opacity:0" aria-hidden="true">',
        url,
    )
