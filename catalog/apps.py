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

        # Public pages show products, their photos, categories and certifications.
        pagecache.purge_on_save(Product, ProductImage, Category, Certification)
        after_migrate(grant_moderator_permissions, uid="catalog.moderators")
