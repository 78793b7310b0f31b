"""Signals that keep search in step: each records a change in the current transaction.

Nothing here talks to Elasticsearch: `search.outbox.record` writes a change row and, on
commit, enqueues the task that applies it (one task per transaction).
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from areas.models import Area
from catalog.models import Category, Product
from cms.models import ArticlePage
from shops.models import Booth

from .models import Kind, SearchEntry, Synonym
from .outbox import record
from .synonyms import invalidate as invalidate_synonyms


@receiver(post_save, sender=Product, dispatch_uid="search_product_saved")
@receiver(post_delete, sender=Product, dispatch_uid="search_product_deleted")
def product_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        record(Kind.PRODUCT, [instance.pk])


@receiver(m2m_changed, sender=Product.certifications.through, dispatch_uid="search_product_certs")
def product_certifications_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # certification.products.add(...)
        if pk_set:
            record(Kind.PRODUCT, pk_set)
    else:
        record(Kind.PRODUCT, [instance.pk])


@receiver(post_save, sender=Booth, dispatch_uid="search_booth_saved")
@receiver(post_delete, sender=Booth, dispatch_uid="search_booth_deleted")
def booth_changed(sender, instance, raw=False, **kwargs):
    """A booth's status decides whether its products are public: they follow it."""
    if not raw:
        record(Kind.BOOTH, [instance.pk])


@receiver(post_save, sender=Category, dispatch_uid="search_category_saved")
def category_changed(sender, instance, created=False, raw=False, **kwargs):
    if not raw and not created:
        record(Kind.CATEGORY, [instance.pk])


@receiver(post_save, sender=Area, dispatch_uid="search_area_saved")
def area_changed(sender, instance, created=False, raw=False, **kwargs):
    if not raw and not created:
        record(Kind.AREA, [instance.pk])


@receiver(page_published, dispatch_uid="search_page_published")
@receiver(page_unpublished, dispatch_uid="search_page_unpublished")
def page_changed(sender, instance, **kwargs):
    if isinstance(instance.specific_deferred, ArticlePage):
        record(Kind.ARTICLE, [instance.pk])


@receiver(post_delete, sender=ArticlePage, dispatch_uid="search_article_deleted")
def article_deleted(sender, instance, **kwargs):
    SearchEntry.objects.filter(kind=Kind.ARTICLE, object_id=instance.pk).delete()
    record(Kind.ARTICLE, [instance.pk])


@receiver(post_save, sender=Synonym, dispatch_uid="search_synonym_saved")
@receiver(post_delete, sender=Synonym, dispatch_uid="search_synonym_deleted")
def synonyms_changed(sender, **kwargs):
    """Synonyms are applied at query time: a change only empties the cached dictionary."""
    transaction.on_commit(invalidate_synonyms)
    invalidate_synonyms()
