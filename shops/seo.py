"""What search engines and link previews learn about a booth: schema.org Store JSON-LD."""

from core.seo import absolute_url
from core.text import plain_text
from core.translation import translated


def booth_json_ld(request, booth, image_url=""):
    """schema.org Store (a LocalBusiness) for the booth page (rendered by `json_ld`)."""
    url = request.build_absolute_uri(booth.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Store",
        "@id": url,
        "name": booth.name,
        "url": url,
    }
    if booth.description:
        data["description"] = plain_text(booth.description)[:500]
    if image_url:
        data["image"] = absolute_url(request, image_url)
    if booth.phone:
        data["telephone"] = booth.phone
    if booth.email:
        data["email"] = booth.email
    address = {"@type": "PostalAddress", "addressCountry": "VN"}
    if booth.address:
        address["streetAddress"] = booth.address
    if booth.area_id:
        address["addressLocality"] = translated(booth.area, "name")
    data["address"] = address
    if booth.rating_count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": f"{booth.rating_average:.1f}",
            "reviewCount": booth.rating_count,
            "bestRating": "5",
            "worstRating": "1",
        }
    return data
