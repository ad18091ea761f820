"""A publisher's review of a proposal: the diff against the live version, approving, rejecting, stale proposals."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from meetings.models import Agreement, Participation, ParticipationRole, Revision, RevisionStatus
from meetings.revisions import review
from tests import factories as make
from tests.helpers import Page, admin_url, change_form_data
from tests.revision_helpers import published_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return published_archive()


def propose(client, record, **changes) -> Revision:
    """Submit the record's admin form with `changes` (form field: value), as an editor; return the proposal."""
    url = admin_url(type(record), "change", record.pk)
    data = {**change_form_data(client.get(url)), **changes}
    files = {k: v for k, v in data.items() if hasattr(v, "read")}
    response = client.post(url, {k: v for k, v in data.items() if k not in files} | files)
    assert response.status_code == 302, response.context and response.context["errors"]
    return Revision.objects.latest("pk")


def review_page(client, revision) -> Page:
    return Page(client.get(admin_url(Revision, "change", revision.pk)))


def diff_rows(page: Page) -> dict[str, tuple[str, str]]:
    rows = {}
    for row in page.elements("tr", class_="revision-field"):
        cells = [c for c in page.elements("td") if c in _cells_of(page, row)]
        rows[row.attrs["data-field"]] = tuple(" ".join(c.text.split()) for c in cells)
    return rows


def _cells_of(page: Page, row):
    index = page.elements_.index(row)
    cells = []
    for element in page.elements_[index + 1 :]:
        if element.tag == "tr":
            break
        if element.tag == "td":
            cells.append(element)
    return cells


class TestTheDiff:
    def test_it_shows_each_changed_field_with_its_live_and_proposed_value_and_nothing_else(
        self, client, editor, publisher, archive
    ):
        client.force_login(editor)
        revision = propose(client, archive.attendance, role=ParticipationRole.OBSERVER, note="Arrived on day two")
        client.force_login(publisher)
        rows = diff_rows(review_page(client, revision))
        assert rows == {
            "role": ("Invited organisation", "Observer"),
            "note": ("—", "Arrived on day two"),
        }

    def test_a_long_text_is_compared_word_by_word(self, client, editor, publisher, archive):
        client.force_login(editor)
        text = archive.first.text.replace("a seminar", "a regional seminar")
        revision = propose(client, archive.first, text=text)
        client.force_login(publisher)
        page = review_page(client, revision)
        assert [e.text for e in page.elements("ins")] == ["regional "]
        assert page.elements("del") == []

    def test_an_agreements_topics_and_countries_are_shown_by_name(self, client, editor, publisher, archive):
        migrants = make.topic("migrant-children", "Migrant children")
        client.force_login(editor)
        revision = propose(
            client, archive.first, topics=[str(migrants.pk)], countries=[str(archive.mex.pk), str(archive.gtm.pk)]
        )
        client.force_login(publisher)
        rows = diff_rows(review_page(client, revision))
        assert rows["topics"] == ("Human rights of migrants", "Migrant children")
        assert rows["countries"] == ("Mexico", "Mexico, Guatemala") or rows["countries"] == (
            "Mexico",
            "Guatemala, Mexico",
        )
        assert list(archive.first.topics.all()) == [archive.rights]  # the live agreement keeps its topics
        review.approve(revision, publisher)
        assert list(archive.first.topics.all()) == [migrants]
        assert Client().get(reverse("meetings:topic-detail", args=["migrant-children"])).status_code == 200


class TestApproving:
    def test_the_history_names_the_editor_and_the_publisher(self, client, editor, publisher, archive):
        client.force_login(editor)
        revision = propose(client, archive.attendance, note="Arrived on day two")
        client.force_login(publisher)
        response = client.post(reverse("admin:meetings_revision_approve", args=[revision.pk]), follow=True)
        assert "Approved: the change is live." in response.content.decode()
        latest = Participation.objects.get(pk=archive.attendance.pk).history.latest()
        assert latest.note == "Arrived on day two"
        assert latest.history_user == publisher
        assert latest.history_change_reason == (
            f"Revision #{revision.pk} proposed by {editor.username}, approved by {publisher.username}"
        )
        revision.refresh_from_db()
        assert (revision.status, revision.reviewer) == (RevisionStatus.APPROVED, publisher)

    def test_a_stale_proposal_is_refused_with_a_clear_message(self, client, editor, publisher, archive):
        client.force_login(editor)
        revision = propose(client, archive.first, text="To organise a seminar (as the editor read it).")
        services_correct(archive.first, publisher, text="To organise a seminar (as the publisher corrected it).")
        client.force_login(publisher)
        page = review_page(client, revision)
        assert "revision-stale" in page.ids
        assert page.has("input", type="submit", disabled=None)
        response = client.post(reverse("admin:meetings_revision_approve", args=[revision.pk]), follow=True)
        assert "the live version changed since it was made" in response.content.decode()
        assert (
            Agreement.objects.get(pk=archive.first.pk).text == "To organise a seminar (as the publisher corrected it)."
        )
        revision.refresh_from_db()
        assert revision.status == RevisionStatus.PENDING

    def test_a_proposal_is_approved_once(self, editor, publisher, archive, client):
        client.force_login(editor)
        revision = propose(client, archive.attendance, note="Arrived on day two")
        review.approve(revision, publisher)
        with pytest.raises(review.RevisionError, match="already approved"):
            review.approve(revision, publisher)

    def test_an_editor_may_read_a_proposal_but_not_decide_it(self, client, editor, archive):
        client.force_login(editor)
        revision = propose(client, archive.attendance, note="Arrived on day two")
        page = review_page(client, revision)
        assert not page.has("form", action=reverse("admin:meetings_revision_approve", args=[revision.pk]))
        assert client.post(reverse("admin:meetings_revision_approve", args=[revision.pk])).status_code == 403
        assert (
            client.post(reverse("admin:meetings_revision_reject", args=[revision.pk]), {"reason": "x"}).status_code
            == 403
        )
        revision.refresh_from_db()
        assert revision.status == RevisionStatus.PENDING

    def test_a_rejection_needs_a_reason(self, client, editor, publisher, archive):
        client.force_login(editor)
        revision = propose(client, archive.attendance, note="Arrived on day two")
        client.force_login(publisher)
        response = client.post(
            reverse("admin:meetings_revision_reject", args=[revision.pk]), {"reason": " "}, follow=True
        )
        assert "Say why the proposal is rejected" in response.content.decode()
        revision.refresh_from_db()
        assert revision.status == RevisionStatus.PENDING


