"""Signals of the catalogue: keep the market's figures fresh after product changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalog.models import Product
from marketplace.figures import invalidate_figures


@receiver(post_save, sender=Product, dispatch_uid="catalog_product_saved_figures")
@receiver(post_delete, sender=Product, dispatch_uid="catalog_product_deleted_figures")
def product_changed(sender, instance, **kwargs):
    transaction.on_commit(invalidate_figures)
