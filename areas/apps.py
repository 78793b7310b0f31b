from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def grant_moderator_permissions():
    from django.contrib.auth.models import Permission

    from accounts.roles import MODERATORS
    from core.permissions import grant

    grant(
        MODERATORS,
        Permission.objects.filter(
            content_type__app_label="areas", codename__regex=r"^(add|change|delete|view)_"
        ),
    )


class AreasConfig(AppConfig):
    name = "areas"
    verbose_name = _("Areas")

    def ready(self):
        from core.permissions import after_migrate

        after_migrate(grant_moderator_permissions, uid="areas.moderators")
