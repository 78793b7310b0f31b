from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    """The market's figures and charts, read from orders, catalog, shops and counters."""

    name = "figures"
    verbose_name = _("Figures")

    def ready(self):
        from . import receivers  # noqa: F401
