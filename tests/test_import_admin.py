"""The admin page "Import a document": staff only, the importer's report, errors as form errors."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Document, Meeting

SEEDS = Path(settings.BASE_DIR) / "tests" / "data" / "seeds"
VII_RCM = (SEEDS / "002_27da9fe0adca5bed.txt").read_bytes()
URL = "/admin/meetings/import/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reference(reference_db):
    pass


def upload(client, data=VII_RCM, name="vii.txt", **extra):
    return client.post(URL, {"file": SimpleUploadedFile(name, data), **extra})


def test_the_page_has_its_promised_address():
    assert reverse("import-document") == URL


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_the_add_permissions_are_refused(client, django_user_model):
    """A staff member who may only read cannot create meetings through the importer."""
    user = django_user_model.objects.create_user("reader", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert upload(client).status_code == 403
    assert Meeting.objects.count() == 0


def test_the_form_states_the_size_limit(staff_client):
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert "up to 20 MB" in response.content.decode()


def test_an_upload_creates_a_draft_and_shows_the_report_and_a_link(staff_client):
    response = upload(staff_client)
    assert response.status_code == 200
    meeting = Meeting.objects.get()
    assert meeting.status == "draft"
    content = response.content.decode()
    assert reverse("admin:meetings_meeting_change", args=[meeting.pk]) in content
    assert "Member (11): BLZ, CAN, CRI, DOM, SLV, GTM, HND, MEX, NIC, PAN, USA" in content
    assert "NOT PLACED (2 lines)" in content
    assert "The participating Delegations expressed their deep appreciation" in content


def test_a_dry_run_shows_the_report_and_creates_nothing(staff_client):
    response = upload(staff_client, dry_run="on")
    assert "dry run: would create draft meeting" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_the_process_can_be_chosen(staff_client):
    upload(staff_client, process="sacm")
    assert set(Meeting.objects.get().processes.values_list("slug", flat=True)) == {"rcm", "sacm"}


def test_a_second_upload_of_the_same_file_creates_nothing_and_says_where_it_is(staff_client):
    upload(staff_client)
    response = upload(staff_client, name="again.txt")
    assert Meeting.objects.count() == Document.objects.count() == 1
    content = response.content.decode()
    assert "already imported" in content
    assert reverse("admin:meetings_meeting_change", args=[Meeting.objects.get().pk]) in content


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "The submitted file is empty."),
        ("fake.pdf", b"<html></html>", "fake.pdf: the file is named .pdf but is not a PDF"),
        ("words.txt", b"only words here\nnothing else\n", "words.txt: the text has no recognisable structure"),
        ("image.png", b"\x89PNG....", "image.png: the image cannot be read: it is damaged or not an image."),
        ("sheet.xlsx", b"PK\x03\x04....", "Upload one of: .txt, .md, .pdf, .docx"),
    ],
)
def test_bad_files_are_form_errors_and_leave_nothing(staff_client, name, data, message):
    response = upload(staff_client, data=data, name=name)
    assert response.status_code == 200
    assert message in response.context["form"].errors["file"][0]
    assert Meeting.objects.count() == 0


def test_the_change_lists_offer_the_import(staff_client):
    for model in ("meeting", "document"):
        response = staff_client.get(reverse(f"admin:meetings_{model}_changelist"))
        assert f'href="{URL}"' in response.content.decode()
