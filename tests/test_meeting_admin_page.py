"""The meeting's admin page: a whole meeting outcome entered and corrected from one page.

Who may do what: `staff_client` is a superuser (secretariat staff); editors and
publishers (tests/test_workflow.py) keep their rules on this page too.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import (
    ActionItem,
    Agreement,
    Document,
    Meeting,
    Participation,
    ParticipationRole,
    PublicationStatus,
    Revision,
)
from tests import factories as make
from tests.helpers import Page, admin_url, change_form_data

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT


def build_meeting(agreements: int) -> Meeting:
    """A draft meeting with two documents sharing `agreements` agreements, and a commitment for every third one.

    Every row has something for its autocomplete widgets to label: agreements
    their topics and (for sub-items) their parent, commitments their agreement,
    responsible countries and organisations, participants their country,
    organisation or speaker.
    """
    mexico, guatemala = make.country("MEX", "Mexico"), make.country("GTM", "Guatemala")
    iom = make.organisation("iom", "International Organization for Migration", "IOM")
    rcm = make.process("rcm", "Regional Conference on Migration", "RCM")
    trafficking, consular = make.topic("trafficking-in-persons"), make.topic("consular-protection")
    meeting = make.meeting(
        "VII Regional Conference on Migration",
        start=datetime.date(2002, 5, 30),
        processes=(rcm,),
        attendees=(mexico, guatemala),
        host_country=guatemala,
        presidency=guatemala,
        status=DRAFT,
    )
    make.participation(meeting, iom, ParticipationRole.INVITED)
    documents = [
        make.document(meeting, "Joint communiqué", status=DRAFT),
        make.document(meeting, "Report", order=2, status=DRAFT),
    ]
    for number in range(agreements):
        document = documents[number % 2]
        parent = document.agreements.order_by("order").first() if number >= 2 else None
        agreement = make.agreement(
            document,
            f"To request that IOM prepare plan {number}.",
            label=str(number + 1),
            topics=(trafficking, consular),
            countries=(mexico,),
            parent=parent,
            status=DRAFT,
        )
        if number % 3 == 0:
            item = make.action_item(meeting, f"Plan {number}", agreement=agreement, countries=(mexico,), status=DRAFT)
            item.responsible_organisations.add(iom)
    return meeting


def page_queries(client, meeting: Meeting) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(Meeting, "change", meeting.pk))
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


class TestTheChangePageQueries:
    """The page runs a fixed number of queries, however many agreements and commitments it holds.

    It guards the N+1s the page had: autocomplete widgets looked their labels up
    row by row (an agreement's topics and parent, a commitment's agreement and
    responsible countries), each document's agreements came in a query of their
    own, and each follow-up row listed the earlier commitments again.
    """

    def test_five_or_fifty_agreements_take_the_same_queries(self, staff_client):
        few, many = build_meeting(5), build_meeting(50)
        page_queries(staff_client, few)  # the first page of a session fills caches (content types, ...)
        assert len(page_queries(staff_client, many)) == len(page_queries(staff_client, few))

    def test_the_count_is_small(self, staff_client):
        meeting = build_meeting(12)
        page_queries(staff_client, meeting)
        queries = page_queries(staff_client, meeting)
        assert len(queries) <= 30, "\n".join(queries)

    def test_every_agreement_is_on_the_page_with_its_labels(self, staff_client):
        meeting = build_meeting(6)
        page = Page(staff_client.get(admin_url(Meeting, "change", meeting.pk)))
        texts = [
            element.text.strip()
            for element in page.elements("textarea")
            if element.attrs["name"].endswith("-text") and "__prefix__" not in element.attrs["name"]
        ]
        assert sorted(texts) == sorted(
            Agreement.objects.filter(document__meeting=meeting).values_list("text", flat=True)
        )
        # The prefetched topics label the selected options of every row, as the lookup did.
        topic_options = [
            element.text
            for element in page.elements("option", selected=None)
            if element.text in ("Trafficking in persons", "Consular protection")
        ]
        assert len(topic_options) == 2 * 6


@pytest.fixture
def vii_rcm():
    """A draft meeting with its communiqué and agreement 1, as the secretariat left it yesterday."""
    meeting = make.meeting("VII Regional Conference on Migration", status=DRAFT, slug="vii-rcm")
    communique = make.document(meeting, "Joint communiqué", status=DRAFT, slug="vii-rcm-communique")
    make.agreement(communique, "To acknowledge the work of the Technical Secretariat.", label="1", status=DRAFT)
    return meeting


def whole_outcome(client, meeting: Meeting, **changes) -> dict:
    """The page as sent back after staff added one row of each kind: a participant, a document with an
    agreement under it, a second agreement under the communiqué, and a commitment."""
    data = change_form_data(client.get(admin_url(Meeting, "change", meeting.pk)))
    mexico = make.country("MEX", "Mexico")
    rows = {
        "participations": {"role": "member", "country": str(mexico.pk)},
        "documents": {
            "title": "Report of the Technical Secretariat",
            "slug": "vii-rcm-report",
            "kind": "report",
            "language": "en",
            "order": "2",
        },
        "action_items": {
            "order": "1",
            "description": "Prepare a plan of action against trafficking.",
            "progress": "open",
        },
    }
    for prefix, row in rows.items():
        index = int(data[f"{prefix}-TOTAL_FORMS"])
        data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
        if prefix == "documents":
            new_document = f"documents-{index}-agreements"
    agreement = {"section": "substantive", "kind": "request"}
    data.update({f"{new_document}-TOTAL_FORMS": "1", f"{new_document}-INITIAL_FORMS": "0"})
    data.update({f"{new_document}-0-{k}": v for k, v in {**agreement, "order": "1", "text": "To invite IOM."}.items()})
    communique = "documents-0-agreements"
    index = int(data[f"{communique}-TOTAL_FORMS"])
    data[f"{communique}-TOTAL_FORMS"] = str(index + 1)
    data.update({f"{communique}-{index}-{k}": v for k, v in {**agreement, "order": "2", "label": "2"}.items()})
    data[f"{communique}-{index}-text"] = "To thank the Government of Guatemala."
    data.update(changes)
    return data


def outcome_counts(meeting: Meeting) -> tuple[int, ...]:
    return (
        Participation.objects.filter(meeting=meeting).count(),
        Document.objects.filter(meeting=meeting).count(),
        Agreement.objects.filter(document__meeting=meeting).count(),
        ActionItem.objects.filter(meeting=meeting).count(),
    )


class TestOnePostSavesTheWholeOutcome:
    def test_a_participant_a_document_its_agreement_another_agreement_and_a_commitment(self, staff_client, vii_rcm):
        url = admin_url(Meeting, "change", vii_rcm.pk)
        response = staff_client.post(url, whole_outcome(staff_client, vii_rcm))
        assert response.status_code == 302, response.context["errors"]
        assert outcome_counts(vii_rcm) == (1, 2, 3, 1)
        report = Document.objects.get(slug="vii-rcm-report")
        assert list(report.agreements.values_list("text", "status")) == [("To invite IOM.", DRAFT)]
        communique = Document.objects.get(slug="vii-rcm-communique")
        assert list(communique.agreements.values_list("label", flat=True)) == ["1", "2"]
        assert vii_rcm.participations.get().country.alpha3 == "MEX"
        assert vii_rcm.action_items.get().description == "Prepare a plan of action against trafficking."

    def test_each_new_row_is_in_the_history_with_its_author(self, staff_client, staff_user, vii_rcm):
        staff_client.post(admin_url(Meeting, "change", vii_rcm.pk), whole_outcome(staff_client, vii_rcm))
        for model in (Participation, Document, Agreement, ActionItem):
            added = model.history.filter(history_type="+", history_user=staff_user)
            assert added.exists(), model.__name__

    def test_editing_an_agreement_from_the_meeting_page(self, staff_client, vii_rcm):
        data = whole_outcome(staff_client, vii_rcm)
        data["documents-0-agreements-0-text"] = "To acknowledge the work of the Technical Secretariat (corrected)."
        assert staff_client.post(admin_url(Meeting, "change", vii_rcm.pk), data).status_code == 302
        first = Agreement.objects.get(document__slug="vii-rcm-communique", label="1")
        assert first.text.endswith("(corrected).")
        assert first.history.latest().history_type == "~"

    @pytest.mark.parametrize(
        ("row", "value", "message"),
        [
            ("documents-1-agreements-0-text", "", "This field is required."),
            ("documents-0-agreements-1-order", "1", "Please correct the duplicate data for order"),
            ("documents-0-agreements-1-label", "1", "label"),
            ("documents-0-agreements-1-topics", "not-a-topic", "is not a valid value"),
        ],
        ids=["agreement-without-text", "two-agreements-at-one-position", "two-agreements-one-label", "bad-topic"],
    )
    def test_a_bad_row_leaves_nothing_half_written_and_says_why(self, staff_client, vii_rcm, row, value, message):
        before = outcome_counts(vii_rcm)
        history = sum(m.history.count() for m in (Meeting, Participation, Document, Agreement, ActionItem))
        data = whole_outcome(staff_client, vii_rcm, **{row: value, "title": "VII RCM (retitled)"})
        response = staff_client.post(admin_url(Meeting, "change", vii_rcm.pk), data)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert outcome_counts(vii_rcm) == before
        vii_rcm.refresh_from_db()
        assert vii_rcm.title == "VII Regional Conference on Migration"
        assert history == sum(m.history.count() for m in (Meeting, Participation, Document, Agreement, ActionItem))
        # What staff typed is still there to correct.
        assert Page(response).has("input", name="documents-1-title", value="Report of the Technical Secretariat")

    def test_two_new_identical_participants_are_a_form_error(self, staff_client, vii_rcm):
        data = whole_outcome(staff_client, vii_rcm)
        index = int(data["participations-TOTAL_FORMS"])
        data["participations-TOTAL_FORMS"] = str(index + 1)
        data[f"participations-{index}-role"] = "member"
        data[f"participations-{index}-country"] = str(make.country("MEX").pk)
        response = staff_client.post(admin_url(Meeting, "change", vii_rcm.pk), data)
        assert response.status_code == 200
        assert "Mexico" in response.content.decode()
        assert outcome_counts(vii_rcm) == (0, 1, 1, 0)


def test_every_field_of_an_agreement_row_is_on_the_page(staff_client, vii_rcm):
    """The agreements' table writes its cells out by name: none of the inline's fields may be left out."""
    from meetings.admin.meetings import DocumentAgreementInline

    page = Page(staff_client.get(admin_url(Meeting, "change", vii_rcm.pk)))
    names = {element.attrs.get("name") for tag in ("input", "select", "textarea") for element in page.elements(tag)}
    editable = [name for name in DocumentAgreementInline.fields if name not in DocumentAgreementInline.readonly_fields]
    for prefix in ("documents-0-agreements-0", "documents-0-agreements-__prefix__"):
        assert {f"{prefix}-{name}" for name in [*editable, "id", "document", "DELETE"][: len(editable) + 2]} <= names
    assert page.has("td", class_="field-status")


def test_every_field_of_a_commitment_is_on_the_page(staff_client, vii_rcm):
    """The commitments' template writes their fields out by name: none of COMMITMENT_FIELDS may be left out."""
    from django.contrib.admin.utils import flatten

    from meetings.admin.meetings import COMMITMENT_FIELDS

    make.action_item(vii_rcm, "Prepare a plan of action.", status=DRAFT)
    page = Page(staff_client.get(admin_url(Meeting, "change", vii_rcm.pk)))
    names = {element.attrs.get("name") for tag in ("input", "select", "textarea") for element in page.elements(tag)}
    editable = [name for name in flatten(COMMITMENT_FIELDS) if name != "status"]
    for prefix in ("action_items-0", "action_items-__prefix__"):
        assert {f"{prefix}-{name}" for name in [*editable, "id", "meeting"]} <= names
    assert page.has("div", class_="field-status")
    # Collapsed until opened, except the template of a new one.
    details = page.elements("details", class_="commitment-details")
    assert ["open" in d.attrs for d in details] == [False, True]


