from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
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
