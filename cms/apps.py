from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _purge(sender, **kwargs):
    from core import pagecache

    pagecache.purge_on_commit()


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("News and pages")

    def ready(self):
        from core.permissions import after_migrate
        from counters import registry

        from .site_setup import apply_site_url_after_migrate
        from .workflow import ensure_editorial_workflow

        registry.register("cms.articlepage", kind="article", letter="a")
        from wagtail import views as wagtail_views
        from wagtail.signals import page_published, page_unpublished

        from core import pagecache

        from .filters import NewsFilterForm
        from .models import ArticlePage, HomePage, NewsCategory, NewsIndexPage, StandardPage

        # Wagtail's pages may be cached for anonymous visitors (they read at most the news
        # index's parameters); publishing, unpublishing or deleting one purges.
        pagecache.register(wagtail_views.serve, NewsFilterForm)
        pagecache.purge_on_save(HomePage, NewsIndexPage, ArticlePage, StandardPage, NewsCategory)
        page_published.connect(_purge, dispatch_uid="cms-pagecache-published")
        page_unpublished.connect(_purge, dispatch_uid="cms-pagecache-unpublished")
        from . import routing

        routing.connect([HomePage, NewsIndexPage, ArticlePage, StandardPage])
        after_migrate(ensure_editorial_workflow, uid="cms.editorial_workflow")
        after_migrate(apply_site_url_after_migrate, uid="cms.site_address")
