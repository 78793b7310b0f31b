"""Product descriptions are a little rich text, sanitised with nh3 before they are kept."""

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}


def sanitize_description(html: str) -> str:
    """Keep paragraphs, line breaks, bold, italic, lists and links; drop everything else.

    Links get rel="nofollow noopener noreferrer" and only http(s)/mailto/tel schemes.
    """
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="nofollow noopener noreferrer",
    ).strip()
