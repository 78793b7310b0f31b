"""OCOP stars and certifications typed by sellers were never checked: from now on they are
derived from checked certificate records only, and no record exists yet. Sellers upload
their documents in the seller centre; the badges come back once a moderator checks them."""

from django.db import migrations


def clear_unchecked_badges(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    Product.objects.exclude(ocop_stars=0).update(ocop_stars=0)
    Product.certifications.through.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_certificates_and_ratings")]

    operations = [migrations.RunPython(clear_unchecked_badges, migrations.RunPython.noop)]
