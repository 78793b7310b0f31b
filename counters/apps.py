from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountersConfig(AppConfig):
    """Visits and views. Apps register what they count (see counters/registry.py)."""

    name = "counters"
    verbose_name = _("Visit counters")
