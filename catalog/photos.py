"""Product photos: uploaded files become Wagtail images attached in order to a product."""

from django.db import transaction
from django.db.models import Max
from wagtail.images import get_image_model

from catalog.models import ProductImage
from images.collections import product_collection

MAX_PHOTOS = 10


def store_image(uploaded, *, title):
    """Save a validated upload (from `WagtailImageField`) as a CustomImage.

    Product photos and booth pictures go to the product-photo collection, which no
    editor may change; the original is stored without its metadata (images.metadata).
    """
    Image = get_image_model()
    image = Image(title=title[:255], file=uploaded, collection=product_collection())
    image._set_image_file_metadata()
    image.save()
    return image


@transaction.atomic
def add_photos(product, files):
    """Attach *files* (already validated) after the product's existing photos."""
    start = (product.images.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    added = []
    for offset, uploaded in enumerate(files):
        image = store_image(uploaded, title=product.name)
        added.append(
            ProductImage.objects.create(
                product=product, image=image, sort_order=start + offset, alt=product.name[:255]
            )
        )
    return added


@transaction.atomic
def move_photo(photo, direction):
    """Swap *photo* with its neighbour ("up" = earlier, "down" = later)."""
    photos = list(photo.product.images.order_by("sort_order", "pk"))
    index = next(i for i, p in enumerate(photos) if p.pk == photo.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(photos):
        return
    photos[index], photos[other] = photos[other], photos[index]
    for position, item in enumerate(photos):
        if item.sort_order != position:
            ProductImage.objects.filter(pk=item.pk).update(sort_order=position)


@transaction.atomic
def remove_photo(photo):
    image = photo.image
    photo.delete()
    # Drop the image file too when no other product (a duplicate) still uses it.
    if not ProductImage.objects.filter(image=image).exists():
        image.delete()
