"""Figures pages: a booth's statistics for its members, the market's for moderators."""

from django.urls import path

from marketplace import stats_views

app_name = "stats"

urlpatterns = [
    path("kenh-nguoi-ban/thong-ke/", stats_views.seller_stats, name="seller"),
    path("quan-tri-san/thong-ke/", stats_views.market_stats, name="market"),
    path("quan-tri-san/thong-ke/csv/", stats_views.market_stats_csv, name="market_csv"),
    path("dem/<str:kind>/<int:pk>.gif", stats_views.beacon, name="beacon"),
]
