"""Signals of the reviews app: a deleted review no longer counts in the averages."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .actions import refresh_ratings
from .models import Review


@receiver(post_delete, sender=Review, dispatch_uid="reviews_review_deleted")
def review_deleted(sender, instance, **kwargs):
    refresh_ratings(instance.product_id, instance.booth_id)
