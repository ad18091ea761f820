"""Print how long an import takes: a 60 KB communiqué parsed and written, and OCR per scanned page.

Everything it writes is rolled back. A benchmark, not a test: figures depend on the machine.
"""

import io
import os
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from meetings.importer.benchmark import large_communique
from meetings.importer.formats.ocr import ocr_available
from meetings.importer.service import NEW, import_file


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Time the importer on a generated 60 KB communiqué (parse and write, SQL statements counted) and "
        "OCR on generated scanned pages. Writes nothing (rolled back)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=60_000, help="bytes of the generated communiqué")
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--ocr-pages", type=int, default=2, help="scanned pages to OCR (0 to skip)")

    def handle(self, *args, size, runs, ocr_pages, **options):
        text = large_communique(size).encode()
        timings, cpu = [], []
        for run in range(runs):
            data = text + f"\n{run}".encode()  # a new file each run
            try:
                with transaction.atomic(), CaptureQueriesContext(connection) as queries:
                    started, started_cpu = time.perf_counter(), time.process_time()
                    result = import_file(data, f"bench-{run}.txt", on_match=NEW)
                    timings.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - started_cpu)
                    statements = len(queries.captured_queries)
                    raise _Rollback
            except _Rollback:
                pass
        draft = result.draft
        self.stdout.write(
            f"communiqué: {len(text) / 1000:.0f} KB, {len(draft.agreements)} agreements, "
            f"{len(draft.action_items)} action items, {len(draft.participants)} participants"
        )
        self.stdout.write(
            f"import (read, parse, write): best {min(timings):.2f} s, "
            f"median {sorted(timings)[len(timings) // 2]:.2f} s "
            f"over {runs} runs; {statements} SQL statements ({connection.vendor})"
        )
        self.stdout.write(
            f"  of which this process's CPU: best {min(cpu):.2f} s (wall time grows with the machine's load; "
            f"load average now {os.getloadavg()[0]:.1f})"
        )
        if ocr_pages and ocr_available():
            self.ocr(ocr_pages)
        elif ocr_pages:
            self.stdout.write("OCR: tesseract is not installed; skipped")

    def ocr(self, pages: int) -> None:
        from PIL import Image, ImageDraw, ImageFont

        from meetings.importer.reading import read_file

        font = ImageFont.load_default(size=30)
        lines = large_communique(6000).splitlines()[:45]
        images = []
        for _ in range(pages):
            image = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
            draw = ImageDraw.Draw(image)
            for index, line in enumerate(lines):
                draw.text((150, 150 + index * 70), line[:110], fill=0, font=font)
            images.append(image)
        buffer = io.BytesIO()
        images[0].save(buffer, "PDF", resolution=300, save_all=True, append_images=images[1:])
        result = read_file(buffer.getvalue(), "scan.pdf")
        self.stdout.write(
            f"OCR: {result.pages} A4 pages at 300 dpi in {result.ocr_seconds:.1f} s "
            f"({result.ocr_seconds / result.pages:.1f} s a page, tesseract eng+spa)"
        )
