"""Folding, highlighting and parameter parsing: the parts that need no server."""

import pytest

from search.params import MAX_PAGE, SearchParams
from search.text import clean_query, highlight, search_fold, terms


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Vải thiều Lục Ngạn", "vai thieu luc ngan"),
        ("Gà đồi Yên Thế", "ga doi yen the"),
        ("Mỳ Chũ", "mi chu"),
        ("Mì Chũ", "mi chu"),
        ("MỲ CHŨ", "mi chu"),
        ("Thủy sản Kỳ Sơn", "thuy san ki son"),
        ("ĐẶC SẢN", "dac san"),
    ],
)
def test_search_fold(text, folded):
    assert search_fold(text) == folded
    assert len(search_fold(text)) == len(text)  # offsets stay aligned for highlighting


def test_terms_drop_lucene_syntax():
    assert terms('title:* "vải (thiều') == ["title", "vai", "thieu"]


def test_clean_query_removes_control_characters_and_bounds_length():
    assert clean_query("vải\x00 thiều\x07\n") == "vải thiều"
    assert len(clean_query("a" * 10_000)) == 200


def test_highlight_marks_folded_matches_and_escapes_everything_else():
    html = highlight("<b>Vải</b> thiều & mật ong", terms("vai thieu"))
    assert html == "&lt;b&gt;<mark>Vải</mark>&lt;/b&gt; <mark>thiều</mark> &amp; mật ong"


def test_highlight_tolerates_a_typo_and_cuts_long_text_around_the_match():
    text = "Đầu. " + "lời giới thiệu dài " * 40 + "gà đồi Yên Thế thơm ngon"
    html = highlight(text, terms("ga doi yeen the"), length=80)
    assert html.startswith("…")
    assert "<mark>Yên</mark> <mark>Thế</mark>" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"page": "-1"}, {"page": 1}),
        ({"page": "1000000000"}, {"page": MAX_PAGE}),
        ({"page": "abc"}, {"page": 1}),
        (
            {"category": "x", "area": "-3", "stars": "9"},
            {"category": None, "area": None, "stars": None},
        ),
        (
            {"price": "0-1", "sort": "DROP TABLE", "tab": "x"},
            {"price": None, "sort": "relevance", "tab": "all"},
        ),
        ({"stars": "0", "price": "50000-100000"}, {"stars": 0, "price": "50000-100000"}),
    ],
)
def test_params_are_parsed_leniently(query, expected):
    params = SearchParams.from_get(query)
    for key, value in expected.items():
        assert getattr(params, key) == value


def test_params_url_toggles_and_drops_defaults():
    params = SearchParams.from_get({"q": "vải", "category": "3", "page": "2"})
    assert params.url(category=None, page=None) == "?q=v%E1%BA%A3i"
    assert "page=3" in params.url(page=3)


def test_plain_text_of_sanitised_description():
    from search.text import plain_text

    assert plain_text("<p>Vải <strong>ngon</strong></p><p>&amp; rẻ</p>").split() == [
        "Vải",
        "ngon",
        "&",
        "rẻ",
    ]


@pytest.mark.parametrize(
    "html",
    [
        '<p class="lead">Vải&nbsp;thiều</p><br/><p>ngọt &amp; thơm</p>',
        '<a href="/x?a=1&amp;b=2" title="q">Mua</a> ngay',
        '<a href="x>y">lạ</a>',  # ">" inside an attribute: the parser's answer
        "giá < 50.000đ và <b>tươi</b>",
        "<script>alert(1)</script>chữ",
        "<!-- ghi chú -->chữ",
        "<my-tag>chữ</my-tag>",
    ],
)
def test_plain_text_matches_djangos_strip_tags(html):
    """The quick path for sanitised HTML gives what Django's HTML parser gives."""
    import html as html_lib

    from django.utils.html import strip_tags

    from search.text import plain_text

    assert plain_text(html) == html_lib.unescape(strip_tags(html.replace("<", " <")))
