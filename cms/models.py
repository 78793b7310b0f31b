import math
import uuid

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import (
    ArticleBodyBlock,
    BannerSlideBlock,
    FooterColumnBlock,
    LinkBlock,
    PortalLinkBlock,
)
from cms.filters import NewsFilterForm
from cms.routing import ViewRestrictionsMixin
from core import fragments
from core.sitecache import CachedSiteSetting
from core.slugs import FoldedSlugPageMixin
from core.translation import translated

WORDS_PER_MINUTE = 200
HOME_NEWEST_PRODUCTS = 8
HOME_LATEST_NEWS = 4


def card_products():
    """Public products with everything a product card shows, renditions included."""
    from catalog.models import Product

    return Product.objects.public().with_card_data().prefetch_related("images__image__renditions")


def fragment_cache(request, page):
    """(seconds, key) for `{% cache %}` around *page*'s card sections: the same HTML for
    every reader (no personal data, no CSRF token in a card), so kept for
    `FRAGMENT_CACHE_SECONDS` and dropped by the page cache's purges (the key holds the
    site generation and the catalogue tag's: product, booth, stock crossing zero, article
    and page changes bump one of them). A preview never reads or fills it."""
    from core import pagecache

    seconds = settings.FRAGMENT_CACHE_SECONDS
    if seconds <= 0 or getattr(request, "is_preview", False):
        return {"seconds": 0, "key": f"off-{uuid.uuid4().hex}"}
    try:
        generation = pagecache.fingerprint(pagecache.CATALOGUE)
    except Exception:  # noqa: BLE001 - cache down: render as usual
        return {"seconds": 0, "key": f"off-{uuid.uuid4().hex}"}
    revision = page.live_revision_id or 0  # what is published, even behind the purge's back
    return {"seconds": seconds, "key": f"{page.pk}:{revision}:{generation}:{get_language()}"}


def card_booths():
    from shops.models import Booth

    return (
        Booth.objects.public().select_related("area", "logo").prefetch_related("logo__renditions")
    )


def article_cards():
    """Live articles with their cover images (and renditions), newest first."""
    return (
        ArticlePage.objects.live()
        .select_related("cover_image")
        .prefetch_related("cover_image__renditions")
        .defer_streamfields()
        .order_by("-date", "-first_published_at", "-pk")
    )


OG_IMAGE_SPEC = "fill-1200x630|format-jpeg"


def share_rendition(image):
    """{url, width, height} of *image*'s Open Graph rendition; {} without an image or when
    its file is missing (the page still renders, without og:image)."""
    from wagtail.images.models import SourceImageIOError

    if image is None:
        return {}
    try:
        rendition = image.get_rendition(OG_IMAGE_SPEC)
    except SourceImageIOError:
        return {}
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height}


class SeoMixin(FoldedSlugPageMixin):
    """What the <head> shows: canonical URL, Open Graph image, language alternates.

    Every page has it; it brings the folded slugs of ``FoldedSlugPageMixin`` along.
    """

    def og_image(self):
        return None

    def og_rendition(self, request=None):
        """What `og:image` shows (`share_rendition`), kept per page, published revision and
        page-cache generation (`core.fragments`): reading it decodes the home page's banner
        StreamField or an article's cover image, on every page otherwise."""
        if request is None:
            return share_rendition(self.og_image())
        return fragments.cached_value(
            request,
            f"og:{self.pk}:{self.live_revision_id or 0}",
            lambda: share_rendition(self.og_image()),
        )

    def meta_description(self):
        return self.search_description or ""


