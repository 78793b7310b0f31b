"""Width descriptors that stay valid HTML for photos smaller than the layout asks for.

Wagtail never enlarges a photo, so a 300 px logo asked for at 80, 160 and 240 px
gives renditions of the same width, and Wagtail's ``srcset_image`` writes the
same width twice — which browsers may ignore and the HTML standard forbids.
We keep the first rendition of each width (the smallest file for that width).
"""

from wagtail.images.models import ResponsiveImage


def width_srcset(renditions) -> str:
    seen, parts = set(), []
    for rendition in renditions:
        if rendition.width in seen:
            continue
        seen.add(rendition.width)
        parts.append(f"{rendition.url} {rendition.width}w")
    return ", ".join(parts)


def install() -> None:
    """Have every ``srcset_image`` tag use :func:`width_srcset`."""
    ResponsiveImage.get_width_srcset = classmethod(lambda cls, renditions: width_srcset(renditions))
