"""Word documents, web pages and scans, each made inside the test, import like text; a PDF that
is neither readable nor scannable gets a clear message."""

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from meetings.importer.errors import DocumentImportError
from meetings.importer.reading import read_file
from meetings.importer.service import import_file
from meetings.models import Meeting

pytestmark = pytest.mark.django_db

OPENING = (
    "The XX Regional Conference on Migration took place in San Salvador, El Salvador, on 21 and 22 June 2015, "
    "with the participation of the member countries of Belize, Canada, Mexico and Panama."
)


@pytest.fixture(autouse=True)
def _reference(reference_db):
    pass


def word_document(numbered: list[str]) -> bytes:
    """A .docx whose agreements are numbered by Word itself (the numbers are not in the text)."""
    import docx

    document = docx.Document()
    document.add_paragraph("XX REGIONAL CONFERENCE ON MIGRATION")
    document.add_paragraph("JOINT COMMUNIQUÉ")
    document.add_paragraph(OPENING)
    document.add_paragraph("SUBSTANTIVE MATTERS")
    for text in numbered:
        document.add_paragraph(text, style="List Number")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Host", "El Salvador"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def scanned_pdf(lines: list[str]) -> bytes:
    """Text rendered to a picture, wrapped as a PDF: a scan, with no text layer."""
    font = ImageFont.load_default(size=34)
    image = Image.new("L", (1700, 1100), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((80, 80 + index * 58), line, fill=0, font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=200)
    return buffer.getvalue()


def test_a_word_document_imports_with_its_automatic_list_numbers():
    result = import_file(word_document(["To acknowledge the role of IOM.", "To adopt the theme."]), "communique.docx")
    meeting = result.meeting
    assert (meeting.city, meeting.host_country.alpha3, str(meeting.start_date)) == ("San Salvador", "SLV", "2015-06-21")
    agreements = list(meeting.documents.get().agreements.order_by("order").values_list("label", "text"))
    assert agreements == [("1", "To acknowledge the role of IOM."), ("2", "To adopt the theme.")]
    assert sorted(meeting.participations.filter(role="member").values_list("country__alpha3", flat=True)) == [
        "BLZ", "CAN", "MEX", "PAN",
    ]  # fmt: skip


def test_a_web_page_imports_without_its_scripts_and_navigation():
    page = f"""<!DOCTYPE html><html><head><title>CRM</title><script>var tracking = "Mexico";</script>
      <style>body {{ color: red }}</style></head><body>
      <nav><a href="/">Home</a> Guatemala Honduras</nav><div class="cookie-banner">We use cookies</div>
      <main><h1>XX Regional Conference on Migration</h1><h2>Joint communiqué</h2><p>{OPENING}</p>
      <h3>SUBSTANTIVE MATTERS</h3><ol><li>To acknowledge the role of IOM.</li><li>To adopt the theme.</li></ol>
      </main><footer>© Secretariat 2015 · Contact</footer></body></html>""".encode()
    read = read_file(page, "communique.html")
    assert read.method == "html"
    assert "tracking" not in read.text and "cookies" not in read.text and "Secretariat 2015" not in read.text
    assert "1. To acknowledge the role of IOM." in read.text
    meeting = import_file(page, "communique.html").meeting
    document = meeting.documents.get()
    assert list(document.agreements.values_list("label", flat=True)) == ["1", "2"]
    assert "GTM" not in meeting.participations.values_list("country__alpha3", flat=True)


def test_a_scanned_pdf_is_read_by_ocr_and_the_report_says_so():
    data = scanned_pdf([
        "XX REGIONAL CONFERENCE ON MIGRATION", "JOINT COMMUNIQUE", "",
        "The XX Regional Conference on Migration took place in", "San Salvador, El Salvador, on 21 and 22 June 2015.",
        "", "SUBSTANTIVE MATTERS", "", "1. To acknowledge the role of the IOM.", "2. To adopt the theme of the year.",
    ])  # fmt: skip
    read = read_file(data, "scan.pdf")
    assert read.method == "ocr" and read.pages == 1
    result = import_file(data, "scan.pdf")
    document = result.meeting.documents.get()
    assert "read by OCR from 1 scanned page" in document.import_report
    assert document.import_findings["method"] == "ocr"
    assert (result.meeting.city, str(result.meeting.start_date)) == ("San Salvador", "2015-06-21")
    assert list(document.agreements.values_list("label", flat=True)) == ["1", "2"]


def test_a_pdf_with_neither_text_nor_scanned_pages_gets_a_clear_message():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(DocumentImportError, match="no text layer and no scanned page images"):
        import_file(buffer.getvalue(), "blank.pdf")
    assert Meeting.objects.count() == 0


def test_a_damaged_word_document_gets_a_clear_message():
    with pytest.raises(DocumentImportError, match="not a Word document"):
        read_file(b"PK\x03\x04 not really a zip", "broken.docx")
