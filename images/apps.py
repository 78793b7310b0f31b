from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = _("Images")

    def ready(self):
        from core.permissions import after_migrate

        from .collections import ensure_collections
        from .srcset import install

        install()

        after_migrate(ensure_collections, uid="images.collections")
