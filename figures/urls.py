"""Figures pages: a booth's statistics for its members, the market's for moderators."""

from django.urls import path

from figures import views

app_name = "stats"

urlpatterns = [
    path("kenh-nguoi-ban/thong-ke/", views.seller_stats, name="seller"),
    path("quan-tri-san/thong-ke/", views.market_stats, name="market"),
    path("quan-tri-san/thong-ke/csv/", views.market_stats_csv, name="market_csv"),
]
