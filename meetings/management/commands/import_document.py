from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.importer.errors import DocumentImportError
from meetings.importer.reading import EXTENSIONS
from meetings.importer.service import ATTACH, MAX_SIZE_TEXT, NEW, OFFER, import_file
from meetings.models import Process


class Command(BaseCommand):
    help = (
        f"Import communiqués, declarations or reports ({', '.join(EXTENSIONS)}; scans are read by OCR; up to "
        f"{MAX_SIZE_TEXT} each) as draft meetings for staff to check and publish. "
        "A file imported before (same content) is recognised and creates nothing; a document of a meeting "
        "already in the archive creates nothing either unless --attach (add it to that meeting, as another "
        "language version or another document) or --new-meeting is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help=f"a document file, at most {MAX_SIZE_TEXT}")
        parser.add_argument("--process", metavar="SLUG", help="the process the meetings belong to (e.g. rcm)")
        parser.add_argument("--dry-run", action="store_true", help="read and report, write nothing")
        parser.add_argument("--report", action="store_true", help="print the full import report of each file")
        choice = parser.add_mutually_exclusive_group()
        choice.add_argument(
            "--attach", action="store_true", help="add a document of a meeting already in the archive to that meeting"
        )
        choice.add_argument(
            "--new-meeting", action="store_true", help="create a meeting even if one with the same dates matches"
        )

    def handle(
        self, *args, files, process=None, dry_run=False, report=False, attach=False, new_meeting=False, **options
    ):
        if process and not Process.objects.filter(slug=process).exists():
            known = ", ".join(Process.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f'unknown process "{process}" (known: {known})')
        failures = 0
        for name in files:
            path = Path(name)
            try:
                if not path.is_file():
                    raise DocumentImportError("no such file.")
                on_match = ATTACH if attach else NEW if new_meeting else OFFER
                result = import_file(path.read_bytes(), path.name, process=process, dry_run=dry_run, on_match=on_match)
            except DocumentImportError as error:
                failures += 1
                self.stderr.write(f"error: {name}: {error}")
                continue
            self.stdout.write(f"{name}: {result.summary()}")
            if (report or dry_run) and result.report:
                self.stdout.write(result.report)
        if failures:
            raise CommandError(
                f"{failures} of {len(files)} file{'s' if len(files) != 1 else ''} could not be imported."
            )
