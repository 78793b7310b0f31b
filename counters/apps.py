from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountersConfig(AppConfig):
    """Visits and views. Apps register what they count (see counters/registry.py)."""

    name = "counters"
    verbose_name = _("Visit counters")

    def ready(self):
        from django.conf import settings

        from core import scheduling

        scheduling.register(
            "flush_visits", settings.SCHEDULE_FLUSH_VISITS_SECONDS, "flush_visits --verbosity 0"
        )
