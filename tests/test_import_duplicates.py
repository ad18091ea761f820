"""A document of a meeting already in the archive creates no second meeting: it is offered to be
attached to that meeting, as another language version or as another document."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from meetings.importer.service import import_file
from meetings.models import Agreement, Document, Meeting

DATA = Path(settings.BASE_DIR) / "tests" / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))
SPANISH_VII_RCM = DATA / "corpus" / "es_crm_2002_vii_comunicado.txt"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _seeded(seeded_db):
    pass


def vii_rcm() -> Meeting:
    return Meeting.objects.get(start_date="2002-05-30")


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_importing_a_seed_into_the_seeded_archive_creates_no_meeting(path):
    before = (Meeting.objects.count(), Document.objects.count())
    result = import_file(path.read_bytes(), path.name)
    assert result.offered
    assert (Meeting.objects.count(), Document.objects.count()) == before
    assert result.match.meeting.documents.exists()


def test_the_seeds_through_the_command_create_no_meeting():
    before = Meeting.objects.count()
    out = StringIO()
    call_command("import_document", *map(str, SEEDS), stdout=out)
    assert Meeting.objects.count() == before
    assert out.getvalue().count("already in the archive") == 5


def test_the_spanish_communique_of_a_recorded_meeting_is_offered_as_its_language_version():
    result = import_file(SPANISH_VII_RCM.read_bytes(), SPANISH_VII_RCM.name)
    english = vii_rcm().documents.get()
    assert result.offered and result.match.meeting == vii_rcm() and result.match.version_of == english
    assert "same process (rcm) and dates" in result.match.reason
    assert "other language version" in result.summary()


def test_attaching_it_adds_the_spanish_version_to_the_meeting_and_nothing_else():
    meetings, agreements = Meeting.objects.count(), Agreement.objects.count()
    result = import_file(SPANISH_VII_RCM.read_bytes(), SPANISH_VII_RCM.name, on_match="attach")
    spanish = result.document
    assert (spanish.meeting, spanish.language, spanish.version_of) == (
        vii_rcm(),
        "es",
        vii_rcm().documents.get(language="en"),
    )  # noqa: E501
    assert spanish.status == "draft" and spanish.needs_review
    assert spanish.source.startswith("https://deploy.studylib.es/")
    assert (Meeting.objects.count(), Agreement.objects.count()) == (meetings, agreements)
    assert set(vii_rcm().documents.get(language="en").versions.all()) == {spanish}


def test_a_report_of_a_recorded_meeting_is_attached_as_another_document_with_its_agreements():
    meeting = vii_rcm()
    text = (
        b"REPORT OF THE VII REGIONAL CONFERENCE ON MIGRATION\n\nThe VII Regional Conference on Migration took place in "
        b"Antigua, Guatemala, May 30-31, 2002.\n\nSUBSTANTIVE MATTERS\n\n1. To acknowledge the seminar.\n"
    )
    result = import_file(text, "report.txt", on_match="attach")
    assert result.attached and result.document.version_of is None and result.document.meeting == meeting
    assert list(result.document.agreements.values_list("label", flat=True)) == ["1"]
    assert meeting.documents.count() == 2


def test_a_close_title_and_the_same_dates_is_the_same_meeting():
    text = (
        b"HIGH-LEVEL FORUM ON IRREGULAR MIGRATION FLOWS IN THE AMERICAS\nSan Jose, Costa Rica, September 12-13, 2017\n"
    )
    result = import_file(text, "forum.txt")
    assert result.offered and "close title" in result.match.reason
    assert result.match.meeting.title == "High-Level Forum on Irregular Migration Flows in the Americas"


def test_staff_can_create_a_new_meeting_all_the_same():
    before = Meeting.objects.count()
    result = import_file(SPANISH_VII_RCM.read_bytes(), SPANISH_VII_RCM.name, on_match="new")
    assert result.created and Meeting.objects.count() == before + 1


def test_the_admin_offers_to_attach_and_attaches_on_request(staff_client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path  # where the upload waits for the decision

    url = "/admin/meetings/import/"
    response = staff_client.post(url, {"file": SimpleUploadedFile("vii-es.txt", SPANISH_VII_RCM.read_bytes())})
    content = response.content.decode()
    assert "already in the archive" in content and 'name="pending"' in content
    token = response.context["pending"]
    assert Document.objects.filter(language="es").count() == 0
    response = staff_client.post(url, {"pending": token, "decision": "attach"})
    spanish = Document.objects.get(language="es")
    assert spanish.version_of == vii_rcm().documents.get(language="en")
    assert f"/admin/meetings/import/review/{spanish.pk}/" in response.content.decode()
    again = staff_client.post(url, {"pending": token, "decision": "attach"})
    assert "no longer waiting" in again.content.decode()
