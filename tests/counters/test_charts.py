"""The SVG bar chart renders with no data, one day and 90 days."""

import re
from datetime import date, timedelta

import pytest
from django.template import Context, Template

from figures.charts import bar_chart, nice_ceiling


def render(series, title="Lượt xem mỗi ngày"):
    template = Template("{% load charts %}{% bar_chart series title %}")
    return template.render(Context({"series": series, "title": title}))


def bars(html):
    return re.findall(r'<rect class="chart__bar"[^>]*data-value="(\d+)"', html)


def test_no_data_renders_an_empty_chart_with_a_message():
    html = render([])
    assert "<svg" in html and bars(html) == []
    assert "No data yet for this period" in html or "Chưa có số liệu" in html


def test_a_period_of_zeros_says_there_is_no_data_yet():
    series = [(date(2026, 11, 1) + timedelta(days=i), 0) for i in range(30)]
    html = render(series)
    assert len(bars(html)) == 30
    assert "chart__empty" in html


def test_one_day():
    html = render([(date(2026, 11, 21), 7)])
    assert bars(html) == ["7"]
    assert "chart__empty" not in html
    assert "21/11" in html  # the day under the bar


def test_ninety_days_keep_every_bar_inside_the_drawing_and_few_labels():
    start = date(2026, 8, 24)
    series = [(start + timedelta(days=i), (i * 37) % 120) for i in range(90)]
    chart = bar_chart(series)
    assert len(chart["bars"]) == 90
    assert all(
        chart["left"] <= b.x and b.x + b.width <= chart["right_edge"] + 0.01 for b in chart["bars"]
    )
    assert all(0 <= b.y <= chart["baseline"] for b in chart["bars"])
    tallest = max(chart["bars"], key=lambda b: b.value)
    assert tallest.value == max(v for _d, v in series)
    assert tallest.height > 0 and tallest.y >= 12  # scaled to fit under the top
    assert len(chart["x_labels"]) == 5
    html = render(series)
    assert len(bars(html)) == 90
    assert html.count("<tr>") == 91  # the figures as a table too: header + 90 days


@pytest.mark.parametrize(
    "value, expected", [(0, 1), (1, 1), (3, 5), (7, 10), (12, 20), (120, 200), (5000, 5000)]
)
def test_the_scale_rounds_up_to_a_readable_figure(value, expected):
    assert nice_ceiling(value) == expected


def test_coordinates_are_plain_numbers_in_vietnamese():
    """Vietnamese writes 12,5 for 12.5: SVG coordinates must not be localised."""
    from django.utils import translation

    series = [(date(2026, 11, 1) + timedelta(days=i), 1234 * i) for i in range(7)]
    with translation.override("vi"):
        html = render(series)
    for name, value in re.findall(r' (x|y|x1|x2|y1|y2|width|height)="([^"]*)"', html):
        assert re.fullmatch(r"-?\d+(\.\d+)?", value), (name, value)
    assert "7.404" in html  # the figures themselves keep Vietnamese grouping


def test_money_axis_labels_are_short_enough_to_fit(settings):
    """A revenue chart's axis reads "2 tr", not a figure cut off at the edge."""
    from django.utils import translation

    series = [(date(2026, 11, 20), 1_450_000), (date(2026, 11, 21), 2_045_000)]
    with translation.override("vi"):
        html = render(series, title="Doanh thu mỗi ngày")
    ticks = re.findall(r'dy="4" text-anchor="end"[^>]*>([^<]+)</text>', html)
    assert ticks == ["0", "2,5 tr", "5 tr"]
    with translation.override("en"):
        html = render(series, title="Revenue per day")
    assert re.findall(r'dy="4" text-anchor="end"[^>]*>([^<]+)</text>', html) == [
        "0",
        "2.5 M",
        "5 M",
    ]
    assert "2.045.000" not in re.sub(r"<(title|table).*?</\1>", "", html, flags=re.S)
