from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopsConfig(AppConfig):
    name = "shops"
    verbose_name = _("Booths")

    def ready(self):
        from django.conf import settings

        from core import scheduling
        from core.permissions import after_migrate
        from counters import registry

        from . import receivers  # noqa: F401
        from .moderation import grant_moderator_permissions

        registry.register("shops.booth", kind="booth", letter="b")
        from core import pagecache

        from .models import Booth

        # Approving, suspending or editing a booth changes its page, its products' pages
        # and the lists: all of them carry the catalogue tag.
        pagecache.purge_on_save(Booth, tags=(pagecache.CATALOGUE,))
        # A suspended booth's products leave the public lists, and so may their areas.
        from areas.models import Area
        from catalog.filters import forget_areas_in_use
        from core.signals import on_save_or_delete

        from .directory import forget_booth_areas

        on_save_or_delete(forget_areas_in_use, Booth, uid="shops-areas-in-use")
        # The directory offers the areas that have a public booth (shops/directory.py).
        on_save_or_delete(forget_booth_areas, Booth, Area, uid="shops-booth-areas")
        after_migrate(grant_moderator_permissions, uid="shops.moderators")
        scheduling.register(
            "expire_certificates",
            settings.SCHEDULE_EXPIRE_CERTIFICATES_SECONDS,
            "expire_certificates",
        )
