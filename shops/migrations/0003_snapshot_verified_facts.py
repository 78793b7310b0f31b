"""Booths verified before the facts were recorded keep their badge, tied from now on to the
facts they show today: a later change of any of them drops it."""

from django.db import migrations

FACTS = ("name", "registration_number", "address", "owner_name")


def snapshot(apps, schema_editor):
    Booth = apps.get_model("shops", "Booth")
    for booth in Booth.objects.filter(is_verified=True):
        booth.verified_facts = {f: (getattr(booth, f) or "").strip() for f in FACTS}
        booth.save(update_fields=["verified_facts"])


class Migration(migrations.Migration):
    dependencies = [("shops", "0002_verified_facts_and_ratings")]

    operations = [migrations.RunPython(snapshot, migrations.RunPython.noop)]
