"""One import, from uploaded bytes to draft records: what the command and the admin page both call.

A file imported before (same bytes) creates nothing. A document of a meeting the archive already
holds (same process and dates, or a close title and the same dates) creates no second meeting: it
is offered to be attached to that meeting — as another language version of its document in the
other language, or as another document — and attached when the caller says so.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from meetings.importer.errors import DocumentImportError
from meetings.importer.matching import MeetingMatch, find_match
from meetings.importer.parsing import ImportDraft, parse_document
from meetings.importer.reading import MAX_BYTES, MAX_SIZE_TEXT, read_file
from meetings.importer.report import findings_of, render_report
from meetings.importer.writing import attach_draft, write_draft
from meetings.models import Document, Meeting, Process

__all__ = ["MAX_BYTES", "MAX_SIZE_TEXT", "ImportResult", "import_file"]

#: What to do with a document of a meeting already in the archive.
OFFER, ATTACH, NEW = "offer", "attach", "new"


@dataclass
class ImportResult:
    """What became of one file: created, attached, offered to attach, already imported, or only parsed."""

    name: str
    sha256: str
    draft: ImportDraft | None = None
    report: str = ""
    meeting: Meeting | None = None
    document: Document | None = None
    duplicate_of: Document | None = None
    match: MeetingMatch | None = None
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def created(self) -> bool:
        return self.meeting is not None and self.duplicate_of is None and not self.dry_run and not self.attached

    @property
    def attached(self) -> bool:
        return self.document is not None and self.match is not None

    @property
    def offered(self) -> bool:
        return self.match is not None and self.document is None

    def summary(self) -> str:
        if self.duplicate_of is not None:
            meeting = self.duplicate_of.meeting
            return (f"already imported as document \"{self.duplicate_of.title}\" of meeting "
                    f"\"{meeting.title}\" ({meeting.slug}); nothing created.")  # fmt: skip
        if self.attached:
            how = (
                f'as the {self.document.get_language_display()} version of "{self.match.version_of.title}"'
                if self.match.version_of
                else "as another document"
            )  # noqa: E501 - a pattern or message reads better on one line
            return (
                f'attached to meeting "{self.match.meeting.title}" ({self.match.meeting.slug}) {how}; no new meeting.'
            )
        if self.offered:
            return (f'this is a document of the meeting "{self.match.meeting.title}" ({self.match.meeting.slug}), '
                    f"already in the archive ({self.match.reason}): {self.match.offer}. Nothing created.")  # fmt: skip
        draft = self.draft
        counts = (f"{len(draft.participants)} participants, {len(draft.agreements)} agreements, "
                  f"{len(draft.action_items)} action items, {len(draft.unplaced)} lines not placed")  # fmt: skip
        if self.dry_run:
            return f'dry run: would create draft meeting "{draft.title}" ({counts}); nothing written.'
        return f'created draft meeting "{self.meeting.title}" ({self.meeting.slug}): {counts}.'


def import_file(
    data: bytes,
    name: str,
    *,
    process: str | None = None,
    dry_run: bool = False,
    on_match: str = OFFER,
    meeting: Meeting | None = None,
    user=None,
) -> ImportResult:
    """Import one file's bytes. Raises DocumentImportError (nothing written) when it cannot.

    `on_match`: with a meeting already in the archive, "offer" (create nothing and say so), "attach"
    (add the document to it) or "new" (create a meeting all the same). `meeting` attaches to that
    meeting whatever the match.
    """
    if process and not Process.objects.filter(slug=process).exists():
        known = ", ".join(Process.objects.order_by("slug").values_list("slug", flat=True))
        raise DocumentImportError(f'unknown process "{process}" (known: {known}).')
    sha256 = hashlib.sha256(data).hexdigest()
    result = ImportResult(name=name, sha256=sha256, dry_run=dry_run)
    existing = Document.objects.select_related("meeting").filter(source_sha256=sha256).first()
    if existing is not None:
        result.duplicate_of = existing
        return result
    read = read_file(data, name)
    draft = result.draft = parse_document(read.text, process=process)
    if read.note:
        draft.notes.insert(0, read.note)
    result.match = MeetingMatch.for_meeting(meeting, draft) if meeting is not None else find_match(draft)
    if result.match and on_match == NEW and meeting is None:
        draft.notes.append(
            f"Created although {result.match.meeting.slug} looked like the same meeting ({result.match.reason})."
        )  # noqa: E501 - a pattern or message reads better on one line
        result.match = None
    result.report = render_report(draft, source=name, match=result.match)
    findings = findings_of(draft, read)
    source = (draft.source or name)[:500]
    if dry_run or (result.match and on_match == OFFER and meeting is None):
        return result
    if result.match:
        result.document = attach_draft(
            draft, result.match.meeting, sha256=sha256, source=source, report=result.report, findings=findings,
            version_of=result.match.version_of, user=user,
        )  # fmt: skip
        result.meeting = result.match.meeting
        return result
    if draft.start_date is None:
        raise DocumentImportError(
            f"found no date for the meeting ({draft.missing.get('start_date', 'none printed')}); a meeting cannot "
            "be drafted without one. Attach the document to the meeting it belongs to, or add the date to the text."
        )
    result.meeting = write_draft(
        draft, sha256=sha256, source=source, report=result.report, findings=findings, user=user
    )
    result.document = result.meeting.documents.get()
    return result
