"""Scans: the text of page images, read by Tesseract (Debian's tesseract-ocr with English and Spanish).

A scanned PDF is a picture per page; pypdf hands over each page's images and pytesseract reads
them. Reading costs seconds per page, so the report says how long it took and that the text came
from OCR (and so may hold misreadings staff should check against the scan).
"""

from __future__ import annotations

import io
import os
import shutil
import time
from dataclasses import dataclass

from meetings.importer.errors import DocumentImportError

LANGUAGES = "eng+spa"
#: One thread a page: on a small shared server, parallel threads slow every other request down for
#: little gain (Tesseract's own advice for running several pages or processes at once).
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass
class OcrResult:
    text: str
    pages: int
    seconds: float


def ocr_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_images(images_by_page: list[list]) -> OcrResult:
    """The text of each page's images (PIL images), page after page."""
    if not ocr_available():
        raise DocumentImportError(
            "the file is a scan (no text layer) and OCR is not installed on this server "
            "(Debian packages tesseract-ocr, tesseract-ocr-eng and tesseract-ocr-spa)."
        )
    import pytesseract

    started = time.perf_counter()
    pages = []
    for images in images_by_page:
        texts = []
        for image in images:
            try:
                texts.append(pytesseract.image_to_string(_prepared(image), lang=LANGUAGES))
            except pytesseract.TesseractError as error:
                raise DocumentImportError(f"OCR could not read a page image ({error}).") from error
        pages.append("\n".join(t.strip("\n") for t in texts))
    return OcrResult("\n\n".join(pages).strip(), len(images_by_page), time.perf_counter() - started)


def _prepared(image):
    """Greyscale, and small scans enlarged: Tesseract reads 300 dpi text best."""
    image = image.convert("L")
    if image.width < 1200:
        factor = 1200 / image.width
        image = image.resize((int(image.width * factor), int(image.height * factor)))
    return image


def pdf_page_images(reader) -> list[list]:
    from PIL import Image, UnidentifiedImageError

    pages = []
    for page in reader.pages:
        images = []
        try:
            for item in page.images:
                try:
                    images.append(Image.open(io.BytesIO(item.data)))
                except (UnidentifiedImageError, OSError):
                    continue
        except (ValueError, KeyError, TypeError, AttributeError, OSError, NotImplementedError):
            pass
        pages.append(images)
    return pages


def read_image(data: bytes) -> OcrResult:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError) as error:
        raise DocumentImportError("the image cannot be read: it is damaged or not an image.") from error
    return ocr_images([[image]])
