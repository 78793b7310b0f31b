"""`manage.py restore FOLDER`: put a backup back (core/backups.py).

Into a fresh, empty database (do not migrate first) and a fresh storage; then rebuild the
search index (`manage.py search_index rebuild`).
"""

from django.core.management.base import BaseCommand, CommandError

from core import backups


class Command(BaseCommand):
    help = "Restore the database and the media from a backup FOLDER."

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, *args, folder, **options):
        try:
            manifest = backups.restore(folder)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the {manifest['database']['vendor']} database and "
            f"{manifest['media']['restored']} files from {folder}"
        )
