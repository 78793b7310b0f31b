"""RSS 2.0 and Atom feeds of the newest articles (served by NewsIndexPage routes)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from core.translation import translated

FEED_SIZE = 20


class ArticleRssFeed(Feed):
    def get_object(self, request, news_index):
        self.request = request
        return news_index

    def title(self, news_index):
        from core.models import SiteSettings

        site_name = SiteSettings.for_request(self.request).site_name
        return f"{translated(news_index, 'title')} · {site_name}"

    def link(self, news_index):
        return news_index.get_url(self.request)

    def description(self, news_index):
        return translated(news_index, "intro") or _("News from the market")

    def items(self, news_index):
        return (
            news_index.articles().select_related("owner").prefetch_related("categories")[:FEED_SIZE]
        )

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.lead

    def item_link(self, article):
        return article.get_url(self.request)

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return article.last_published_at

    def item_author_name(self, article):
        return article.author_name or None

    def item_categories(self, article):
        return [translated(c, "name") for c in article.categories.all()]


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, news_index):
        return self.description(news_index)
