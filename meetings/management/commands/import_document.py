from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.importer.errors import DocumentImportError
from meetings.importer.service import MAX_SIZE_TEXT, import_file
from meetings.models import Process


class Command(BaseCommand):
    help = (
        "Import communiqués, declarations or reports (.txt or .pdf, up to "
        f"{MAX_SIZE_TEXT} each) as draft meetings for staff to check and publish. "
        "A file imported before (same content) is recognised and creates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help=f".txt or .pdf file, at most {MAX_SIZE_TEXT}")
        parser.add_argument("--process", metavar="SLUG", help="the process the meetings belong to (e.g. rcm)")
        parser.add_argument("--dry-run", action="store_true", help="read and report, write nothing")
        parser.add_argument("--report", action="store_true", help="print the full import report of each file")

    def handle(self, *args, files, process=None, dry_run=False, report=False, **options):
        if process and not Process.objects.filter(slug=process).exists():
            known = ", ".join(Process.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f'unknown process "{process}" (known: {known})')
        failures = 0
        for name in files:
            path = Path(name)
            try:
                if not path.is_file():
                    raise DocumentImportError("no such file.")
                result = import_file(path.read_bytes(), path.name, process=process, dry_run=dry_run)
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
