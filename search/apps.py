from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from core import health

        from . import receivers  # noqa: F401
        from .health import check_elasticsearch

        health.register("elasticsearch", check_elasticsearch)
