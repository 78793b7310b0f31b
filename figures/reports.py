"""Figures over time for the seller's and the moderator's statistics pages.

Views and visits come from `DailyCount` (written by the counters' flush); new booths
and products from their creation dates; orders from `orders.reports.daily_orders`
when the orders app provides it (an empty series otherwise).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from counters.models import DailyCount

PERIODS = (30, 90)
TOP = 10


def period_from(value):
    """The period asked for in the query string, 30 days unless 90 is asked."""
    try:
        days = int(value)
    except (TypeError, ValueError):
        return PERIODS[0]
    return days if days in PERIODS else PERIODS[0]


def day_range(days, today=None):
    today = today or timezone.localdate()
    start = today - timedelta(days=days - 1)
    return [start + timedelta(days=i) for i in range(days)]


def fill(by_day, days, today=None):
    """[(day, value)] for every day of the period, zero where nothing happened."""
    return [(day, int(by_day.get(day, 0) or 0)) for day in day_range(days, today)]


def daily_counts(kind, days, object_ids=None):
    """{day: count} of *kind* over the period, for some objects or all of them."""
    start = day_range(days)[0]
    rows = DailyCount.objects.filter(kind=kind, day__gte=start)
    if object_ids is not None:
        rows = rows.filter(object_id__in=list(object_ids))
    return dict(rows.values_list("day").annotate(total=Sum("count")).values_list("day", "total"))


def views_per_object(kind, days, object_ids=None):
    start = day_range(days)[0]
    rows = DailyCount.objects.filter(kind=kind, day__gte=start)
    if object_ids is not None:
        rows = rows.filter(object_id__in=list(object_ids))
    return dict(
        rows.values_list("object_id").annotate(total=Sum("count")).values_list("object_id", "total")
    )


def created_per_day(queryset, days, field_name="created_at"):
    start = day_range(days)[0]
    tz = timezone.get_current_timezone()
    rows = (
        queryset.filter(**{f"{field_name}__date__gte": start})
        .annotate(day=TruncDate(field_name, tzinfo=tz))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    return dict(rows)


def _get(row, *names):
    for name in names:
        if isinstance(row, dict) and name in row:
            return row[name]
        if hasattr(row, name):
            return getattr(row, name)
    return None


def orders_per_day(days, booth=None):
    """({day: orders}, {day: revenue}) from the orders app, empty if it is not there yet.

    Accepts rows as (day, count[, revenue]) tuples, dicts or objects with day/date and
    count/orders[/revenue] so the two apps can evolve separately.
    """
    try:
        from orders.reports import daily_orders
    except ImportError:
        return {}, {}
    orders, revenue = Counter(), Counter()
    for row in daily_orders(booth=booth, days=days) or []:
        if isinstance(row, list | tuple):
            day, count, *rest = row
            money = rest[0] if rest else None
        else:
            day = _get(row, "day", "date")
            count = _get(row, "count", "orders")
            money = _get(row, "revenue", "total")
        if day is None:
            continue
        if hasattr(day, "date") and not isinstance(day, date):
            day = day.date()
        orders[day] += int(count or 0)
        if money is not None:
            revenue[day] += int(money)
    return dict(orders), dict(revenue)


@dataclass
class BoothReport:
    days: int
    booth_views: list
    product_views: list
    orders: list
    revenue: list
    has_revenue: bool
    products: list = field(default_factory=list)  # [(product, views in period)]
    top_products: list = field(default_factory=list)


def booth_report(booth, days):
    from catalog.models import Product

    products = list(
        Product.objects.filter(booth=booth).only("id", "name", "slug", "status", "view_count")
    )
    ids = [p.pk for p in products]
    per_product = views_per_object("product", days, ids) if ids else {}
    orders, revenue = orders_per_day(days, booth=booth)
    rows = sorted(
        ((p, int(per_product.get(p.pk, 0))) for p in products),
        key=lambda item: (-item[1], -item[0].view_count, item[0].name),
    )
    return BoothReport(
        days=days,
        booth_views=fill(daily_counts("booth", days, [booth.pk]), days),
        product_views=fill(daily_counts("product", days, ids) if ids else {}, days),
        orders=fill(orders, days),
        revenue=fill(revenue, days),
        has_revenue=bool(revenue),
        products=rows,
        top_products=[row for row in rows if row[1] > 0][:TOP],
    )


@dataclass
class MarketReport:
    days: int
    visits: list
    new_booths: list
    new_products: list
    orders: list
    top_categories: list  # [(name, views)]
    top_areas: list
    top_products: list  # [(product, views)]


def market_report(days):
    from catalog.models import Product
    from shops.models import Booth

    per_product = views_per_object("product", days)
    top_ids = [pk for pk, _n in sorted(per_product.items(), key=lambda kv: -kv[1])]
    by_category, by_area = Counter(), Counter()
    info = {}
    for start in range(0, len(top_ids), 1000):
        chunk = top_ids[start : start + 1000]
        for product in Product.objects.filter(pk__in=chunk).select_related(
            "category", "origin_area", "booth__area"
        ):
            info[product.pk] = product
    for pk, views in per_product.items():
        product = info.get(pk)
        if product is None:
            continue
        by_category[product.category.name] += views
        area = product.origin_area or product.booth.area
        if area is not None:
            by_area[area.name] += views
    orders, _revenue = orders_per_day(days)
    return MarketReport(
        days=days,
        visits=fill(daily_counts("visit", days), days),
        new_booths=fill(created_per_day(Booth.objects.all(), days), days),
        new_products=fill(created_per_day(Product.objects.all(), days), days),
        orders=fill(orders, days),
        top_categories=by_category.most_common(TOP),
        top_areas=by_area.most_common(TOP),
        top_products=[(info[pk], per_product[pk]) for pk in top_ids[:TOP] if pk in info],
    )


CSV_HEADER = ["date", "visits", "new_booths", "new_products", "orders"]


def market_csv_rows(report):
    yield CSV_HEADER
    for (day, visits), (_, booths), (_, products), (_, orders) in zip(
        report.visits, report.new_booths, report.new_products, report.orders, strict=True
    ):
        yield [day.isoformat(), visits, booths, products, orders]
