"""Server-rendered bar charts of daily figures (SVG, no JavaScript, no library).

`bar_chart(series)` turns [(day, value), …] into the geometry the template
`figures/charts/bar_chart.html` draws. It copes with no data, one day and long
series (bars get thinner, labels stay few).
"""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format

WIDTH = 360
HEIGHT = 200
LEFT = 40  # room for the y-axis labels
RIGHT = 8
TOP = 12
BOTTOM = 28  # room for the x-axis labels


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    day: date
    value: int
    label: str


def nice_ceiling(value):
    """The smallest 1, 2 or 5 × 10^k not below *value* (at least 1)."""
    if value <= 1:
        return 1
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def short_day(day):
    return date_format(day, "d/m")


def bar_chart(series, width=WIDTH, height=HEIGHT):
    series = [(day, int(value or 0)) for day, value in series]
    plot_width = width - LEFT - RIGHT
    plot_height = height - TOP - BOTTOM
    top_value = max((value for _day, value in series), default=0)
    scale_max = nice_ceiling(top_value)
    bars = []
    if series:
        slot = plot_width / len(series)
        gap = min(slot * 0.2, 4) if len(series) > 1 else slot * 0.6
        for index, (day, value) in enumerate(series):
            bar_height = plot_height * value / scale_max
            bars.append(
                Bar(
                    x=round(LEFT + index * slot + gap / 2, 2),
                    y=round(TOP + plot_height - bar_height, 2),
                    width=round(max(slot - gap, 0.5), 2),
                    height=round(bar_height, 2),
                    day=day,
                    value=value,
                    label=date_format(day, "SHORT_DATE_FORMAT"),
                )
            )
    # At most five x labels: first, last and evenly spaced ones between.
    x_labels = []
    if bars:
        count = len(bars)
        wanted = min(count, 5)
        indexes = sorted({round(i * (count - 1) / max(wanted - 1, 1)) for i in range(wanted)})
        for i in indexes:
            bar = bars[i]
            # The first and last labels line up with the plot's edges so they never clip.
            if count > 1 and i == 0:
                x, anchor = bar.x, "start"
            elif count > 1 and i == count - 1:
                x, anchor = bar.x + bar.width, "end"
            else:
                x, anchor = bar.x + bar.width / 2, "middle"
            x_labels.append({"x": round(x, 2), "anchor": anchor, "text": short_day(bar.day)})
    y_ticks = [
        {"y": round(TOP + plot_height - plot_height * f, 2), "value": round(scale_max * f)}
        for f in (0, 0.5, 1)
        if f == 0 or scale_max * f == int(scale_max * f)
    ]
    return {
        "width": width,
        "height": height,
        "left": LEFT,
        "right_edge": width - RIGHT,
        "baseline": TOP + plot_height,
        "label_y": height - 8,
        "mid_y": TOP + plot_height / 2,
        "bars": bars,
        "x_labels": x_labels,
        "y_ticks": y_ticks,
        "total": sum(value for _day, value in series),
        "empty": top_value == 0,
        "days": len(series),
    }
