"""Language-neutral payment endpoints (Stripe posts here)."""

from django.urls import path  # noqa: F401

urlpatterns = []
