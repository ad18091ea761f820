from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.importer.accuracy import score_folder


class Command(BaseCommand):
    help = (
        "Score the importer on a folder of documents: each FILE.txt (or .pdf, .docx, .html, ...) beside a FILE.json of "
        "hand-written answers. Prints, per field, how many documents were right (and precision and "
        "recall for lists), then one overall line. Writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR")

    def handle(self, *args, folder, **options):
        path = Path(folder)
        if not path.is_dir():
            raise CommandError(f"{folder}: not a folder")
        report = score_folder(path)
        if not report.documents:
            raise CommandError(f"{folder}: no document (FILE.txt, FILE.pdf, ...) with a FILE.json beside it")
        for line in report.lines():
            self.stdout.write(line)
