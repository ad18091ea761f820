"""Reading an uploaded file: text and PDF in, a clear DocumentImportError for everything else."""

import codecs
import io
import os

import pytest
from pypdf import PdfWriter

from meetings.importer.cleaning import clean_text
from meetings.importer.errors import DocumentImportError
from meetings.importer.reading import MAX_BYTES, read_document


def make_pdf(lines: list[str] | None = None) -> bytes:
    """A one-page PDF written by hand: with `lines`, a Helvetica text layer (BT/Tj/ET); without, only a shape."""
    if lines:
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops += [f"({escaped}) Tj", "T*"]
        ops.append("ET")
    else:
        ops = ["0 0 1 rg", "50 50 200 200 re f"]
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def encrypted(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


COMMUNIQUE_LINES = [
    "VII REGIONAL CONFERENCE ON MIGRATION",
    "The VII Regional Conference on Migration took place in Antigua, Guatemala, May 30-31, 2002.",
]


class TestText:
    def test_utf8_is_read_as_is(self):
        assert read_document("Comunicado de la reunión".encode(), "a.txt") == "Comunicado de la reunión"

    @pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
    def test_a_byte_order_mark_names_the_encoding(self, encoding):
        assert read_document("Declaración de Lima".encode(encoding), "a.txt") == "Declaración de Lima"

    def test_windows_1252_is_the_deliberate_fallback(self):
        assert read_document("Comunicación – año".encode("cp1252"), "a.txt") == "Comunicación – año"

    def test_windows_line_ends_become_newlines(self):
        assert read_document(b"one\r\ntwo", "a.txt") == "one\ntwo"


class TestPdf:
    def test_the_text_layer_of_a_pdf_is_read_with_pypdf(self):
        text = read_document(make_pdf(COMMUNIQUE_LINES), "communique.pdf")
        assert text.splitlines() == COMMUNIQUE_LINES

    def test_a_pdf_is_recognised_by_its_content_not_its_name(self):
        assert "Antigua" in read_document(make_pdf(COMMUNIQUE_LINES), "upload.bin")


class TestBadInput:
    """Each bad file gets a message that names its problem."""

    @pytest.mark.parametrize(
        ("data", "name", "message"),
        [
            (b"", "empty.txt", "the file is empty"),
            (b"  \n\n ", "blank.txt", "the file is empty"),
            (os.urandom(4096), "scan.pdf", "not a PDF"),
            (b"this is not a pdf at all", "fake.pdf", "not a PDF"),
            (encrypted(make_pdf(COMMUNIQUE_LINES)), "locked.pdf", "encrypted"),
            (make_pdf(), "scan.pdf", "no text layer"),
            (make_pdf(COMMUNIQUE_LINES)[:300], "truncated.pdf", "damaged or incomplete"),
            (make_pdf(COMMUNIQUE_LINES)[: len(make_pdf(COMMUNIQUE_LINES)) // 2], "half.pdf", "damaged or incomplete"),
            (b"\x00\x01\x02binary\x00" * 50, "data.txt", "not text"),
            (bytes(range(0x80, 0xA0)) * 20 + b"\x81\x8d\x8f\x90\x9d", "latin.txt", "unknown encoding"),
            (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "bad-bom.txt", "byte-order mark"),
        ],
        ids=[
            "empty",
            "blank",
            "random-bytes-as-pdf",
            "fake-pdf",
            "encrypted",
            "no-text-layer",
            "truncated",
            "half",
            "binary",
            "unknown-encoding",
            "broken-bom",
        ],  # fmt: skip
    )
    def test_it_is_refused_with_a_clear_message(self, data, name, message):
        with pytest.raises(DocumentImportError, match=message):
            read_document(data, name)

    def test_a_file_over_the_size_limit_is_refused_before_it_is_read(self):
        with pytest.raises(DocumentImportError, match="up to 20 MB"):
            read_document(b"x" * (MAX_BYTES + 1), "huge.txt")


class TestCleaning:
    def test_a_scraped_page_loses_its_similar_documents_its_marker_and_its_page_numbers(self):
        raw = (
            "San Jose, Costa Rica September 12 13, 2017\n\nSimilar documents\nBALI DECLARATION\n\nOther title\n\n"
            "Transcription:\n\nRapporteurship on the Forum with a first page that is long enough here. 1\n\n"
            "the second page goes on and on and on with its sentence at length. 2\n\n"
            "and the third page ends here after quite a few words of its own. 3"
        )
        cleaned = clean_text(raw)
        assert cleaned.text == (
            "Rapporteurship on the Forum with a first page that is long enough here.\n\n"
            "the second page goes on and on and on with its sentence at length.\n\n"
            "and the third page ends here after quite a few words of its own."
        )
        assert cleaned.preamble == ["San Jose, Costa Rica September 12 13, 2017"]
        assert "BALI" not in cleaned.text

    def test_numbers_that_do_not_count_pages_stay(self):
        text = "The Forum was structured around 6 thematic areas and this line ends with 6\n\nNext line."
        assert clean_text(text).text == text
