"""Statistics pages: a booth's figures for its members, the market's for moderators."""

import csv

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.roles import is_moderator
from core.filters import QueryForm
from figures import reports as stats
from shops.permissions import booths_for, get_booth_for_staff_or_404


class StatsQueryForm(QueryForm):
    """GET parameters of the statistics pages (see `core.filters`)."""

    booth = forms.SlugField(required=False)
    days = forms.TypedChoiceField(
        required=False, coerce=int, choices=[(n, n) for n in stats.PERIODS], empty_value=None
    )


@require_GET
@login_required
def seller_stats(request):
    params = StatsQueryForm.parse(request.GET)
    slug = params.get("booth")
    if slug:
        booth = get_booth_for_staff_or_404(request.user, slug=slug)
    else:
        booth = booths_for(request.user).order_by("name").first()
        if booth is None:
            raise Http404
    days = stats.period_from(params.get("days"))
    return render(
        request,
        "figures/seller_stats.html",
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
    days = stats.period_from(StatsQueryForm.parse(request.GET).get("days"))
    return render(
        request,
        "figures/market_stats.html",
        {"report": stats.market_report(days), "periods": stats.PERIODS, "days": days},
    )


@require_GET
@login_required
def market_stats_csv(request):
    _moderator_or_404(request)
    days = stats.period_from(StatsQueryForm.parse(request.GET).get("days"))
    report = stats.market_report(days)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"thong-ke-san-{timezone.localdate().isoformat()}-{days}-ngay.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    for row in stats.market_csv_rows(report):
        writer.writerow(row)
    return response
