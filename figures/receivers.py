"""Keep the market's figures fresh: booths and products change, visits are folded in."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalog.models import Product
from core.tasks import after_commit
from counters.signals import totals_flushed
from shops.models import Booth

from .market import invalidate_figures


@receiver(post_save, sender=Product, dispatch_uid="figures_product_saved")
@receiver(post_delete, sender=Product, dispatch_uid="figures_product_deleted")
@receiver(post_save, sender=Booth, dispatch_uid="figures_booth_saved")
@receiver(post_delete, sender=Booth, dispatch_uid="figures_booth_deleted")
def catalogue_changed(sender, instance, **kwargs):
    after_commit(invalidate_figures)


@receiver(totals_flushed, dispatch_uid="figures_visits_flushed")
def visits_flushed(sender, summary, **kwargs):
    if summary.get("visits"):
        invalidate_figures()
    # View counts and the visit figure on cached pages may be up to PAGE_CACHE_SECONDS
    # old: no purge here (it emptied the whole page cache every minute).
