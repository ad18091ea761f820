"""The publishing workflow: editors prepare drafts, publishers publish and withdraw, nobody deletes what is public.

Who may do what:
- `editor` (staff, group "Editor"): creates and changes drafts, deletes drafts; cannot publish or withdraw,
  whatever the request looks like.
- `publisher` (staff, group "Publisher"): everything an editor may, plus publishing and withdrawing.
- `staff_user` (superuser): like a publisher; cannot delete a published record either.
Both groups come from the data migration 0004_publishing_roles, as on a fresh installation.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from meetings import services
from meetings.models import (
    ActionItem,
    Agreement,
    Document,
    Meeting,
    PublicationStatus,
    Revision,
)
from tests.helpers import Page, admin_url, change_form_data

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED, WITHDRAWN = PublicationStatus.DRAFT, PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN
MODELS = [Meeting, Document, Agreement, ActionItem]


def statuses(*records) -> list[str]:
    return [type(r).objects.values_list("status", flat=True).get(pk=r.pk) for r in records]


@pytest.fixture
def outcome():
    """A draft meeting as the secretariat prepared it.

    Ready to go public with it: the communiqué, its agreements 1 and 2, the
    commitment under agreement 1 and the meeting-wide commitment. Not ready: a
    report held back for review (with its agreement), agreement 3 held back
    (with the commitment under it), a withdrawn agenda and a commitment held back.
    """
    meeting = Meeting.objects.create(
        title="VII Regional Conference on Migration",
        slug="wf-vii-rcm",
        start_date=datetime.date(2002, 5, 30),
        end_date=datetime.date(2002, 5, 31),
    )
    communique = Document.objects.create(meeting=meeting, title="Joint communiqué", slug="wf-communique")
    report = Document.objects.create(meeting=meeting, title="Report", slug="wf-report", needs_review=True)
    agenda = Document.objects.create(meeting=meeting, title="Agenda", slug="wf-agenda", status=WITHDRAWN)
    first = Agreement.objects.create(document=communique, order=1, label="1", text="To acknowledge ...")
    second = Agreement.objects.create(document=communique, order=2, label="2", text="To request that IOM ...")
    third = Agreement.objects.create(document=communique, order=3, label="3", text="Unchecked", needs_review=True)
    in_report = Agreement.objects.create(document=report, order=1, text="In the report")
    under_first = ActionItem.objects.create(meeting=meeting, agreement=first, order=1, description="Plan of action")
    meeting_wide = ActionItem.objects.create(meeting=meeting, order=2, description="Mexico hosts the VIII RCM")
    under_third = ActionItem.objects.create(meeting=meeting, agreement=third, order=3, description="Under 3")
    held = ActionItem.objects.create(meeting=meeting, order=4, description="Held back", needs_review=True)
    return {
        "meeting": meeting,
        "ready": [communique, first, second, under_first, meeting_wide],
        "not_ready": [report, in_report, third, under_third, held],
        "agenda": agenda,
    }


def test_the_migration_creates_the_two_roles():
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    publisher = set(Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True))
    publish = {"publish_meeting", "publish_document", "publish_agreement", "publish_actionitem"}
    assert {"add_meeting", "change_meeting", "view_meeting", "delete_meeting", "view_historicalmeeting"} <= editor
    assert {"change_actionitemstatuschange", "change_country", "view_historicalagreement"} <= editor
    assert not editor & publish
    assert "delete_historicalmeeting" not in editor
    assert publisher == editor | publish


class TestAnEditorCannotPublish:
    @pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
    def test_the_publish_actions_are_not_offered(self, editor_client, model):
        choices = dict(
            editor_client.get(admin_url(model, "changelist")).context["action_form"].fields["action"].choices
        )
        assert "publish_selected" not in choices
        assert "withdraw_selected" not in choices

    @pytest.mark.parametrize("action", ["publish_selected", "withdraw_selected"])
    def test_a_crafted_post_of_the_action_is_refused(self, editor_client, outcome, action):
        meeting = outcome["meeting"]
        data = {"action": action, "_selected_action": [meeting.pk], "post": "yes"}
        response = editor_client.post(admin_url(Meeting, "changelist"), data, follow=True)
        assert "No action selected." in response.content.decode()
        assert statuses(meeting, *outcome["ready"]) == [DRAFT] * 6

    def test_calling_the_action_itself_is_refused_by_the_service(self, rf, editor, outcome):
        """Even code that reaches the action without the action form (get_actions) cannot publish."""
        from django.contrib import admin

        request = rf.post("/", {"post": "yes"})
        request.user = editor
        model_admin = admin.site.get_model_admin(Meeting)
        with pytest.raises(PermissionDenied):
            model_admin.publish_selected(request, Meeting.objects.filter(pk=outcome["meeting"].pk))
        assert statuses(outcome["meeting"]) == [DRAFT]

    @pytest.mark.parametrize("service", [services.publish, services.withdraw])
    def test_the_services_refuse_an_editor(self, editor, outcome, service):
        with pytest.raises(PermissionDenied):
            service(outcome["meeting"], editor)
        assert statuses(outcome["meeting"]) == [DRAFT]

    def test_setting_the_status_in_the_change_form_is_ignored(self, editor_client, outcome):
        meeting = outcome["meeting"]
        url = admin_url(Meeting, "change", meeting.pk)
        response = editor_client.get(url)
        assert "status" not in response.context["adminform"].form.fields  # shown read-only
        data = change_form_data(response)
        data.update({"status": PUBLISHED, "documents-0-status": PUBLISHED, "title": "VII RCM (checked)"})
        assert editor_client.post(url, data).status_code == 302
        meeting.refresh_from_db()
        assert (meeting.title, meeting.status) == ("VII RCM (checked)", DRAFT)
        assert statuses(*outcome["ready"]) == [DRAFT] * 5

    def test_an_editor_gets_the_form_of_a_published_record_and_saving_it_makes_a_proposal(
        self, editor_client, publisher, outcome
    ):
        meeting = outcome["meeting"]
        services.publish(meeting, publisher)
        url = admin_url(Meeting, "change", meeting.pk)
        response = editor_client.get(url)
        assert response.context["has_change_permission"] is True  # the normal form, not a page with only "Close"
        assert "revision-notice" in Page(response).ids
        data = change_form_data(response)
        data["title"] = "Changed"
        response = editor_client.post(url, data, follow=True)
        assert "Your change was saved as a proposal for a publisher to review." in response.content.decode()
        meeting.refresh_from_db()
        assert meeting.title == "VII Regional Conference on Migration"
        assert Revision.objects.pending().of(meeting).get().author.username == "editor"

    def test_an_editors_change_to_a_published_row_inline_is_a_proposal(self, editor_client, publisher, outcome):
        communique = outcome["ready"][0]
        services.publish(communique, publisher)  # the meeting stays a draft the editor may change
        url = admin_url(Meeting, "change", outcome["meeting"].pk)
        data = change_form_data(editor_client.get(url))
        row = next(
            k for k, v in data.items() if k.startswith("documents-") and k.endswith("-id") and v == str(communique.pk)
        )
        data[row.replace("-id", "-title")] = "Changed by an editor"
        response = editor_client.post(url, data)
        assert response.status_code == 302
        communique.refresh_from_db()
        assert communique.title == "Joint communiqué"
        assert Revision.objects.pending().of(communique).exists()

    def test_a_new_record_is_a_draft_whatever_the_form_says(self, editor_client, outcome):
        data = {"meeting": outcome["meeting"].pk, "title": "Concept note", "slug": "wf-concept-note"}
        data.update({"kind": "concept_note", "language": "en", "order": "5", "status": PUBLISHED})
        data.update({"agreements-TOTAL_FORMS": "0", "agreements-INITIAL_FORMS": "0"})
        response = editor_client.post(admin_url(Document, "add"), data)
        assert response.status_code == 302, response.context["errors"]
        assert Document.objects.get(slug="wf-concept-note").status == DRAFT


class TestAPublisherPublishes:
    def test_the_admin_shows_what_will_go_public_before_it_does(self, publisher_client, outcome):
        meeting = outcome["meeting"]
        data = {"action": "publish_selected", "_selected_action": [meeting.pk]}
        response = publisher_client.post(admin_url(Meeting, "changelist"), data)
        assert response.status_code == 200
        assert [t.name for t in response.templates][0] == "admin/meetings/publish_confirmation.html"
        content = response.content.decode()
        goes_public = content[content.index('class="goes-public"') : content.index('class="left-out"')]
        left_out = content[content.index('class="left-out"') :]
        for record in outcome["ready"]:
            assert str(record) in goes_public
        for record in [outcome["agenda"], outcome["not_ready"][0], outcome["not_ready"][2], outcome["not_ready"][4]]:
            assert str(record) in left_out
        assert statuses(meeting, *outcome["ready"]) == [DRAFT] * 6  # nothing happened yet

    def test_confirming_publishes_the_meeting_with_what_is_ready(self, publisher_client, publisher, outcome):
        meeting = outcome["meeting"]
        data = {"action": "publish_selected", "_selected_action": [meeting.pk], "post": "yes"}
        response = publisher_client.post(admin_url(Meeting, "changelist"), data, follow=True)
        assert "Published 1 meeting, and with it 5 records under it." in response.content.decode()
        assert statuses(meeting, *outcome["ready"]) == [PUBLISHED] * 6
        assert statuses(*outcome["not_ready"]) == [DRAFT] * 5
        assert statuses(outcome["agenda"]) == [WITHDRAWN]
        meeting.refresh_from_db()
        assert meeting.published_at is not None
        assert meeting.history.first().history_user == publisher
        assert set(Meeting.objects.public()) >= {meeting}
        assert set(Agreement.objects.public().filter(document__meeting=meeting)) == set(outcome["ready"][1:3])

    def test_publishing_is_all_or_nothing(self, publisher, outcome, monkeypatch):
        """A failure after the meeting and the communiqué were saved leaves everything as it was."""
        original_save = Agreement.save

        def failing_save(self, *args, **kwargs):
            if self.order == 2:
                raise RuntimeError("the database went away")
            original_save(self, *args, **kwargs)

        monkeypatch.setattr(Agreement, "save", failing_save)
        with pytest.raises(RuntimeError):
            services.publish(outcome["meeting"], publisher)
        assert statuses(outcome["meeting"], *outcome["ready"]) == [DRAFT] * 6
        assert not Meeting.history.filter(id=outcome["meeting"].pk, status=PUBLISHED).exists()

    def test_publishing_a_document_publishes_its_ready_agreements_and_warns_it_stays_hidden(
        self, publisher_client, outcome
    ):
        communique = outcome["ready"][0]
        data = {"action": "publish_selected", "_selected_action": [communique.pk], "post": "yes"}
        response = publisher_client.post(admin_url(Document, "changelist"), data, follow=True)
        assert "will be visible only once these are published too" in response.content.decode()
        assert statuses(*outcome["ready"][:4]) == [PUBLISHED] * 4
        assert statuses(outcome["meeting"], outcome["ready"][4]) == [DRAFT, DRAFT]
        assert not Document.objects.public().filter(pk=communique.pk).exists()  # its meeting is a draft

    def test_publishing_a_held_back_record_itself_is_the_publishers_check(self, publisher, outcome):
        report = outcome["not_ready"][0]
        services.publish(report, publisher)
        report.refresh_from_db()
        assert (report.status, report.needs_review) == (PUBLISHED, False)


class TestTheButtonsOfARecordsPage:
    def test_a_publisher_sees_publish_and_withdraw_an_editor_does_not(self, publisher_client, client, editor, outcome):
        url = admin_url(Meeting, "change", outcome["meeting"].pk)
        assert Page(publisher_client.get(url)).has("a", class_="publish-link")
        client.force_login(editor)
        page = Page(client.get(url))
        assert not page.has("a", class_="publish-link")
        assert not page.has("a", class_="withdraw-link")

    def test_publish_shows_what_goes_public_then_publishes(self, publisher_client, outcome):
        meeting = outcome["meeting"]
        url = admin_url(Meeting, "publish", meeting.pk)
        confirmation = publisher_client.get(url)
        assert confirmation.status_code == 200
        assert str(outcome["ready"][0]) in confirmation.content.decode()
        assert statuses(meeting) == [DRAFT]
        response = publisher_client.post(url, {"post": "yes"})
        assert response.url == admin_url(Meeting, "change", meeting.pk)
        assert statuses(meeting, *outcome["ready"]) == [PUBLISHED] * 6

    @pytest.mark.parametrize("action", ["publish", "withdraw"])
    def test_an_editor_is_refused(self, editor_client, outcome, action):
        url = admin_url(Meeting, action, outcome["meeting"].pk)
        assert editor_client.get(url).status_code == 403
        assert editor_client.post(url, {"post": "yes"}).status_code == 403
        assert statuses(outcome["meeting"]) == [DRAFT]

    def test_withdraw_asks_then_withdraws(self, publisher_client, publisher, outcome):
        meeting = outcome["meeting"]
        services.publish(meeting, publisher)
        url = admin_url(Meeting, "withdraw", meeting.pk)
        assert "Yes, withdraw it" in publisher_client.get(url).content.decode()
        assert statuses(meeting) == [PUBLISHED]
        assert publisher_client.post(url).status_code == 302
        assert statuses(meeting) == [WITHDRAWN]

    def test_the_withdrawal_question_is_asked_in_the_staff_members_language(self, publisher_client, publisher, outcome):
        meeting = outcome["meeting"]
        services.publish(meeting, publisher)
        page = publisher_client.get(admin_url(Meeting, "withdraw", meeting.pk), HTTP_ACCEPT_LANGUAGE="es")
        assert "Sí, retirarlo" in page.content.decode()
        assert "Yes, withdraw it" not in page.content.decode()


class TestWithdrawing:
    @pytest.fixture
    def published(self, publisher, outcome):
        services.publish(outcome["meeting"], publisher)
        return outcome

    def test_a_withdrawn_meeting_hides_everything_under_it_and_keeps_it(self, publisher_client, published):
        meeting = published["meeting"]
        data = {"action": "withdraw_selected", "_selected_action": [meeting.pk]}
        response = publisher_client.post(admin_url(Meeting, "changelist"), data, follow=True)
        assert "Withdrew 1 meeting from public view." in response.content.decode()
        assert statuses(meeting) == [WITHDRAWN]
        assert statuses(*published["ready"]) == [PUBLISHED] * 5  # kept as they were
        assert not Meeting.objects.public().filter(pk=meeting.pk).exists()
        assert not Document.objects.public().filter(meeting=meeting).exists()
        assert not Agreement.objects.public().filter(document__meeting=meeting).exists()
        assert not ActionItem.objects.public().filter(meeting=meeting).exists()

    def test_publishing_it_again_brings_it_all_back(self, publisher, published):
        meeting = published["meeting"]
        services.withdraw(meeting, publisher)
        services.publish(meeting, publisher)
        assert ActionItem.objects.public().filter(meeting=meeting).count() == 2

    def test_a_withdrawn_agreement_hides_its_commitments(self, publisher, published):
        first, under_first = published["ready"][1], published["ready"][3]
        services.withdraw(first, publisher)
        assert not Agreement.objects.public().filter(pk=first.pk).exists()
        assert not ActionItem.objects.public().filter(pk=under_first.pk).exists()

    def test_the_public_pages_of_a_withdrawn_meeting_are_gone(self, client, publisher, published):
        meeting, communique, first = published["meeting"], published["ready"][0], published["ready"][1]
        urls = [meeting.get_absolute_url(), communique.get_absolute_url(), first.get_absolute_url()]
        assert [client.get(url).status_code for url in urls] == [200, 200, 200]
        services.withdraw(meeting, publisher)
        assert [client.get(url).status_code for url in urls] == [404, 404, 404]


class TestDeleting:
    @pytest.fixture
    def published_meeting(self, publisher, outcome):
        services.publish(outcome["meeting"], publisher)
        return outcome["meeting"]

    @pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
    def test_nobody_can_delete_a_published_record(self, staff_client, published_meeting, model):
        record = model.objects.filter(status=PUBLISHED).filter(
            **{
                Meeting: {"pk": published_meeting.pk},
                Document: {"meeting": published_meeting},
                Agreement: {"document__meeting": published_meeting},
                ActionItem: {"meeting": published_meeting},
            }[model]
        )[0]
        response = staff_client.post(admin_url(model, "delete", record.pk), {"post": "yes"}, follow=True)
        assert "cannot be deleted. Withdraw it instead" in response.content.decode()
        assert model.objects.filter(pk=record.pk).exists()
        assert staff_client.get(admin_url(model, "change", record.pk)).context["has_delete_permission"] is False

    def test_the_delete_action_refuses_a_selection_with_a_published_record(self, staff_client, published_meeting):
        selected = [published_meeting.pk]
        data = {"action": "delete_selected", "_selected_action": selected, "post": "yes"}
        response = staff_client.post(admin_url(Meeting, "changelist"), data, follow=True)
        assert "Published records cannot be deleted; withdraw them instead." in response.content.decode()
        assert Meeting.objects.filter(pk=published_meeting.pk).exists()

    def test_a_published_document_cannot_be_ticked_for_deletion_on_the_meeting_page(
        self, staff_client, published_meeting
    ):
        url = admin_url(Meeting, "change", published_meeting.pk)
        data = change_form_data(staff_client.get(url))
        communique = Document.objects.get(slug="wf-communique")
        index = next(
            k for k, v in data.items() if k.startswith("documents-") and k.endswith("-id") and v == str(communique.pk)
        )
        data[index.replace("-id", "-DELETE")] = "on"
        response = staff_client.post(url, data)
        assert response.status_code == 200
        assert "Published records cannot be deleted" in response.content.decode()
        assert Document.objects.filter(pk=communique.pk).exists()

    def test_an_editor_deletes_a_draft_after_confirming_and_it_stays_in_the_history(self, editor_client, outcome):
        meeting = outcome["meeting"]
        url = admin_url(Meeting, "delete", meeting.pk)
        confirmation = editor_client.get(url)
        assert confirmation.status_code == 200
        assert "Are you sure you want to delete" in confirmation.content.decode()
        assert Meeting.objects.filter(pk=meeting.pk).exists()
        assert editor_client.post(url, {"post": "yes"}).status_code == 302
        assert not Meeting.objects.filter(pk=meeting.pk).exists()
        deleted = Meeting.history.filter(id=meeting.pk).latest()
        assert (deleted.history_type, deleted.history_user.username, deleted.title) == ("-", "editor", meeting.title)
        # what went with it is in the history too
        assert Agreement.history.filter(history_type="-", document_id=outcome["ready"][0].pk).count() == 3
