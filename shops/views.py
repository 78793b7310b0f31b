"""Public booth pages: the directory and a booth's own page."""

from django.shortcuts import get_object_or_404, render

from catalog.filters import descendants
from catalog.models import Product
from catalog.pagetags import catalogue_page
from core import fragments
from core.pagecache import cacheable
from counters import record_view
from shops import directory
from shops.forms import BoothFilterForm, BoothPageForm
from shops.models import Booth
from shops.seo import booth_json_ld

BOOTHS_PER_PAGE = 24
PRODUCTS_PER_PAGE = 24


@cacheable(BoothFilterForm, tags=catalogue_page)
def booth_list(request):
    params = BoothFilterForm.parse(request.GET)
    # Only areas with a public booth in them: a choice that lists nothing is a dead end.
    areas, categories = directory.choices()
    qs = Booth.objects.public().select_related("area", "logo")
    applied = {}
    area = {a.slug: a for a in areas}.get(params.get("area"))
    if area:
        qs = qs.filter(area=area)
        applied["area"] = area
    cat = {c.slug: c for c in categories}.get(params.get("category"))
    if cat:
        product_booths = Product.objects.public().filter(
            category_id__in=descendants(categories, cat)
        )
        qs = qs.filter(pk__in=product_booths.values("booth_id"))
        applied["category"] = cat
    if params.get("verified"):
        qs = qs.filter(is_verified=True)
        applied["verified"] = True
    qs = qs.order_by("-is_verified", "name")
    page = fragments.paginate(request, qs, BOOTHS_PER_PAGE, params.get("page"))
    return render(
        request,
        "shops/booth_list.html",
        {
            "page_obj": page,
            "booths": page.object_list,
            "areas": areas,
            "categories": [c for c in categories if c.parent_id is None],
            "applied": applied,
            "query_string": params.urlencode(drop=("page",)),
        },
    )


@cacheable(BoothPageForm, tags=catalogue_page)
def booth_detail(request, slug):
    booth = get_object_or_404(
        Booth.objects.public().select_related("area", "logo", "cover"), slug=slug
    )
    record_view(request, booth)
    products = (
        Product.objects.public().for_cards().filter(booth=booth).order_by("-created_at", "-pk")
    )
    params = BoothPageForm.parse(request.GET)
    page = fragments.paginate(request, products, PRODUCTS_PER_PAGE, params.get("page"))
    share_image = booth.cover or booth.logo
    og_image = share_image.get_rendition("fill-1200x630|format-jpeg") if share_image else None
    return render(
        request,
        "shops/booth_detail.html",
        {
            "booth": booth,
            "page_obj": page,
            "products": page.object_list,
            "og_image": og_image,
            "booth_json_ld": booth_json_ld(request, booth, og_image.url if og_image else ""),
        },
    )
