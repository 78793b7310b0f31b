"""Demo visit and view history: 90 days of figures, so the charts have something to say.

The market "moved from an older system": its visit total starts from a figure carried
over (`SiteSettings.visits_offset`), and the last 90 days of visits and views are in the
daily history as if `flush_visits` had been folding them in all along. Runs once: when
any daily history exists, it leaves everything as it is.
"""

import datetime
from collections import Counter

from django.db import transaction
from django.utils import timezone

from catalog.models import Product
from cms.models import ArticlePage
from core.models import SiteSettings
from counters import registry
from counters.flushing import add_to_totals
from counters.models import DailyCount
from shops.models import Booth

DAYS = 90
CARRIED_OVER_VISITS = 1_384_215


def _curve(day_index, weekday, base, rng):
    """A day's count: slowly growing, busier at weekends, with some noise."""
    trend = 1 + day_index / DAYS * 0.6
    weekend = 1.35 if weekday >= 5 else 1.0
    return max(0, int(base * trend * weekend * rng.uniform(0.7, 1.3)))


def run(ctx):
    if DailyCount.objects.exists():
        ctx.log("  lịch sử lượt xem đã có, giữ nguyên")
        return
    rng = ctx.rng
    today = timezone.localdate()
    days = [today - datetime.timedelta(days=DAYS - 1 - i) for i in range(DAYS)]
    products = list(Product.objects.public().values_list("pk", flat=True))
    booths = list(Booth.objects.public().values_list("pk", flat=True))
    articles = list(ArticlePage.objects.live().public().values_list("pk", flat=True))
    groups = [("product", products, 4), ("booth", booths, 6), ("article", articles, 3)]
    rows, increments = [], Counter()
    bar = ctx.progress(DAYS, "lịch sử 90 ngày")
    for i, day in enumerate(days):
        count = _curve(i, day.weekday(), 420, rng)
        rows.append(DailyCount(kind=registry.VISIT, object_id=0, day=day, count=count))
        for kind, ids, base in groups:
            for pk in ids:
                # a few favourites draw most of the views, as on any market
                weight = 3 if pk % 7 == 0 else 1
                n = _curve(i, day.weekday(), base * weight, rng) if rng.random() < 0.6 else 0
                if n:
                    rows.append(DailyCount(kind=kind, object_id=pk, day=day, count=n))
        bar.advance()
    bar.finish()
    for row in rows:
        increments[(row.kind, row.object_id, row.day)] = row.count
    with transaction.atomic():
        # the history is empty (checked above), so it is written in bulk; the totals go
        # through the flush's own code
        DailyCount.objects.bulk_create(rows, batch_size=2000)
        visits = add_to_totals(increments)
        settings_obj = SiteSettings.objects.first()
        if settings_obj and not settings_obj.visits_offset:
            settings_obj.visits_offset = CARRIED_OVER_VISITS
            settings_obj.save()
    ctx.log(f"  {len(rows)} dòng số liệu theo ngày, {visits:,} lượt truy cập trong 90 ngày")
