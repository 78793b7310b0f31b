from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared helpers every app may use; imports no domain app."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.conf import settings

        from core import scheduling, slugs

        slugs.install()

        # Finished task results pile up in the database queue: prune them daily.
        if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
            scheduling.register(
                "prune_task_results",
                24 * 3600,
                "prune_db_task_results --verbosity 0 --queue-name *"
                " --min-age-days 14 --failed-min-age-days 60",
            )
