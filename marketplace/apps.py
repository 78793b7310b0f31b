from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Market")

    def ready(self):
        # Moves to the counters app with the counters code.
        from django.conf import settings

        from core import scheduling

        scheduling.register(
            "flush_visits", settings.SCHEDULE_FLUSH_VISITS_SECONDS, "flush_visits --verbosity 0"
        )
