from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page


class HomePage(Page):
    """The market's front page, one per site."""

    intro = models.CharField(
        _("banner text"),
        max_length=255,
        blank=True,
        default="Đặc sản địa phương, từ người làm ra đến tận tay bạn",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "cms/home_page.html"

    class Meta:
        verbose_name = _("home page")


class NewsIndexPage(Page):
    """The news section (/tin-tuc/)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage"]
    template = "cms/news_index_page.html"

    class Meta:
        verbose_name = _("news index")


class ArticlePage(Page):
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
    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title")),
            ("paragraph", blocks.RichTextBlock()),
            ("image", ImageChooserBlock()),
        ],
        verbose_name=_("body"),
        blank=True,
    )
    view_count = models.PositiveBigIntegerField(_("views"), default=0, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("author_name"),
        FieldPanel("lead"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []
    template = "cms/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def body_text(self):
        """The body as plain text (headings and paragraphs)."""
        parts = []
        for block in self.body:
            if block.block_type == "heading":
                parts.append(str(block.value))
            elif block.block_type == "paragraph":
                parts.append(strip_tags(block.value.source))
        return "\n".join(parts)

    def search_payload(self):
        return {
            "id": self.pk,
            "title": self.title,
            "lead": self.lead,
            "body": self.body_text(),
            "date": self.date,
            "url": self.url,
            "cover_image_id": self.cover_image_id,
        }
