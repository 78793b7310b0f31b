"""Who may touch which booth. Every seller-side view goes through here (no IDOR).

Staff of booth A asking for anything of booth B get a 404, never a 403 that confirms
the object exists.
"""

from django.http import Http404

from shops.models import Booth


def booths_for(user):
    """Booths *user* may manage as a seller (owner or staff)."""
    return Booth.objects.for_user(user)


def get_booth_for_staff_or_404(user, **lookup):
    """The booth matching *lookup* if *user* is one of its members, else Http404."""
    try:
        return booths_for(user).get(**lookup)
    except Booth.DoesNotExist:
        raise Http404 from None


def products_for(user):
    """Products of the booths *user* works at."""
    from catalog.models import Product

    return Product.objects.filter(booth__in=booths_for(user))


def get_product_for_staff_or_404(user, pk):
    product = products_for(user).select_related("booth").filter(pk=pk).first()
    if product is None:
        raise Http404
    return product


def get_photo_for_staff_or_404(user, pk):
    from catalog.models import ProductImage

    photo = (
        ProductImage.objects.filter(product__booth__in=booths_for(user), pk=pk)
        .select_related("product", "image")
        .first()
    )
    if photo is None:
        raise Http404
    return photo
