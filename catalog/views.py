"""Public catalogue pages: product list, category pages, product page, QR code."""

import io

import qrcode
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from wagtail.images.models import SourceImageIOError

from catalog import certificates, extensions
from catalog.filters import (
    SORT_CHOICES,
    ProductFilterForm,
    apply_filters,
    chosen_filters,
    filter_choices,
    offered_areas,
)
from catalog.models import Category, Product, photos_prefetch
from catalog.pagetags import catalogue_page, product_page
from core import fragments
from core.pagecache import cacheable
from core.seo import absolute_url
from core.text import plain_text
from core.translation import translated
from counters import record_view

PER_PAGE = 24
# the specs product_detail.html renders (srcset widths of the gallery and its thumbnails)
GALLERY_SPECS = (
    "max-450x450|format-webp",
    "max-900x900|format-webp",
    "fill-64x64|format-webp",
    "fill-128x128|format-webp",
)


def _browse(request, category=None):
    categories, areas, certifications = filter_choices()
    params = ProductFilterForm.parse(request.GET)
    qs, applied = apply_filters(
        Product.objects.public().for_cards(),
        params,
        categories=categories,
        areas=areas,
        certifications=certifications,
        category=category,
    )
    page = fragments.paginate(request, qs, PER_PAGE, params.get("page"))
    # Only well-formed parameters go into pagination links.
    keep_out = ("page", "category") if category is not None else ("page",)
    return render(
        request,
        "catalog/product_list.html",
        {
            "page_obj": page,
            "products": page.object_list,
            "categories": [c for c in categories if c.parent_id is None],
            "all_categories": categories,
            "areas": offered_areas(areas),
            "certifications": certifications,
            "params": params,
            "applied": applied,
            "filters_chosen": len(chosen_filters(applied, category)),
            "category": category,
            "sort_choices": SORT_CHOICES,
            "query_string": params.urlencode(drop=keep_out),
            "ocop_choices": range(1, 6),
        },
    )


@cacheable(ProductFilterForm, tags=catalogue_page)
def product_list(request):
    return _browse(request)


@cacheable(ProductFilterForm, tags=catalogue_page)
def category(request, slug):
    cat = get_object_or_404(Category, slug=slug, is_active=True)
    return _browse(request, category=cat)


def _public_product(slug):
    qs = (
        Product.objects.public()
        .select_related("booth", "booth__area", "booth__logo", "category", "origin_area")
        .prefetch_related(photos_prefetch(GALLERY_SPECS))
    )
    return get_object_or_404(qs, slug=slug)


def _json_ld(request, product, photos):
    """schema.org Product for search engines (rendered by the `json_ld` filter)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "sku": str(product.pk),
        "url": request.build_absolute_uri(product.get_absolute_url()),
        "category": translated(product.category, "name"),
        "brand": {"@type": "Brand", "name": product.booth.name},
        "offers": {
            "@type": "Offer",
            "price": str(product.price),
            "priceCurrency": "VND",
            "availability": "https://schema.org/InStock"
            if product.stock > 0
            else "https://schema.org/OutOfStock",
            "url": request.build_absolute_uri(product.get_absolute_url()),
            "seller": {"@type": "Organization", "name": product.booth.name},
        },
    }
    if product.rating_count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": f"{product.rating_average:.1f}",
            "reviewCount": product.rating_count,
            "bestRating": "5",
            "worstRating": "1",
        }
    if product.description:
        data["description"] = plain_text(product.description)[:500]
    images = [
        url for url in (_rendition_url(p.image, "max-900x900|format-webp") for p in photos) if url
    ]
    if images:
        data["image"] = [absolute_url(request, url) for url in images]
    return data


def _rendition_url(image, spec):
    """A rendition's URL, or "" when the original file is gone (a photo whose file was lost
    must not take the product page down: the {% image %} tag shows a placeholder)."""
    try:
        return image.get_rendition(spec).url
    except SourceImageIOError:
        return ""


RELATED = 4


def related_products(request, product):
    """The most viewed public products of *product*'s category, itself left out.

    The ranking (a sort over the whole category: ~30 ms at 100 000 products) is kept per
    category for `FRAGMENT_CACHE_SECONDS`, a few more ids than shown; the rows are read
    fresh, so a product hidden or sold since then is left out or shown as it is now."""
    ranked = Product.objects.public().filter(category_id=product.category_id)
    ranked = ranked.order_by("-view_count", "-pk").values_list("pk", flat=True)
    ids = fragments.cached_value(
        request,
        f"related:{product.category_id}",
        lambda: list(ranked[: RELATED * 2 + 1]),
    )
    rows = Product.objects.public().for_cards().in_bulk([pk for pk in ids if pk != product.pk])
    return [rows[pk] for pk in ids if pk in rows][:RELATED]


@cacheable(tags=product_page)
def product_detail(request, slug):
    product = _public_product(slug)
    record_view(request, product)
    photos = list(product.images.all())
    related = related_products(request, product)
    context = {
        "product": product,
        "booth": product.booth,
        "photos": photos,
        "certificates": certificates.badges(product),
        "related": related,
        "product_json_ld": _json_ld(request, product, photos),
        "months": range(1, 13),
        "season_months": product.season_months,
        "absolute_url": request.build_absolute_uri(product.get_absolute_url()),
    }
    extensions.extend_product_page(request, product, context)
    return render(request, "catalog/product_detail.html", context)


@cache_control(public=True, max_age=86400)
def product_qr(request, slug):
    """A PNG QR code that opens the product page (printable, for traceability)."""
    product = Product.objects.public().filter(slug=slug).only("slug").first()
    if product is None:
        raise Http404
    url = request.build_absolute_uri(product.get_absolute_url())
    image = qrcode.make(url, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type="image/png")
