"""From the bytes of an uploaded file to its text, or a clear reason why not.

Plain text (UTF-8, UTF-16 with a BOM, Windows-1252), PDF (its text layer; a scan without one is
read by OCR), Word (.docx), web pages (.html) and page images (.png, .jpg, .tif, read by OCR).
"""

from __future__ import annotations

import codecs
import io
import logging
from dataclasses import dataclass

from meetings.importer.errors import DocumentImportError
from meetings.importer.formats.docx import is_docx, read_docx
from meetings.importer.formats.html import looks_like_html, read_html

#: The largest file accepted. Communiqués and reports are a few hundred kilobytes even as PDF;
#: anything bigger is most likely a scan or the wrong file, and parsing it would tie up a worker.
MAX_BYTES = 20 * 1024 * 1024
MAX_SIZE_TEXT = "20 MB"

PDF_MAGIC = b"%PDF-"
#: The extensions the importer reads, for forms and messages.
EXTENSIONS = (".txt", ".md", ".pdf", ".docx", ".html", ".htm", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


@dataclass
class ReadResult:
    """A file's text and how it was read ("text", "pdf", "docx", "html", "ocr")."""

    text: str
    method: str
    pages: int = 0
    ocr_seconds: float = 0.0

    @property
    def note(self) -> str:
        if self.method != "ocr":
            return ""
        per_page = self.ocr_seconds / self.pages if self.pages else self.ocr_seconds
        return (
            f"The text was read by OCR from {self.pages} scanned page{'s' if self.pages != 1 else ''} "
            f"({self.ocr_seconds:.1f} s, {per_page:.1f} s a page): check names and numbers against the scan."
        )


def read_document(data: bytes, name: str = "") -> str:
    """The text of a file; raises DocumentImportError with the reason when there is none."""
    return read_file(data, name).text


def read_file(data: bytes, name: str = "") -> ReadResult:
    """The text of a file and how it was read; raises DocumentImportError with the reason when there is none."""
    if not data or not data.strip():
        raise DocumentImportError("the file is empty.")
    if len(data) > MAX_BYTES:
        raise DocumentImportError(
            f"the file is {len(data) / (1024 * 1024):.1f} MB; the importer accepts files up to {MAX_SIZE_TEXT}."
        )
    lower = name.lower()
    if data.lstrip()[:5] == PDF_MAGIC:
        return read_pdf_file(data)
    if lower.endswith(".pdf"):
        raise DocumentImportError("the file is named .pdf but is not a PDF (it does not start with %PDF-).")
    if is_docx(data):
        return ReadResult(read_docx(data), "docx")
    if lower.endswith(".docx"):
        raise DocumentImportError("the file is named .docx but is not a Word document (no word/document.xml inside).")
    if data.startswith(_IMAGE_MAGIC):
        from meetings.importer.formats.ocr import read_image

        result = read_image(data)
        return _ocr_result(result)
    if looks_like_html(data, name):
        return ReadResult(read_html(data), "html")
    return ReadResult(decode_text(data), "text")


def decode_text(data: bytes) -> str:
    """Decode a text file: a BOM if there is one, else UTF-8, else Windows-1252 if it is plausible.

    Windows-1252 is the deliberate fallback: old Word exports of Spanish communiqués use it, and
    unlike Latin-1 it does not silently accept control bytes, so binary files are still refused.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding))
            except UnicodeDecodeError as error:
                raise DocumentImportError(
                    f"the file starts with a {encoding} byte-order mark but is not valid {encoding}."
                ) from error
    if b"\x00" in data:
        raise DocumentImportError(
            "the file is not text: it contains NUL bytes (a binary file, or UTF-16 without a byte-order mark)."
        )
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise DocumentImportError(
            "the text is in an unknown encoding: it is neither UTF-8 (with or without BOM), UTF-16 with a BOM, "
            "nor Windows-1252. Save it as UTF-8 and import it again."
        ) from error
    return _checked(text, fallback=True)


def _checked(text: str, fallback: bool = False) -> str:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(3, len(text) // 200):
        what = "an unknown encoding" if fallback else "binary data"
        raise DocumentImportError(f"the file does not read as text: it looks like {what} (many control characters).")
    if not text.strip():
        raise DocumentImportError("the file holds no text.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_pdf(data: bytes) -> str:
    return read_pdf_file(data).text


def read_pdf_file(data: bytes) -> ReadResult:
    """The text layer of a PDF, page after page, through pypdf; a scan's pages are read by OCR."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    # pypdf logs every repair it attempts on a damaged file; the error we raise says it all.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DocumentImportError("the PDF is encrypted (password-protected); export an unprotected copy first.")
        pages = [page.extract_text() or "" for page in reader.pages]
        images = _scanned_pages(reader) if pages and not "".join(pages).strip() else None
    except DocumentImportError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as error:
        raise DocumentImportError(f"the PDF is damaged or incomplete and cannot be read ({error}).") from error
    if not pages:
        raise DocumentImportError("the PDF has no pages.")
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        plural = "s" if len(pages) != 1 else ""
        if not images or not any(images):
            raise DocumentImportError(
                f"the PDF has no text layer and no scanned page images ({len(pages)} page{plural}): "
                "there is nothing to read. Export it again from the program that made it."
            )
        from meetings.importer.formats.ocr import ocr_images

        result = _ocr_result(ocr_images(images))
        if not result.text.strip():
            raise DocumentImportError(
                f"the PDF is a scan ({len(pages)} page{plural}) but OCR found no text on it: the scan may be blank "
                "or too faint to read."
            )
        return result
    return ReadResult(text.replace("\r\n", "\n").replace("\r", "\n"), "pdf", pages=len(pages))


def _scanned_pages(reader) -> list[list]:
    from meetings.importer.formats.ocr import pdf_page_images

    return pdf_page_images(reader)


def _ocr_result(result) -> ReadResult:
    return ReadResult(result.text.replace("\r\n", "\n"), "ocr", pages=result.pages, ocr_seconds=result.seconds)
