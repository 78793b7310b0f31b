"""Every body block renders; editor input is sanitised or escaped."""

import pytest
from wagtail.rich_text import RichText

from catalog.models import Product
from cms.blocks import (
    ArticleBodyBlock,
    CaptionedImageBlock,
    DataTableBlock,
    HeadingBlock,
    LinkBlock,
    ParagraphBlock,
    QuoteBlock,
    RelatedProductsBlock,
    VideoLinkBlock,
)
from shops.models import Booth
from tests.factories import ImageFactory, ProductFactory, ProductImageFactory

pytestmark = pytest.mark.django_db


def render(block, value):
    return block.render(block.to_python(value) if isinstance(value, dict) else value)


def test_heading_block_renders_its_level():
    html = render(HeadingBlock(), {"text": "Mùa vải", "level": "h3"})
    assert '<h3 class="sf-heading">Mùa vải</h3>' in html


def test_paragraph_keeps_allowed_markup():
    html = ParagraphBlock().render(RichText("<p>Vải <b>Lục Ngạn</b> ngọt</p>"))
    assert "<b>Lục Ngạn</b>" in html


def test_image_block_renders_caption_and_rendition():
    image = ImageFactory()
    html = render(
        CaptionedImageBlock(), {"image": image.pk, "alt": "Vườn vải", "caption": "Mùa thu hoạch"}
    )
    assert "<figcaption>Mùa thu hoạch</figcaption>" in html
    assert 'alt="Vườn vải"' in html
    assert ".webp" in html


def test_quote_block_escapes_raw_text():
    html = render(
        QuoteBlock(), {"text": "<script>alert(1)</script> ngon", "attribution": "<b>Bà Lan</b>"}
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>Bà Lan</b>" not in html


def test_video_link_is_a_plain_link_without_embed():
    html = render(
        VideoLinkBlock(),
        {"url": "https://video.example/v/1", "title": "Hái vải", "thumbnail": None},
    )
    assert 'href="https://video.example/v/1"' in html
    assert "<iframe" not in html and "<script" not in html
    assert "Hái vải" in html


def test_video_link_refuses_javascript_urls():
    from django.core.exceptions import ValidationError

    block = VideoLinkBlock()
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python({"url": "javascript:alert(1)", "title": "x", "thumbnail": None})
        )


def test_table_block_renders_and_escapes_cells():
    value = {
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "Mùa vụ",
        "data": [["Sản phẩm", "Tháng"], ["Vải <img src=x onerror=alert(1)>", "5 – 7"]],
    }
    html = DataTableBlock().render(value)
    assert "<caption>Mùa vụ</caption>" in html
    assert '<th scope="col">Sản phẩm</th>' in html
    assert "<img" not in html and "&lt;img" in html


def test_related_products_block_drops_hidden_and_suspended_items():
    visible = ProductFactory(name="Mật ong bạc hà")
    ProductImageFactory(product=visible)
    hidden = ProductFactory(name="Sản phẩm bị ẩn", status=Product.Status.HIDDEN)
    suspended = ProductFactory(name="Hàng gian bị khóa")
    suspended.booth.status = Booth.Status.SUSPENDED
    suspended.booth.save()
    block = RelatedProductsBlock()
    value = block.to_python(
        {"title": "Liên quan", "products": [visible.pk, hidden.pk, suspended.pk]}
    )
    html = block.render(value)
    assert "Mật ong bạc hà" in html
    assert "Sản phẩm bị ẩn" not in html
    assert "Hàng gian bị khóa" not in html


def test_link_block_needs_a_page_or_an_address():
    from wagtail.blocks import StructBlockValidationError

    block = LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"label": "Trống", "page": None, "url": ""}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"label": "Xấu", "page": None, "url": "javascript:alert(1)"}))
    assert block.clean(block.to_python({"label": "Sản phẩm", "page": None, "url": "/san-pham/"}))


def test_every_article_block_renders_in_a_page(client, make_article):
    product = ProductFactory(name="Gà đồi Yên Thế")
    image = ImageFactory()
    stream = ArticleBodyBlock()
    body = stream.to_python(
        [
            {"type": "heading", "value": {"text": "Tiêu đề mục", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Đoạn văn <i>nghiêng</i>.</p>"},
            {"type": "image", "value": {"image": image.pk, "alt": "", "caption": "Chú thích ảnh"}},
            {"type": "quote", "value": {"text": "Câu trích dẫn", "attribution": "Chủ vườn"}},
            {
                "type": "video",
                "value": {
                    "url": "https://video.example/1",
                    "title": "Video vườn vải",
                    "thumbnail": None,
                },
            },
            {
                "type": "table",
                "value": {
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "data": [["Cột A"], ["Ô 1"]],
                },
            },
            {
                "type": "related_products",
                "value": {"title": "Sản phẩm liên quan", "products": [product.pk]},
            },
        ]
    )
    article = make_article(title="Bài đủ các khối", body=body)
    html = client.get(article.url).content.decode()
    for text in [
        "Tiêu đề mục",
        "<i>nghiêng</i>",
        "Chú thích ảnh",
        "Câu trích dẫn",
        "Video vườn vải",
        "Cột A",
        "Gà đồi Yên Thế",
    ]:
        assert text in html, text


def test_script_and_event_handlers_are_stripped_from_paragraphs(client, make_article):
    body = ArticleBodyBlock().to_python(
        [
            {
                "type": "paragraph",
                "value": '<p>An toàn<script>alert("x")</script><img src="x" onerror="alert(1)"><a href="javascript:alert(2)" onclick="alert(3)">liên kết</a></p>',
            }
        ]
    )
    article = make_article(body=body)
    response = client.get(article.url)
    html = response.content.decode()
    body_html = html.split('class="article__body"', 1)[1].split("</article>", 1)[0]
    assert "An toàn" in body_html
    assert "<script" not in body_html
    assert "onerror" not in body_html and "onclick" not in body_html
    assert "javascript:" not in body_html


def test_article_without_cover_image_renders(client, make_article):
    article = make_article(title="Bài không ảnh bìa", cover=False)
    response = client.get(article.url)
    assert response.status_code == 200
    assert "Bài không ảnh bìa" in response.content.decode()
    assert 'property="og:image"' not in response.content.decode()
