"""What a document's original file may be: the formats the archive keeps, checked by content.

The archive keeps the originals of meeting documents as PDF, plain text
(UTF-8 or Windows-1252, as old communiqués come), Word (DOCX) and
OpenDocument text (ODT). A file is accepted when its *content* is one of
these and its name's extension says the same thing: an HTML page or an SVG
renamed `.txt` or `.pdf`, an executable renamed `.docx`, a macro-enabled Word
file, are refused with a form error. Files are served only as attachments
with `nosniff` (meetings/downloads.py), but what is stored is clean in the
first place. The size cap is DOCUMENT_FILE_MAX_SIZE (DOCUMENT_FILE_MAX_MB).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class FileFormat:
    extension: str
    label: str
    content_type: str


PDF = FileFormat("pdf", "PDF", "application/pdf")
TEXT = FileFormat("txt", "plain text", "text/plain; charset=utf-8")
DOCX = FileFormat("docx", "Word (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
ODT = FileFormat("odt", "OpenDocument text (ODT)", "application/vnd.oasis.opendocument.text")

FORMATS = {f.extension: f for f in (PDF, TEXT, DOCX, ODT)}
ACCEPTED = ", ".join(f".{f.extension}" for f in FORMATS.values())

#: How much of a file is read to tell what it is.
SNIFF_BYTES = 64 * 1024
# Markup that a browser would run or render: refused in a "text" file.
MARKUP = re.compile(rb"<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|meta|\?xml)\b", re.IGNORECASE)
# Control characters that never occur in text (tab, line feed, form feed and carriage return do).
BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16: ask for UTF-8 (the importer and the search read UTF-8)
    if BINARY.search(head):
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            # The sample may end inside a UTF-8 sequence: ignore at most its last 3 bytes.
            head.decode(encoding) if len(head) < SNIFF_BYTES else head[:-3].decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def _zip_format(upload) -> FileFormat | None:
    """DOCX or ODT by their structure (names only and the small mimetype member: nothing is unpacked)."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(100).strip()
                if mimetype == ODT.content_type.encode() and "content.xml" in names:
                    return ODT
                return None
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                if any(name.lower().endswith("vbaproject.bin") for name in names):
                    raise ValidationError(
                        "This Word file contains macros; save it as a plain .docx (or as PDF) first.",
                        code="macros",
                    )
                return DOCX
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError):
        return None
    return None


def detect_format(upload) -> FileFormat | None:
    """Which kept format `upload`'s content is, or None."""
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if b"%PDF-" in head[:1024]:
        return PDF if not MARKUP.search(head[: head.find(b"%PDF-")]) else None
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(upload)
    if _looks_like_text(head.removeprefix(b"\xef\xbb\xbf")) and not MARKUP.search(head):
        return TEXT
    return None


def validate_document_file(value) -> None:
    """Model validator of `Document.file`: a kept format, by content and by name, within the size cap."""
    if getattr(value, "_committed", False):
        return  # the file already stored, unchanged: it was checked when it came in
    upload = getattr(value, "file", value)
    name = getattr(value, "name", "") or ""
    limit = settings.DOCUMENT_FILE_MAX_SIZE
    size = getattr(value, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            "This file is %(size)s; a document's file can be at most %(limit)s.",
            code="too_large",
            params={"size": f"{size / 1048576:.1f} MB", "limit": f"{limit / 1048576:.0f} MB"},
        )
    if not size:
        raise ValidationError("This file is empty.", code="empty")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FORMATS:
        raise ValidationError(
            "The archive keeps documents as %(accepted)s; “%(name)s” is not one of these.",
            code="extension",
            params={"accepted": ACCEPTED, "name": name},
        )
    found = detect_format(upload)
    if found is None:
        raise ValidationError(
            "“%(name)s” is not a %(label)s file: its content is none of the formats the archive keeps (%(accepted)s).",
            code="content",
            params={"name": name, "label": FORMATS[extension].label, "accepted": ACCEPTED},
        )
    if found.extension != extension:
        raise ValidationError(
            "“%(name)s” is named .%(extension)s but its content is %(found)s: rename it .%(right)s.",
            code="mismatch",
            params={"name": name, "extension": extension, "found": found.label, "right": found.extension},
        )
