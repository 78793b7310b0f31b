"""Sort the image library: seller pictures away from the editors' collection.

Product photos, booth logos and covers move to "Ảnh sản phẩm", which no editor may
change; every other picture left in the root collection moves to "Ảnh tin bài", where
editors and approvers keep their rights (cms/workflow.py, images/collections.py).
"""

from django.db import migrations

from images.collections import EDITORIAL, PRODUCT_PHOTOS, child_in_migration


def sort_images(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Image = apps.get_model("images", "CustomImage")
    ProductImage = apps.get_model("catalog", "ProductImage")
    Booth = apps.get_model("shops", "Booth")

    products = child_in_migration(Collection, PRODUCT_PHOTOS)
    editorial = child_in_migration(Collection, EDITORIAL)
    seller_ids = set(ProductImage.objects.values_list("image_id", flat=True))
    for logo, cover in Booth.objects.values_list("logo_id", "cover_id"):
        seller_ids.update(pk for pk in (logo, cover) if pk)
    Image.objects.filter(pk__in=seller_ids).update(collection=products)
    root_ids = Collection.objects.filter(depth=1).values_list("pk", flat=True)
    Image.objects.filter(collection_id__in=root_ids).exclude(pk__in=seller_ids).update(
        collection=editorial
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_initial"),
        ("cms", "0004_news_pages_navigation"),
        ("images", "0001_initial"),
        ("shops", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(sort_images, migrations.RunPython.noop)]
