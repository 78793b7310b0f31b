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
        from django.db.models.signals import post_delete, post_save

        from catalog.filters import forget_areas_in_use

        for signal in (post_save, post_delete):
            signal.connect(
                forget_areas_in_use,
                sender=Booth,
                dispatch_uid=f"shops-areas-in-use-{signal is post_save}",
            )
        # The directory offers the areas that have a public booth (shops/directory.py).
        from areas.models import Area

        from .directory import forget_booth_areas

        for model in (Booth, Area):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_booth_areas,
                    sender=model,
                    dispatch_uid=f"shops-booth-areas-{signal is post_save}-{model.__name__}",
                )
        after_migrate(grant_moderator_permissions, uid="shops.moderators")
        scheduling.register(
            "expire_certificates",
            settings.SCHEDULE_EXPIRE_CERTIFICATES_SECONDS,
            "expire_certificates",
        )
