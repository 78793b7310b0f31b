"""Tables that moved between apps (for migrations).

The site settings and the counters' tables were first made by the project package
(`marketplace_*`); they now belong to `core` and `counters`. Their first migrations
declare the models in the migration state only and then run `adopt_or_create`: on a
database made before the move the old table is renamed (rows, indexes and constraints
kept); on a fresh database the table is created.
"""

from django.db import migrations


def adopt_or_create(old_table, model_label):
    app_label, model_name = model_label.split(".")

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        if old_table in schema_editor.connection.introspection.table_names():
            schema_editor.alter_db_table(model, old_table, model._meta.db_table)
        else:
            schema_editor.create_model(model)

    def backwards(apps, schema_editor):
        schema_editor.delete_model(apps.get_model(app_label, model_name))

    return migrations.RunPython(forwards, backwards)
