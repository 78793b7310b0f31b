from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _purge(sender, **kwargs):
    from core import pagecache

    pagecache.purge_on_commit()  # the whole site: menus and footers link to pages


def _page_tags(request, view_args, view_kwargs):
    from core import pagecache

    # Any Wagtail page may show products and booths (the home page's cards, a page's
    # related-products block).
    return (pagecache.CATALOGUE,)


def _shared_when(request):
    """A page rendered for a signed-in visitor is stored for everyone only while the site
    has no private page (a page behind a login, a group or a password shows to some
    sessions only)."""
    from .routing import any_view_restrictions

    return not any_view_restrictions()


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
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published, page_unpublished

        from core import pagecache

        from .filters import NewsFilterForm
        from .models import ArticlePage, HomePage, NewsCategory, NewsIndexPage, StandardPage

        # Wagtail's pages may be cached (they read at most the news index's parameters);
        # publishing, unpublishing, deleting one or making one private purges the whole
        # site (menus and footers link to pages, by title).
        pagecache.register(
            wagtail_views.serve, NewsFilterForm, tags=_page_tags, shared_when=_shared_when
        )
        pagecache.purge_on_save(
            HomePage,
            NewsIndexPage,
            ArticlePage,
            StandardPage,
            NewsCategory,
            PageViewRestriction,
        )
        page_published.connect(_purge, dispatch_uid="cms-pagecache-published")
        page_unpublished.connect(_purge, dispatch_uid="cms-pagecache-unpublished")
        from . import routing

        routing.connect([HomePage, NewsIndexPage, ArticlePage, StandardPage])
        after_migrate(ensure_editorial_workflow, uid="cms.editorial_workflow")
        after_migrate(apply_site_url_after_migrate, uid="cms.site_address")
