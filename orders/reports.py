"""Order figures for charts (seller dashboard, market figures)."""

from datetime import timedelta

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from orders.models import Order


def daily_orders(booth=None, days=30):
    """[(date, order_count, revenue_vnd)] for the last *days* days, today included.

    Cancelled orders are left out; every day appears, with zeros when nothing was sold.
    Dates are the market's local dates (TIME_ZONE).
    """
    days = max(1, int(days))
    today = timezone.localdate()
    start = today - timedelta(days=days - 1)
    tz = timezone.get_current_timezone()
    orders = Order.objects.active().filter(created_at__date__gte=start)
    if booth is not None:
        orders = orders.filter(booth=booth)
    rows = (
        orders.annotate(day=TruncDate("created_at", tzinfo=tz))
        .values("day")
        .annotate(n=Count("id"), revenue=Sum("total"))
        .order_by("day")
    )
    by_day = {row["day"]: (row["n"], int(row["revenue"] or 0)) for row in rows}
    return [
        (day, *by_day.get(day, (0, 0))) for day in (start + timedelta(days=i) for i in range(days))
    ]
