"""Signals of the shops app: a verified booth whose legal facts change loses its badge."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from shops import verification
from shops.models import Booth


@receiver(post_save, sender=Booth, dispatch_uid="shops_booth_facts_changed")
def booth_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not instance.is_verified:
        return
    if update_fields is not None and not set(update_fields) & set(verification.LEGAL_FACTS):
        return
    verification.check_facts(instance)
