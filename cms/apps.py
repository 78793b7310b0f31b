from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("News and pages")

    def ready(self):
        from core.permissions import after_migrate
        from counters import registry

        from .workflow import ensure_editorial_workflow

        registry.register("cms.articlepage", kind="article", letter="a")
        after_migrate(ensure_editorial_workflow, uid="cms.editorial_workflow")
