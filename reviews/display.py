"""Reviews on the product page (registered with `catalog.extensions` from `ready()`).

The average and count come from the product row (`rating_average`, `rating_count`); the
distribution is one query, the page of reviews a fixed handful (reviews with their author
and reply, photos with their images and renditions), whatever the number of reviews.
Nothing personal is added: the page may be cached for every visitor.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.utils.html import strip_tags

from .forms import ReportForm, ReviewListForm
from .models import Review, ReviewPhoto

PER_PAGE = 10
PHOTO_SPECS = ("fill-160x160|format-webp", "max-900x900|format-webp")
SORTS = {
    "newest": ("-created_at", "-pk"),
    "helpful": ("-helpful_count", "-created_at", "-pk"),
}
JSON_LD_REVIEWS = 5


def photos_prefetch():
    from images.models import Rendition

    return Prefetch(
        "photos",
        queryset=ReviewPhoto.objects.select_related("image").prefetch_related(
            Prefetch(
                "image__renditions",
                queryset=Rendition.objects.filter(filter_spec__in=PHOTO_SPECS),
                to_attr="prefetched_renditions",
            )
        ),
    )


def distribution(product):
    """[(stars, count, percent)] from 5 down to 1."""
    counts = dict(
        Review.objects.visible()
        .filter(product_id=product.pk)
        .order_by()
        .values_list("rating")
        .annotate(n=Count("pk"))
    )
    total = sum(counts.values())
    return [
        (stars, counts.get(stars, 0), round(100 * counts.get(stars, 0) / total) if total else 0)
        for stars in range(5, 0, -1)
    ]


def reviews_page(product, params):
    sort = params.get("reviews_sort") or "newest"
    qs = (
        Review.objects.visible()
        .filter(product_id=product.pk)
        .select_related("user", "reply")
        .prefetch_related(photos_prefetch())
        .order_by(*SORTS[sort])
    )
    paginator = Paginator(qs, PER_PAGE)
    paginator.count = product.rating_count  # kept on the product row: no COUNT query
    return paginator.get_page(params.get("reviews_page")), sort


def review_json_ld(review):
    data = {
        "@type": "Review",
        "reviewRating": {"@type": "Rating", "ratingValue": str(review.rating), "bestRating": "5"},
        "author": {"@type": "Person", "name": review.author_name},
        "datePublished": review.created_at.date().isoformat(),
    }
    if review.text:
        data["reviewBody"] = strip_tags(review.text)[:500]
    return data


def product_page(request, product, context):
    params = ReviewListForm.parse(request.GET)
    if product.rating_count:
        page, sort = reviews_page(product, params)
        reviews = list(page.object_list)
        dist = distribution(product)
    else:
        page, sort, reviews, dist = None, "newest", [], []
    context["reviews"] = {
        "page": page,
        "items": reviews,
        "sort": sort,
        "distribution": dist,
        "report_form": ReportForm(),
    }
    if reviews and "product_json_ld" in context:
        newest = sorted(reviews, key=lambda r: r.created_at, reverse=True)[:JSON_LD_REVIEWS]
        context["product_json_ld"]["review"] = [review_json_ld(r) for r in newest]
