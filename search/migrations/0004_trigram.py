"""pg_trgm on PostgreSQL (trigram similarity ranks the database fallback's results and
pre-selects typo corrections). `CreateExtension` does nothing on other databases: on
SQLite `search.typos` works in Python."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0003_seed_synonyms")]

    operations = [TrigramExtension()]
