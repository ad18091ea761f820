"""Nothing public changes without a publisher: an editor's add, change or delete of live content is a proposal.

Parametrised over the models the revision graph finds (every publishable
model and every model hanging off one), so that a model added later is
covered by these tests without a new one: for each, an editor's write leaves
every public page, download and search result as it was, a publisher's
approval makes it public, a rejection leaves it as it was.
"""

import pytest

from meetings import services
from meetings.models import Revision, RevisionStatus
from meetings.revisions import graph
from tests.revision_helpers import (
    add_through_admin,
    change_through_admin,
    changed_pages,
    delete_through_admin,
    example_of,
    public_view,
    published_archive,
)

pytestmark = pytest.mark.django_db

WRITES = {"add": add_through_admin, "change": change_through_admin, "delete": delete_through_admin}
DEPENDANTS = graph.dependant_models()
PUBLISHABLES = graph.publishable_models()


@pytest.fixture
def archive(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return published_archive()


def the_proposal(response) -> Revision:
    assert response.status_code == 302, _errors(response)
    revision = Revision.objects.get()
    assert response["Location"].endswith(f"/admin/meetings/revision/{revision.pk}/change/")
    assert revision.status == RevisionStatus.PENDING
    return revision


def _errors(response) -> str:
    context = getattr(response, "context", None) or {}
    errors = context.get("errors") if hasattr(context, "get") else None
    return f"{response.status_code}: {errors}"


def write(client, archive, model, action):
    record = example_of(archive, model)
    return WRITES[action](client, record) if action != "add" else add_through_admin(client, record)


@pytest.mark.parametrize("action", WRITES)
@pytest.mark.parametrize("model", DEPENDANTS, ids=lambda m: m.__name__)
class TestRecordsHangingOffPublishedOnes:
    def test_an_editors_write_is_a_proposal_and_goes_public_once_approved(
        self, client, editor, publisher, archive, model, action
    ):
        before = public_view()
        client.force_login(editor)
        revision = the_proposal(write(client, archive, model, action))
        assert changed_pages(before, public_view()) == []
        services_approve(revision, publisher)
        assert changed_pages(before, public_view()), "the approved change shows nowhere in public"

    def test_a_rejected_proposal_leaves_the_public_archive_as_it_was(
        self, client, editor, publisher, archive, model, action
    ):
        before = public_view()
        client.force_login(editor)
        revision = the_proposal(write(client, archive, model, action))  # not public yet: see the test above
        client.force_login(publisher)
        response = client.post(f"/admin/meetings/revision/{revision.pk}/reject/", {"reason": "Not in the report."})
        assert response.status_code == 302
        revision.refresh_from_db()
        assert (revision.status, revision.reviewer, revision.reason) == (
            RevisionStatus.REJECTED,
            publisher,
            "Not in the report.",
        )
        assert changed_pages(before, public_view()) == []


@pytest.mark.parametrize("model", PUBLISHABLES, ids=lambda m: m.__name__)
class TestPublishedRecords:
    def test_an_editors_change_is_a_proposal_and_goes_public_once_approved(
        self, client, editor, publisher, archive, model
    ):
        before = public_view()
        client.force_login(editor)
        revision = the_proposal(change_through_admin(client, example_of(archive, model)))
        assert changed_pages(before, public_view()) == []
        client.force_login(publisher)
        assert client.post(f"/admin/meetings/revision/{revision.pk}/approve/").status_code == 302
        revision.refresh_from_db()
        assert revision.status == RevisionStatus.APPROVED
        assert changed_pages(before, public_view())

    def test_a_rejected_change_leaves_the_public_archive_as_it_was(self, client, editor, publisher, archive, model):
        before = public_view()
        client.force_login(editor)
        revision = the_proposal(change_through_admin(client, example_of(archive, model)))  # not public yet
        services_reject(revision, publisher)
        assert changed_pages(before, public_view()) == []

    def test_a_new_record_under_a_published_one_is_a_draft_until_a_publisher_publishes_it(
        self, client, editor, publisher, archive, model
    ):
        before = public_view()
        client.force_login(editor)
        response = add_through_admin(client, example_of(archive, model))
        assert response.status_code == 302, _errors(response)
        assert not Revision.objects.exists()  # a draft is nobody's live content: saved as it is
        assert changed_pages(before, public_view()) == []
        new = model.objects.latest("pk")
        services.publish(new, publisher)
        assert changed_pages(before, public_view())

    def test_a_published_record_is_never_deleted_and_its_withdrawal_waits_for_a_publisher(
        self, client, editor, publisher, archive, model
    ):
        record = example_of(archive, model)
        before = public_view()
        client.force_login(editor)
        delete_through_admin(client, record)
        assert model.objects.filter(pk=record.pk).exists()
        assert not Revision.objects.exists()
        response = client.post(f"{_change_url(record)}propose-withdrawal/", {"note": "A duplicate"})
        revision = the_proposal(response)
        assert changed_pages(before, public_view()) == []
        services_approve(revision, publisher)
        record.refresh_from_db()
        assert record.status == "withdrawn"
        assert changed_pages(before, public_view())


def _change_url(record) -> str:
    return f"/admin/meetings/{record._meta.model_name}/{record.pk}/change/".replace("/change/", "/")


def services_approve(revision, publisher):
    from meetings.revisions import review

    review.approve(revision, publisher)


def services_reject(revision, publisher):
    from meetings.revisions import review

    review.reject(revision, publisher, "Not as printed.")
