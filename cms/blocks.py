"""StreamField blocks for articles, standard pages, the home banner and the menus.

Block import paths are stored in migrations: keep class names and this module stable.
Each content block renders through templates/components/streamfield/blocks/<name>.html.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

from cms.choosers import booth_chooser_viewset, product_chooser_viewset

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="cms.blocks"
)
BoothChooserBlock = booth_chooser_viewset.get_block_class(
    name="BoothChooserBlock", module_path="cms.blocks"
)

TEMPLATE_DIR = "components/streamfield/blocks"

# Rich text features editors may use; everything else is stripped by Wagtail's whitelist.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4", "hr", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", "H2"), ("h3", "H3")], default="h2", required=True
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = f"{TEMPLATE_DIR}/heading_block.html"


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text, cleaned when saved and again when rendered (see cms/sanitize.py)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def get_prep_value(self, value):
        from cms.sanitize import clean_stored_rich_text

        return clean_stored_rich_text(super().get_prep_value(value))

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = f"{TEMPLATE_DIR}/paragraph_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=255,
        help_text=_("Describe the picture for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = f"{TEMPLATE_DIR}/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = f"{TEMPLATE_DIR}/quote_block.html"


def validate_http_url(value):
    if urlsplit(value).scheme not in ("http", "https"):
        raise ValidationError(_("Enter a web address starting with http:// or https://."))


class VideoLinkBlock(blocks.StructBlock):
    """A link to a video elsewhere. No embed: the page loads nothing from outside."""

    url = blocks.URLBlock(label=_("Video address"), validators=[validate_http_url])
    title = blocks.CharBlock(label=_("Video title"), max_length=200)
    thumbnail = ImageChooserBlock(label=_("Thumbnail"), required=False)

    class Meta:
        icon = "media"
        label = _("Video link")
        template = f"{TEMPLATE_DIR}/video_link_block.html"


class DataTableBlock(TableBlock):
    class Meta:
        icon = "table"
        label = _("Table")
        template = f"{TEMPLATE_DIR}/table_block.html"


class RelatedProductsBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"), required=False, max_length=120, default="Sản phẩm liên quan"
    )
    products = blocks.ListBlock(ProductChooserBlock(label=_("Product")), label=_("Products"))

    class Meta:
        icon = "tag"
        label = _("Related products")
        template = f"{TEMPLATE_DIR}/related_products_block.html"

    def get_context(self, value, parent_context=None):
        from catalog.models import Product

        context = super().get_context(value, parent_context=parent_context)
        chosen = [p.pk for p in value["products"] if p is not None]
        cards = (parent_context or {}).get("product_cards")
        if cards is None:
            cards = {
                p.pk: p for p in Product.objects.public().with_card_data().filter(pk__in=chosen)
            }
        # Hidden products, products of suspended booths: silently left out.
        context["cards"] = [cards[pk] for pk in chosen if pk in cards]
        return context


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoLinkBlock()
    table = DataTableBlock()
    related_products = RelatedProductsBlock()


class BannerSlideBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    title_en = blocks.CharBlock(label=_("Title in English"), required=False, max_length=120)
    text = blocks.TextBlock(label=pgettext_lazy("block", "Text"), required=False, max_length=300)
    text_en = blocks.TextBlock(label=_("Text in English"), required=False, max_length=300)
    link_text = blocks.CharBlock(label=_("Button text"), required=False, max_length=60)
    link_text_en = blocks.CharBlock(
        label=_("Button text in English"), required=False, max_length=60
    )
    link_page = blocks.PageChooserBlock(label=_("Link to a page"), required=False)
    link_url = blocks.CharBlock(
        label=_("…or to an address"),
        required=False,
        max_length=300,
        help_text=_("A site path such as /san-pham/ or a full https:// address."),
    )

    class Meta:
        icon = "image"
        label = _("Banner slide")
        template = f"{TEMPLATE_DIR}/banner_slide_block.html"


def validate_link_target(value):
    if not value:
        return
    if value.startswith("/") and not value.startswith("//"):
        return
    if urlsplit(value).scheme in ("http", "https", "mailto", "tel"):
        return
    raise ValidationError(_("Enter a site path starting with / or a full https:// address."))


class LinkBlock(blocks.StructBlock):
    """A menu or footer link: to a page of the site, or to an address."""

    label = blocks.CharBlock(label=_("Label"), max_length=80)
    label_en = blocks.CharBlock(label=_("Label in English"), required=False, max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("…or address"),
        required=False,
        max_length=300,
        validators=[validate_link_target],
        help_text=_("A site path such as /san-pham/ or a full https:// address."),
    )

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                {"url": ValidationError(_("Choose a page or enter an address."))}
            )
        return value


class FooterColumnBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Column title"), max_length=80)
    title_en = blocks.CharBlock(label=_("Column title in English"), required=False, max_length=80)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"))

    class Meta:
        icon = "list-ul"
        label = _("Footer column")


class PortalLinkBlock(blocks.StructBlock):
    """A public-service portal (national e-services, the province's portal, …)."""

    label = blocks.CharBlock(label=_("Name"), max_length=120)
    label_en = blocks.CharBlock(label=_("Name in English"), required=False, max_length=120)
    url = blocks.URLBlock(label=_("Address"), validators=[validate_http_url])
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=200)
    description_en = blocks.CharBlock(
        label=_("Description in English"), required=False, max_length=200
    )

    class Meta:
        icon = "globe"
        label = _("Portal link")


__all__ = [
    "ArticleBodyBlock",
    "BannerSlideBlock",
    "BoothChooserBlock",
    "CaptionedImageBlock",
    "DataTableBlock",
    "FooterColumnBlock",
    "HeadingBlock",
    "LinkBlock",
    "ParagraphBlock",
    "PortalLinkBlock",
    "ProductChooserBlock",
    "QuoteBlock",
    "RelatedProductsBlock",
    "VideoLinkBlock",
]
