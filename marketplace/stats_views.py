"""Statistics pages: a booth's figures for its members, the market's for moderators."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.roles import is_moderator
from marketplace import stats
from shops.permissions import booths_for, get_booth_for_staff_or_404


@require_GET
@login_required
def seller_stats(request):
    slug = request.GET.get("booth")
    if slug:
        booth = get_booth_for_staff_or_404(request.user, slug=slug)
    else:
        booth = booths_for(request.user).order_by("name").first()
        if booth is None:
            raise Http404
    days = stats.period_from(request.GET.get("days"))
    return render(
        request,
        "marketplace/seller_stats.html",
        {
            "booth": booth,
            "booths": booths_for(request.user).order_by("name"),
            "report": stats.booth_report(booth, days),
            "periods": stats.PERIODS,
            "days": days,
        },
    )


def _moderator_or_404(request):
    if not is_moderator(request.user):
        raise Http404


@require_GET
@login_required
def market_stats(request):
    _moderator_or_404(request)
    days = stats.period_from(request.GET.get("days"))
    return render(
        request,
        "marketplace/market_stats.html",
        {"report": stats.market_report(days), "periods": stats.PERIODS, "days": days},
    )


@require_GET
@login_required
def market_stats_csv(request):
    _moderator_or_404(request)
    days = stats.period_from(request.GET.get("days"))
    report = stats.market_report(days)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"thong-ke-san-{timezone.localdate().isoformat()}-{days}-ngay.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    for row in stats.market_csv_rows(report):
        writer.writerow(row)
    return response


# A 1×1 transparent GIF: the beacon answers with an image so an <img> tag can call it.
PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
    b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@require_GET
def beacon(request, kind, pk):
    """Count a visit and a view for a page served from a cache (see docs/counters.md).

    `{% counter_beacon obj %}` puts it in the page. Unknown kinds or objects count
    nothing; the answer is the same pixel either way, never cached.
    """
    from marketplace.counters import beacon_hit

    beacon_hit(request, kind, pk)
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store, max-age=0"
    return response
