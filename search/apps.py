from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.conf import settings

        from core import health, scheduling

        from . import receivers  # noqa: F401
        from .health import check_elasticsearch

        health.register("elasticsearch", check_elasticsearch)
        scheduling.register(
            "search_catch_up", settings.SCHEDULE_SEARCH_CATCH_UP_SECONDS, "search_index catch_up"
        )
