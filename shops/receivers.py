"""Signals of the shops app: keep the market's figures fresh after booth changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from marketplace.figures import invalidate_figures
from shops.models import Booth


@receiver(post_save, sender=Booth, dispatch_uid="shops_booth_saved_figures")
@receiver(post_delete, sender=Booth, dispatch_uid="shops_booth_deleted_figures")
def booth_changed(sender, instance, **kwargs):
    transaction.on_commit(invalidate_figures)
