"""HTML cleaning for rich text.

Wagtail's editor only produces whitelisted markup, but rich text can also arrive through
imports, the API or a crafted form post. Paragraphs are therefore cleaned again with nh3
(an allow-list HTML sanitiser) after Wagtail has expanded its internal links.
"""

import nh3

ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "a", "ul", "ol", "li",
    "h2", "h3", "h4", "hr", "blockquote", "sub", "sup",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html):
    return nh3.clean(
        str(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )


# Stored rich text keeps Wagtail's internal link and embed markup (<a linktype="page" id="3">,
# <embed embedtype="image" …>) so the editor can still read it back.
STORED_TAGS = ALLOWED_TAGS | {"embed"}
STORED_ATTRIBUTES = {
    "a": {"href", "title", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}


def clean_stored_rich_text(source):
    if not source:
        return source
    return nh3.clean(
        str(source),
        tags=STORED_TAGS,
        attributes=STORED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )
