"""One import, from uploaded bytes to draft records: what the command and the admin page both call."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from meetings.importer.errors import DocumentImportError
from meetings.importer.parsing import ImportDraft, parse_document
from meetings.importer.reading import MAX_BYTES, MAX_SIZE_TEXT, read_document
from meetings.importer.report import render_report
from meetings.importer.writing import write_draft
from meetings.models import Document, Meeting, Process

__all__ = ["MAX_BYTES", "MAX_SIZE_TEXT", "ImportResult", "import_file"]


@dataclass
class ImportResult:
    """What became of one file: created, already imported, or only parsed (dry run)."""

    name: str
    sha256: str
    draft: ImportDraft | None = None
    report: str = ""
    meeting: Meeting | None = None
    duplicate_of: Document | None = None
    dry_run: bool = False

    @property
    def created(self) -> bool:
        return self.meeting is not None and self.duplicate_of is None and not self.dry_run

    def summary(self) -> str:
        if self.duplicate_of is not None:
            meeting = self.duplicate_of.meeting
            return (f"already imported as document \"{self.duplicate_of.title}\" of meeting "
                    f"\"{meeting.title}\" ({meeting.slug}); nothing created.")  # fmt: skip
        draft = self.draft
        counts = (f"{len(draft.participants)} participants, {len(draft.agreements)} agreements, "
                  f"{len(draft.action_items)} action items, {len(draft.unplaced)} lines not placed")  # fmt: skip
        if self.dry_run:
            return f'dry run: would create draft meeting "{draft.title}" ({counts}); nothing written.'
        return f'created draft meeting "{self.meeting.title}" ({self.meeting.slug}): {counts}.'


def import_file(data: bytes, name: str, *, process: str | None = None, dry_run: bool = False) -> ImportResult:
    """Import one file's bytes. Raises DocumentImportError (nothing written) when it cannot."""
    if process and not Process.objects.filter(slug=process).exists():
        known = ", ".join(Process.objects.order_by("slug").values_list("slug", flat=True))
        raise DocumentImportError(f'unknown process "{process}" (known: {known}).')
    sha256 = hashlib.sha256(data).hexdigest()
    result = ImportResult(name=name, sha256=sha256, dry_run=dry_run)
    existing = Document.objects.select_related("meeting").filter(source_sha256=sha256).first()
    if existing is not None:
        result.duplicate_of = existing
        return result
    text = read_document(data, name)
    result.draft = parse_document(text, process=process)
    result.report = render_report(result.draft, source=name)
    if not dry_run:
        result.meeting = write_draft(result.draft, sha256=sha256, source=name, report=result.report)
    return result
