from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def grant_moderator_permissions():
    from django.contrib.auth.models import Permission

    from accounts.roles import MODERATORS
    from core.permissions import grant

    grant(
        MODERATORS,
        Permission.objects.filter(
            content_type__app_label="catalog",
            codename__regex=r"^(add|change|delete|view|moderate)_",
        ),
    )


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Catalogue")

    def ready(self):
        from core.permissions import after_migrate
        from counters import registry

        registry.register("catalog.product", kind="product", letter="p")
        from core import pagecache

        from .models import Category, Certification, Product, ProductImage

        # Catalogue pages show products, their photos, categories and certifications
        # (catalog/pagetags.py; stock changes purge in orders/stock.py).
        pagecache.purge_on_save(
            Product, ProductImage, Category, Certification, tags=(pagecache.CATALOGUE,)
        )

        from areas.models import Area
        from core.signals import on_save_or_delete

        from .filters import forget_areas_in_use, forget_filter_choices

        on_save_or_delete(
            forget_filter_choices, Category, Certification, Area, uid="catalog-choices"
        )
        # The area filter offers areas with public products (shops/apps.py adds booths).
        on_save_or_delete(forget_areas_in_use, Product, Area, uid="catalog-areas")
        after_migrate(grant_moderator_permissions, uid="catalog.moderators")
