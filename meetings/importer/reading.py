"""From the bytes of an uploaded file to its text, or a clear reason why not."""

from __future__ import annotations

import codecs
import io
import logging

from meetings.importer.errors import DocumentImportError

#: The largest file accepted. Communiqués and reports are a few hundred kilobytes even as PDF;
#: anything bigger is most likely a scan or the wrong file, and parsing it would tie up a worker.
MAX_BYTES = 20 * 1024 * 1024
MAX_SIZE_TEXT = "20 MB"

PDF_MAGIC = b"%PDF-"


def read_document(data: bytes, name: str = "") -> str:
    """The text of a .txt or .pdf file; raises DocumentImportError with the reason when there is none."""
    if not data or not data.strip():
        raise DocumentImportError("the file is empty.")
    if len(data) > MAX_BYTES:
        raise DocumentImportError(
            f"the file is {len(data) / (1024 * 1024):.1f} MB; the importer accepts files up to {MAX_SIZE_TEXT}."
        )
    claims_pdf = name.lower().endswith(".pdf")
    if data.lstrip()[:5] == PDF_MAGIC:
        return read_pdf(data)
    if claims_pdf:
        raise DocumentImportError("the file is named .pdf but is not a PDF (it does not start with %PDF-).")
    return decode_text(data)


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
    """The text layer of a PDF, page after page, through pypdf."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    # pypdf logs every repair it attempts on a damaged file; the error we raise says it all.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DocumentImportError("the PDF is encrypted (password-protected); export an unprotected copy first.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentImportError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as error:
        raise DocumentImportError(f"the PDF is damaged or incomplete and cannot be read ({error}).") from error
    if not pages:
        raise DocumentImportError("the PDF has no pages.")
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise DocumentImportError(
            f"the PDF has no text layer ({len(pages)} page{'s' if len(pages) != 1 else ''} without text): "
            "it is probably a scan. Run it through OCR first."
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")