class TestThePublishingRulesHoldOnTheNestedRows:
    """An editor prepares drafts; an agreement that is public changes only with a publisher, and is never deleted.

    An editor's change to it is kept as a proposed revision (meetings.revisions).
    """

    @pytest.fixture
    def published_agreement(self, vii_rcm, publisher):
        from meetings import services

        agreement = Agreement.objects.get(document__meeting=vii_rcm)
        services.publish(agreement.document, publisher)  # the meeting stays a draft an editor may change
        return agreement

    def test_an_editors_change_to_a_published_agreement_from_the_meeting_page_is_a_proposal(
        self, editor_client, vii_rcm, published_agreement
    ):
        url = admin_url(Meeting, "change", vii_rcm.pk)
        data = change_form_data(editor_client.get(url))
        data["documents-0-agreements-0-text"] = "Changed by an editor"
        response = editor_client.post(url, data)
        proposal = Revision.objects.pending().of(published_agreement).get()
        assert response["Location"] == admin_url(Revision, "change", proposal.pk)
        published_agreement.refresh_from_db()
        assert published_agreement.text == "To acknowledge the work of the Technical Secretariat."

    def test_a_publisher_can(self, publisher_client, vii_rcm, published_agreement):
        url = admin_url(Meeting, "change", vii_rcm.pk)
        data = change_form_data(publisher_client.get(url))
        data["documents-0-agreements-0-text"] = "Corrected by a publisher"
        assert publisher_client.post(url, data).status_code == 302
        published_agreement.refresh_from_db()
        assert (published_agreement.text, published_agreement.status) == ("Corrected by a publisher", "published")

    def test_nobody_deletes_a_published_agreement_from_the_meeting_page(
        self, staff_client, vii_rcm, published_agreement
    ):
        url = admin_url(Meeting, "change", vii_rcm.pk)
        data = change_form_data(staff_client.get(url))
        data["documents-0-agreements-0-DELETE"] = "on"
        response = staff_client.post(url, data)
        assert response.status_code == 200
        assert "Published records cannot be deleted" in response.content.decode()
        assert Agreement.objects.filter(pk=published_agreement.pk).exists()

    def test_a_status_posted_for_a_new_agreement_is_ignored(self, editor_client, vii_rcm):
        data = whole_outcome(editor_client, vii_rcm, **{"documents-1-agreements-0-status": "published"})
        assert editor_client.post(admin_url(Meeting, "change", vii_rcm.pk), data).status_code == 302
        assert Agreement.objects.get(text="To invite IOM.").status == DRAFT
