from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.conf import settings

        from core import scheduling

        from . import receivers  # noqa: F401

        scheduling.register(
            "search_catch_up", settings.SCHEDULE_SEARCH_CATCH_UP_SECONDS, "search_index catch_up"
        )
