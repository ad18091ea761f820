"""The edit history: every change is kept with its author and date, viewable and restorable from the admin.

Who may do what: `editor` (group "Editor") changes drafts and restores past
versions; `reader` (staff with view permissions only) may look at the history
but not restore anything; `publisher` publishes.
"""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission

from meetings import services
from meetings.models import Country, Document, Meeting, Participation, PublicationStatus, Revision
from tests.helpers import admin_url, change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return Meeting.objects.create(
        title="VII Regional Conference on Migration",
        slug="hist-vii-rcm",
        start_date=datetime.date(2002, 5, 30),
        end_date=datetime.date(2002, 5, 31),
        city="Antigua",
    )


def edit(client, model, record, **changes):
    url = admin_url(model, "change", record.pk)
    data = change_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]


def history_url(record, version):
    return admin_url(type(record), "simple_history", record.pk, version.history_id)


class TestEveryChangeIsKept:
    def test_an_edit_in_the_admin_is_recorded_with_its_author_and_date(self, editor_client, editor, meeting):
        edit(editor_client, Meeting, meeting, city="Antigua Guatemala")
        latest = meeting.history.latest()
        assert (latest.history_type, latest.history_user, latest.city) == ("~", editor, "Antigua Guatemala")
        assert latest.history_date is not None
        assert latest.diff_against(latest.prev_record).changed_fields == ["city"]

    def test_inline_edits_are_recorded_with_their_author_too(self, editor_client, editor, meeting):
        guatemala = Country.objects.create(alpha2="Q1", alpha3="QQA", numeric="991", name="Testland")
        edit(
            editor_client,
            Meeting,
            meeting,
            **{"participations-0-role": "host", "participations-0-country": str(guatemala.pk)},
        )
        participation = Participation.objects.get(meeting=meeting)
        assert participation.history.get().history_user == editor

    def test_reference_data_keeps_its_history(self, editor_client, editor):
        country = Country.objects.create(alpha2="Q2", alpha3="QQB", numeric="992", name="Testland")
        edit(editor_client, Country, country, name_es="Tierra de prueba", **{"aliases-TOTAL_FORMS": "0"})
        assert country.history.latest().history_user == editor

    def test_the_history_is_shown_on_the_records_admin_page(self, editor_client, meeting):
        edit(editor_client, Meeting, meeting, city="Antigua Guatemala")
        response = editor_client.get(admin_url(Meeting, "history", meeting.pk))
        assert response.status_code == 200
        content = response.content.decode()
        assert "editor" in content
        assert "Antigua Guatemala" in content

    def test_publishing_is_recorded_with_the_publisher(self, publisher, meeting):
        services.publish(meeting, publisher)
        latest = meeting.history.latest()
        assert (latest.status, latest.history_user) == (PublicationStatus.PUBLISHED, publisher)


class TestRestoringAPastVersion:
    def test_restoring_brings_back_the_old_values(self, editor_client, editor, meeting):
        original = meeting.history.get()
        edit(editor_client, Meeting, meeting, title="Wrong title", city="Nowhere")
        response = editor_client.get(history_url(meeting, original))
        assert response.status_code == 200
        assert editor_client.post(history_url(meeting, original), change_form_data(response)).status_code == 302
        meeting.refresh_from_db()
        assert (meeting.title, meeting.city) == ("VII Regional Conference on Migration", "Antigua")
        assert meeting.history.latest().history_user == editor  # the restoration is itself in the history
        assert meeting.history.count() == 3

    def test_restoring_does_not_change_whether_it_is_public(self, client, publisher, meeting):
        draft_version = meeting.history.get()
        services.publish(meeting, publisher)
        client.force_login(publisher)
        response = client.get(history_url(meeting, draft_version))
        assert client.post(history_url(meeting, draft_version), change_form_data(response)).status_code == 302
        meeting.refresh_from_db()
        assert meeting.status == PublicationStatus.PUBLISHED

    def test_an_editors_restoring_of_a_published_record_is_a_proposal(self, editor_client, publisher, meeting):
        services.publish(meeting, publisher)
        Meeting.objects.filter(pk=meeting.pk).update(title="Corrected by a publisher")
        response = editor_client.get(history_url(meeting, meeting.history.earliest()))
        response = editor_client.post(history_url(meeting, meeting.history.earliest()), change_form_data(response))
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.title == "Corrected by a publisher"
        proposal = Revision.objects.pending().of(meeting).get()
        assert [change["after"]["title"] for change in proposal.changes] == [meeting.history.earliest().title]

    def test_a_reader_may_look_but_not_restore(self, client, django_user_model, meeting):
        reader = django_user_model.objects.create_user("reader", is_staff=True)
        reader.user_permissions.add(Permission.objects.get(codename="view_meeting"))
        client.force_login(reader)
        edit_version = meeting.history.get()
        Meeting.objects.filter(pk=meeting.pk).update(title="Changed elsewhere")
        assert client.get(admin_url(Meeting, "history", meeting.pk)).status_code == 200
        response = client.get(history_url(meeting, edit_version))
        assert response.status_code == 200
        assert client.post(history_url(meeting, edit_version), change_form_data(response)).status_code == 403
        meeting.refresh_from_db()
        assert meeting.title == "Changed elsewhere"

    def test_a_deleted_draft_can_be_brought_back_from_its_history(self, editor_client, meeting):
        document = Document.objects.create(meeting=meeting, title="Joint communiqué", slug="hist-communique")
        editor_client.post(admin_url(Document, "delete", document.pk), {"post": "yes"})
        assert not Document.objects.filter(pk=document.pk).exists()
        before_deletion = Document.history.filter(id=document.pk, history_type="+").get()
        response = editor_client.get(history_url(document, before_deletion))
        assert response.status_code == 200
        assert editor_client.post(history_url(document, before_deletion), change_form_data(response)).status_code == 302
        restored = Document.objects.get(pk=document.pk)
        assert (restored.title, restored.status) == ("Joint communiqué", PublicationStatus.DRAFT)


def test_editors_can_view_every_history():
    """The Editor role holds the view permission of every historical model of the archive."""
    codenames = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    for name in ["meeting", "document", "agreement", "actionitem", "participation", "country", "topic", "process"]:
        assert f"view_historical{name}" in codenames
