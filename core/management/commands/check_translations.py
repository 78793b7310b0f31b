"""`manage.py check_translations`: project msgids that shadow Wagtail's, Django's or allauth's.

Lists every message id of the project's compiled catalogues, without a translation
context, that an installed package translates differently (core/translations.py); exits 1
when there is one. Give the project's use a context (`pgettext`, `{% translate … context … %}`)
or, for the same meaning, add it to `core.translations.SAME_MEANING` with the reason.
"""

from django.core.management.base import BaseCommand, CommandError

from core.translations import find_clashes


class Command(BaseCommand):
    help = "List project translations that override an installed package's translation."

    def add_arguments(self, parser):
        parser.add_argument("--language", default="vi")

    def handle(self, *args, language, **options):
        clashes = find_clashes(language)
        for clash in clashes:
            self.stdout.write(str(clash))
        if clashes:
            raise CommandError(f"{len(clashes)} translation clash(es)")
        self.stdout.write("no clashes")
