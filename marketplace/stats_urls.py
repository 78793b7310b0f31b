"""Figures pages and the view beacon (filled in by the counters issue)."""

from django.urls import path  # noqa: F401

urlpatterns = []
