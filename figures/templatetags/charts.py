"""`{% bar_chart series title %}`: a daily figure as an accessible SVG bar chart."""

import itertools

from django import template

from figures.charts import bar_chart as build_chart

register = template.Library()
_ids = itertools.count(1)


@register.inclusion_tag("figures/charts/bar_chart.html")
def bar_chart(series, title, unit=""):
    chart = build_chart(series)
    chart.update({"title": title, "unit": unit, "chart_id": f"chart-{next(_ids)}"})
    return chart