class NewsCategory(models.Model):
    """A news section (market news, producers' stories, guides, …). Edited as a snippet."""

    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("name in English"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    description_en = models.CharField(_("description in English"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("description_en"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return str(translated(self, "name"))


class ArticleTag(TagBase):
    """A news tag. Slugs are Vietnamese folded to ASCII: "tập huấn" -> "tap-huan"."""

    free_tagging = True

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def slugify(self, tag, i=None):
        from core.text import slugify_vi

        slug = slugify_vi(tag)[:90] or "the"
        return f"{slug}-{i}" if i is not None else slug


class ArticlePageTag(ItemBase):
    tag = models.ForeignKey(ArticleTag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey(
        "cms.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class HomePage(ViewRestrictionsMixin, SeoMixin, Page):
    """The market's front page, one per site."""

    intro = models.CharField(
        _("banner text"),
        max_length=255,
        blank=True,
        default="Đặc sản địa phương, từ người làm ra đến tận tay bạn",
    )
    lead = models.TextField(
        _("banner lead"),
        blank=True,
        default=(
            "Vải thiều Lục Ngạn, gà đồi Yên Thế, mỳ Chũ và các sản phẩm OCOP, "
            "bán bởi chính những người làm ra chúng."
        ),
    )
    title_en = models.CharField(
        _("title in English"),
        max_length=255,
        blank=True,
        help_text=_("Shown under /en/; the Vietnamese title is used when empty."),
    )
    intro_en = models.CharField(
        _("banner text in English"),
        max_length=255,
        blank=True,
        default="Local specialities, from the people who make them to your door",
    )
    lead_en = models.TextField(
        _("banner lead in English"),
        blank=True,
        default=(
            "Luc Ngan lychees, Yen The hill chicken, Chu noodles and OCOP products, "
            "sold by the very people who make them."
        ),
    )
    banners = StreamField(
        [("slide", BannerSlideBlock())], verbose_name=_("banner carousel"), blank=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("title_en"),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
        FieldPanel("lead"),
        FieldPanel("lead_en"),
        FieldPanel("banners"),
        InlinePanel("featured_categories", label=_("Featured categories"), max_num=12),
        InlinePanel("featured_products", label=_("Featured products"), max_num=16),
        InlinePanel("featured_booths", label=_("Featured booths"), max_num=12),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.NewsIndexPage", "cms.StandardPage"]
    max_count = 1
    template = "cms/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def featured_category_list(self):
        return [
            item.category
            for item in self.featured_categories.select_related("category__image")
            .prefetch_related("category__image__renditions")
            .filter(category__is_active=True)
        ]

    def featured_product_list(self):
        ids = list(self.featured_products.values_list("product_id", flat=True))
        found = {p.pk: p for p in card_products().filter(pk__in=ids)} if ids else {}
        return [found[pk] for pk in ids if pk in found]

    def featured_booth_list(self):
        ids = list(self.featured_booths.values_list("booth_id", flat=True))
        found = {b.pk: b for b in card_booths().filter(pk__in=ids)} if ids else {}
        return [found[pk] for pk in ids if pk in found]

    def latest_news_list(self):
        latest_news = list(article_cards().descendant_of(self)[:HOME_LATEST_NEWS])
        _attach_categories(latest_news)
        return latest_news

    def get_context(self, request, *args, **kwargs):
        """The card sections are read lazily: when the template finds them in the fragment
        cache (`cards_cache`), none of their queries run."""
        context = super().get_context(request, *args, **kwargs)
        news_index = SimpleLazyObject(lambda: NewsIndexPage.objects.live().child_of(self).first())

        def news_index_url():
            return news_index.get_url(request) if news_index else ""

        context.update(
            {
                "featured_categories": SimpleLazyObject(self.featured_category_list),
                "featured_products": SimpleLazyObject(self.featured_product_list),
                "featured_booths": SimpleLazyObject(self.featured_booth_list),
                "newest_products": SimpleLazyObject(
                    lambda: list(card_products().order_by("-created_at")[:HOME_NEWEST_PRODUCTS])
                ),
                "latest_news": SimpleLazyObject(self.latest_news_list),
                "news_index": news_index,
                "news_index_url": SimpleLazyObject(news_index_url),
                "cards_cache": fragment_cache(request, self),
                # The banners: decoding the StreamField reads their images and link pages.
                "banner_cache": fragment_cache(request, self),
            }
        )
        return context

    def og_image(self):
        for block in self.banners:
            return block.value["image"]
        return None


class HomeFeaturedCategory(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_categories")
    category = models.ForeignKey(
        "catalog.Category", verbose_name=_("category"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("category")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured category")


class HomeFeaturedProduct(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_products")
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("product")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured product")


class HomeFeaturedBooth(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_booths")
    booth = models.ForeignKey(
        "shops.Booth", verbose_name=_("booth"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("booth")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured booth")


class NewsIndexPage(ViewRestrictionsMixin, SeoMixin, RoutablePageMixin, Page):
    """The news section (/tin-tuc/): paginated, filtered by category or tag, with feeds."""

    intro = models.TextField(_("introduction"), blank=True)
    title_en = models.CharField(
        _("title in English"),
        max_length=255,
        blank=True,
        help_text=_("Shown under /en/; the Vietnamese title is used when empty."),
    )
    intro_en = models.TextField(_("introduction in English"), blank=True)
    per_page = 10

    content_panels = Page.content_panels + [
        FieldPanel("title_en"),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage"]
    template = "cms/news_index_page.html"

    class Meta:
        verbose_name = _("news index")

    def articles(self):
        return article_cards().child_of(self)

    def filtered_articles(self, params):
        """Articles after the ?category= and ?tag= filters, and what was asked for.

        A well-formed slug naming no category or tag gives an empty list with a message;
        a malformed one was already dropped by the parser.
        """
        articles = self.articles()
        state = {"category": None, "tag": None, "unknown": False}
        if params.get("category"):
            category = NewsCategory.objects.filter(slug=params["category"]).first()
            state["category"] = category
            if category is None:
                state["unknown"] = True
                return articles.none(), state
            articles = articles.filter(categories=category)
        if params.get("tag"):
            tag = ArticleTag.objects.filter(slug=params["tag"]).first()
            state["tag"] = tag
            if tag is None:
                state["unknown"] = True
                return articles.none(), state
            articles = articles.filter(tagged_items__tag=tag)
        return articles, state

    @path("")
    def index_route(self, request):
        params = NewsFilterForm.parse(request.GET)
        articles, state = self.filtered_articles(params)
        # Past the end shows the last page; a malformed number was dropped (first page).
        # The count and the categories are kept per page-cache generation (core.fragments):
        # publishing an article or saving a news category purges.
        page_obj = fragments.paginate(request, articles, self.per_page, params.get("page"))
        paginator = page_obj.paginator
        article_list = list(page_obj.object_list)
        _attach_categories(article_list)
        return self.render(
            request,
            context_overrides={
                "articles": article_list,
                "page_obj": page_obj,
                "paginator": paginator,
                "active_category": state["category"],
                "active_tag": state["tag"],
                "unknown_filter": state["unknown"],
                "query_string": params.urlencode(drop=("page",)),
                "requested_category": params.get("category", ""),
                "requested_tag": params.get("tag", ""),
                "categories": fragments.cached_value(
                    request, "news-categories", lambda: list(NewsCategory.objects.all())
                ),
                "news_index_url": self.get_url(request),
            },
        )

    @path("rss/", name="rss")
    def rss_route(self, request):
        from cms.feeds import ArticleRssFeed

        return ArticleRssFeed()(request, news_index=self)

    @path("atom/", name="atom")
    def atom_route(self, request):
        from cms.feeds import ArticleAtomFeed

        return ArticleAtomFeed()(request, news_index=self)


def _attach_categories(articles):
    """Give each article its categories in one query (for list pages)."""
    if not articles:
        return
    through = ArticlePage.categories.through
    rows = through.objects.filter(articlepage_id__in=[a.pk for a in articles]).select_related(
        "newscategory"
    )
    by_article = {}
    for row in rows:
        by_article.setdefault(row.articlepage_id, []).append(row.newscategory)
    for article in articles:
        article.category_list = sorted(
            by_article.get(article.pk, []), key=lambda c: (c.sort_order, c.name)
        )


class ArticlePage(ViewRestrictionsMixin, SeoMixin, Page):
    """A news article.

    `search_payload()` is the contract with the search app: it returns what the article
    index needs, so search does not depend on the block layout of `body`.
    """

    date = models.DateField(_("date"), default=timezone.localdate)
    author_name = models.CharField(_("author"), max_length=120, blank=True)
    lead = models.TextField(_("lead"), blank=True)
    cover_image = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    categories = ParentalManyToManyField(
        NewsCategory, verbose_name=_("categories"), blank=True, related_name="articles"
    )
    tags = ClusterTaggableManager(verbose_name=_("tags"), through=ArticlePageTag, blank=True)
    view_count = models.PositiveBigIntegerField(_("views"), default=0, editable=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("author_name")], heading=_("Date and author")
        ),
        FieldPanel("lead"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Categories and tags"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []
    template = "cms/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def body_text(self):
        """The body as plain text (headings, paragraphs, quotes and captions)."""
        parts = []
        for block in self.body:
            value = block.value
            if block.block_type == "heading":
                parts.append(str(value["text"]) if hasattr(value, "get") else str(value))
            elif block.block_type == "paragraph":
                parts.append(strip_tags(value.source))
            elif block.block_type == "quote":
                parts.append(value["text"])
            elif block.block_type == "image" and value.get("caption"):
                parts.append(value["caption"])
        return "\n".join(p for p in parts if p)

    @cached_property
    def reading_minutes(self):
        words = len(f"{self.lead} {self.body_text()}".split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def search_payload(self):
        return {
            "id": self.pk,
            "title": self.title,
            "lead": self.lead,
            "body": self.body_text(),
            "date": self.date,
            "url": self.url,
            "cover_image_id": self.cover_image_id,
            "categories": [c.name for c in self.categories.all()],
            "category_slugs": [c.slug for c in self.categories.all()],
            "tags": [t.name for t in self.tags.all()],
        }

    def meta_description(self):
        return self.search_description or self.lead

    def og_image(self):
        return self.cover_image

    def neighbours(self):
        """(previous, next): the older and the newer live article in the same section."""
        if self.pk is None:  # previewing an article not saved yet
            return None, None
        siblings = (
            ArticlePage.objects.live()
            .sibling_of(self, inclusive=False)
            .defer_streamfields()
            .only("title", "url_path", "date", "pk")
        )
        older = (
            siblings.filter(models.Q(date__lt=self.date) | models.Q(date=self.date, pk__lt=self.pk))
            .order_by("-date", "-pk")
            .first()
        )
        newer = (
            siblings.filter(models.Q(date__gt=self.date) | models.Q(date=self.date, pk__gt=self.pk))
            .order_by("date", "pk")
            .first()
        )
        return older, newer

    def json_ld(self, request):
        """schema.org NewsArticle for search engines."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.lead,
            "datePublished": self.date.isoformat(),
            "mainEntityOfPage": self.get_full_url(request),
            "inLanguage": "vi",
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        if self.author_name:
            data["author"] = {"@type": "Person", "name": self.author_name}
        if self.cover_image_id:
            rendition = self.cover_image.get_rendition("fill-1200x630|format-jpeg")
            data["image"] = [request.build_absolute_uri(rendition.url)]
        return data

    def related_product_ids(self):
        ids = []
        for block in self.body:
            if block.block_type == "related_products":
                ids.extend(p.pk for p in block.value["products"] if p is not None)
        return ids

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def cards():
            ids = self.related_product_ids()
            return {p.pk: p for p in card_products().filter(pk__in=ids)} if ids else {}

        # Read lazily: when the body comes from the fragment cache (`body_cache`), neither
        # the StreamField nor the cards are decoded or queried.
        context["product_cards"] = SimpleLazyObject(cards)
        context["body_cache"] = fragment_cache(request, self)
        context["previous_article"], context["next_article"] = self.neighbours()
        context["article_categories"] = list(self.categories.all())
        context["article_tags"] = list(self.tags.all())
        context["news_index"] = self.get_parent() if self.path else None
        context["article_json_ld"] = self.json_ld(request) if self.pk else None
        return context

    def serve(self, request, *args, **kwargs):
        from counters import record_view

        response = super().serve(request, *args, **kwargs)
        if response.status_code == 200 and not getattr(request, "is_preview", False):
            record_view(request, self)
        return response


class StandardPage(ViewRestrictionsMixin, SeoMixin, Page):
    """An editable page: introduction, guides, operating rules, policies, contacts."""

    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    title_en = models.CharField(
        _("title in English"),
        max_length=255,
        blank=True,
        help_text=_("Shown under /en/; the Vietnamese title is used when empty."),
    )
    lead_en = models.TextField(_("lead in English"), blank=True)
    body_en = StreamField(
        ArticleBodyBlock(),
        verbose_name=_("body in English"),
        blank=True,
        help_text=_("Shown under /en/; the Vietnamese body is used when empty."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("title_en"), FieldPanel("lead_en"), FieldPanel("body_en")],
            heading=_("English"),
            classname="collapsed",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("lead")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]
    template = "cms/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def meta_description(self):
        return self.search_description or self.lead

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ids = []
        for block in self.body:
            if block.block_type == "related_products":
                ids.extend(p.pk for p in block.value["products"] if p is not None)
        context["product_cards"] = (
            {p.pk: p for p in card_products().filter(pk__in=ids)} if ids else {}
        )
        return context


@register_setting(icon="list-ul")
class NavigationSettings(CachedSiteSetting):
    """Main menu, footer columns, public-service portals and the registration notice.

    Contact details live in the market settings (`core.SiteSettings`).
    When nothing is configured the templates fall back to built-in links.
    """

    main_menu = StreamField([("link", LinkBlock())], verbose_name=_("main menu"), blank=True)
    footer_columns = StreamField(
        [("column", FooterColumnBlock())], verbose_name=_("footer columns"), blank=True
    )
    portal_links_title = models.CharField(
        _("portal links title"), max_length=120, blank=True, default="Cổng dịch vụ công"
    )
    portal_links_title_en = models.CharField(
        _("portal links title in English"),
        max_length=120,
        blank=True,
        default="Public-service portals",
    )
    portal_links = StreamField(
        [("portal", PortalLinkBlock())], verbose_name=_("public-service portal links"), blank=True
    )
    registration_notice = models.TextField(
        _("registration notice"),
        blank=True,
        help_text=_("E.g. the notice of registration with the Ministry of Industry and Trade."),
    )
    registration_notice_en = models.TextField(_("registration notice in English"), blank=True)
    registration_url = models.URLField(_("registration notice link"), blank=True)

    panels = [
        FieldPanel("main_menu"),
        FieldPanel("footer_columns"),
        MultiFieldPanel(
            [
                FieldPanel("portal_links_title"),
                FieldPanel("portal_links_title_en"),
                FieldPanel("portal_links"),
            ],
            heading=_("Public-service portals"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_notice"),
                FieldPanel("registration_notice_en"),
                FieldPanel("registration_url"),
            ],
            heading=_("Registration notice"),
        ),
    ]

    class Meta:
        verbose_name = _("navigation and footer")
