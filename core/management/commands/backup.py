"""`manage.py backup FOLDER`: the database and every uploaded file (core/backups.py)."""

from django.core.management.base import BaseCommand, CommandError

from core import backups


class Command(BaseCommand):
    help = "Back up the database and the media into FOLDER (created, must be empty)."

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, *args, folder, **options):
        try:
            manifest = backups.backup(folder)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backed up the {manifest['database']['vendor']} database and "
            f"{manifest['media']['files']} files into {folder}"
        )
