from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def grant_moderator_permissions():
    """Moderators edit the synonym dictionary (a snippet in the Wagtail admin)."""
    from django.contrib.auth.models import Permission

    from accounts.roles import MODERATORS
    from core.permissions import grant

    grant(
        MODERATORS,
        Permission.objects.filter(
            content_type__app_label="search",
            codename__in=["add_synonym", "change_synonym", "delete_synonym", "view_synonym"],
        ),
    )


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.conf import settings

        from core import health, scheduling
        from core.permissions import after_migrate

        from . import receivers  # noqa: F401
        from .health import check_elasticsearch

        health.register("elasticsearch", check_elasticsearch)
        after_migrate(grant_moderator_permissions, uid="search.moderators")
        scheduling.register(
            "search_catch_up", settings.SCHEDULE_SEARCH_CATCH_UP_SECONDS, "search_index catch_up"
        )
