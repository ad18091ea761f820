"""The review page: each value beside the highlighted passage it was read from; staff correct the
meeting and accept the document, and both are in the history."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from meetings import services
from meetings.importer.service import import_file
from meetings.models import Country, Revision
from tests.helpers import Page

SEEDS = Path(settings.BASE_DIR) / "tests" / "data" / "seeds"
BRASILIA = Path(settings.BASE_DIR) / "tests" / "data" / "corpus" / "es_csm_2025_xxiii_brasilia.txt"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reference(reference_db):
    pass


@pytest.fixture
def imported():
    return import_file(BRASILIA.read_bytes(), BRASILIA.name).document


def review_url(document):
    return f"/admin/meetings/import/review/{document.pk}/"


def test_each_value_links_to_the_highlighted_passage_it_was_read_from(staff_client, imported):
    page = Page(staff_client.get(review_url(imported)))
    marks = {m.attrs["id"]: m.text for m in page.elements("mark")}
    assert marks["ev-start_date"] == "18 y 19 de noviembre de 2025"
    assert "#ev-start_date" in page.links
    participant_marks = [text for anchor, text in marks.items() if anchor.startswith("ev-participant")]
    assert any("Estado Plurinacional de Bolivia" in text for text in participant_marks)


def test_the_page_lists_conflicts_absent_members_and_unplaced_lines(staff_client, imported):
    page = Page(staff_client.get(review_url(imported)))
    conflicts = page.elements("div", id="import-conflicts")[0].text
    assert "19 de noviembre de 2025" in conflicts
    absent = page.elements("div", id="import-absent")[0].text
    assert "ARG" in absent and "VEN" in absent  # SACM members the Brasilia declaration does not name
    assert page.elements("div", id="import-unplaced")


def test_staff_correct_and_accept_and_the_history_says_who(staff_client, staff_user, imported):
    meeting = imported.meeting
    data = {
        "title": "XXIII South American Conference on Migration", "start_date": "2025-11-18",
        "end_date": "2025-11-19", "city": "Brasília", "host_country": Country.objects.get(alpha3="BRA").pk,
        "venue": "Palacio Itamaraty", "accept": "1",
    }  # fmt: skip
    response = staff_client.post(review_url(imported), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    imported.refresh_from_db()
    assert (meeting.title, meeting.venue) == ("XXIII South American Conference on Migration", "Palacio Itamaraty")
    assert not imported.needs_review and imported.status == "draft"  # published later, by a publisher
    assert meeting.history.first().history_user == staff_user
    assert imported.history.first().history_change_reason == "Import checked and accepted on the review page"


def test_a_correction_that_breaks_the_dates_is_a_form_error(staff_client, imported):
    data = {"title": "X", "start_date": "2025-11-19", "end_date": "2025-11-01", "city": "", "venue": ""}
    response = staff_client.post(review_url(imported), data)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_editors_without_change_rights_cannot_review(client, django_user_model, imported):
    user = django_user_model.objects.create_user("reader", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(review_url(imported)).status_code == 403


def test_an_ocr_note_and_the_source_address_are_shown(staff_client, imported):
    page = Page(staff_client.get(review_url(imported)))
    assert (
        "https://www.gov.br/mre/es/canales_servicio/prensa/notas-a-la-prensa/declaracion-de-brasilia-por-ocasion-de-la-xxiii-conferencia-suramericana-sobre-migraciones"
        in page.links
    )  # noqa: E501


def test_the_documents_admin_page_links_to_its_review(staff_client, imported):
    page = Page(staff_client.get(f"/admin/meetings/document/{imported.pk}/change/"))
    assert review_url(imported) in page.links


def test_an_editors_correction_of_a_published_meeting_waits_for_a_publisher(editor_client, publisher, imported):
    meeting = imported.meeting
    services.publish(meeting, publisher)
    title = meeting.title
    data = {
        "title": "XXIII South American Conference on Migration", "start_date": "2025-11-18",
        "end_date": "2025-11-19", "city": "Brasília", "venue": "",
    }  # fmt: skip
    response = editor_client.post(review_url(imported), data)
    revision = Revision.objects.pending().of(meeting).get()
    assert response["Location"] == reverse("admin:meetings_revision_change", args=[revision.pk])
    meeting.refresh_from_db()
    assert meeting.title == title
