"""Language-neutral payment endpoints (Stripe posts here)."""

from django.urls import path

from orders import views

urlpatterns = [
    path("thanh-toan/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
