"""Compiles locale/*/LC_MESSAGES/*.po to .mo without GNU gettext (see meetings/translations.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from meetings.translations import compile_catalogues


class Command(BaseCommand):
    help = "Compile the interface's translation catalogues (.po -> .mo) in pure Python; no GNU gettext needed."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Rebuild every catalogue, even an up-to-date one.")

    def handle(self, *args, force: bool = False, **options):
        written = compile_catalogues(list(settings.LOCALE_PATHS), force=force)
        for path in written:
            self.stdout.write(f"Compiled {path}")
        if not written:
            self.stdout.write("Translation catalogues are up to date.")
