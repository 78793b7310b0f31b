from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared helpers every app may use; imports no domain app."""

    name = "core"
    verbose_name = _("Core")