class TestADocumentsFile:
    def test_a_new_file_is_public_only_once_approved(self, client, editor, publisher, archive):
        url = reverse("meetings:document-file", args=[archive.communique.slug])
        client.force_login(editor)
        upload = SimpleUploadedFile("corrected.txt", b"The corrected communique.\n", content_type="text/plain")
        revision = propose(client, archive.communique, file=upload)
        assert b"".join(Client().get(url).streaming_content) == b"The seminar on migrants was held.\n"
        review.approve(revision, publisher)
        assert b"".join(Client().get(url).streaming_content) == b"The corrected communique.\n"

    def test_the_file_of_a_rejected_proposal_is_not_kept(
        self, client, editor, publisher, archive, settings, django_capture_on_commit_callbacks
    ):
        client.force_login(editor)
        upload = SimpleUploadedFile("corrected.txt", b"The corrected communique.\n", content_type="text/plain")
        revision = propose(client, archive.communique, file=upload)
        proposed = next(c["after"]["file"] for c in revision.changes if c["model"] == "meetings.document")
        assert (settings.MEDIA_ROOT / proposed).exists()
        with django_capture_on_commit_callbacks(execute=True):
            review.reject(revision, publisher, "The scan is the one of record.")
        assert not (settings.MEDIA_ROOT / proposed).exists()
        assert (settings.MEDIA_ROOT / archive.communique.file.name).exists()


class TestWhatStaysDirect:
    def test_a_publishers_change_to_a_published_record_goes_live_at_once(self, client, publisher, archive):
        client.force_login(publisher)
        url = admin_url(Participation, "change", archive.attendance.pk)
        data = {**change_form_data(client.get(url)), "note": "Corrected by a publisher"}
        assert client.post(url, data).status_code == 302
        assert Participation.objects.get(pk=archive.attendance.pk).note == "Corrected by a publisher"
        assert not Revision.objects.exists()

    def test_an_editors_change_to_a_draft_is_saved_at_once(self, client, editor, archive):
        draft = make.meeting("A draft meeting", status="draft")
        participation = make.participation(draft, archive.mex)
        client.force_login(editor)
        url = admin_url(Participation, "change", participation.pk)
        data = {**change_form_data(client.get(url)), "note": "Draft note"}
        assert client.post(url, data).status_code == 302
        assert Participation.objects.get(pk=participation.pk).note == "Draft note"
        assert not Revision.objects.exists()

    def test_an_editor_reporting_on_a_published_commitment_from_a_draft_meeting_makes_a_proposal(
        self, client, editor, archive
    ):
        draft = make.meeting("IX Regional Conference on Migration", status="draft", processes=(archive.rcm,))
        draft.start_date = draft.end_date = archive.later.start_date.replace(year=2004)
        draft.save()
        client.force_login(editor)
        url = admin_url(type(draft), "change", draft.pk)
        data = change_form_data(client.get(url))
        prefix = next(k for k in data if k.endswith("-TOTAL_FORMS") and "status" in k).removesuffix("-TOTAL_FORMS")
        data.update({f"{prefix}-0-action_item": str(archive.seminar.pk), f"{prefix}-0-progress": "dropped"})
        data.update({f"{prefix}-0-date": "2004-05-01", f"{prefix}-0-note": "Dropped for lack of funds"})
        assert client.post(url, data).status_code == 302
        archive.seminar.refresh_from_db()
        assert archive.seminar.progress == "in_progress"  # the public commitment is not "Dropped"
        revision = Revision.objects.get()
        assert (revision.content_type.model, revision.object_id) == ("actionitem", archive.seminar.pk)


def services_correct(record, publisher, **fields):
    for name, value in fields.items():
        setattr(record, name, value)
    record._history_user = publisher
    record.save()
