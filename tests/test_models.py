"""The rules the database itself enforces, and the one rule of what the public sees."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from meetings.models import (
    ActionItem,
    Agreement,
    AgreementRelation,
    Country,
    Document,
    Meeting,
    Organisation,
    Participation,
    Process,
    ProcessMembership,
    PublicationStatus,
    RelationKind,
)

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED
DRAFT = PublicationStatus.DRAFT


@pytest.fixture
def guatemala():
    return Country.objects.create(alpha2="GT", alpha3="GTM", numeric="320", name="Guatemala", name_es="Guatemala")


@pytest.fixture
def iom():
    return Organisation.objects.create(name="International Organization for Migration", slug="iom", acronym="IOM")


def make_meeting(slug="m", status=PUBLISHED, start=datetime.date(2002, 5, 30), end=datetime.date(2002, 5, 31)):
    return Meeting.objects.create(title=f"Meeting {slug}", slug=slug, start_date=start, end_date=end, status=status)


def make_document(meeting, slug="d", status=PUBLISHED):
    return Document.objects.create(meeting=meeting, title=f"Document {slug}", slug=slug, status=status)


def make_agreement(document, order, label="", heading="SUBSTANTIVE MATTERS", status=PUBLISHED, **extra):
    return Agreement.objects.create(
        document=document,
        order=order,
        label=label,
        section_heading=heading,
        text=f"Item {order}",
        status=status,
        **extra,
    )


class TestMeetingDates:
    def test_an_end_date_before_the_start_date_is_refused_by_the_database(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            make_meeting(start=datetime.date(2002, 5, 31), end=datetime.date(2002, 5, 30))
        assert not Meeting.objects.exists()

    def test_a_one_day_meeting_is_accepted(self):
        make_meeting(start=datetime.date(2009, 2, 13), end=datetime.date(2009, 2, 13))
        assert Meeting.objects.count() == 1


class TestParticipation:
    def test_a_participation_names_a_country(self, guatemala):
        Participation.objects.create(meeting=make_meeting(), country=guatemala, role="member")
        assert Participation.objects.get().participant == guatemala

    def test_naming_both_a_country_and_an_organisation_is_refused(self, guatemala, iom):
        meeting = make_meeting()
        with pytest.raises(IntegrityError), transaction.atomic():
            Participation.objects.create(meeting=meeting, country=guatemala, organisation=iom, role="observer")

    def test_naming_neither_a_country_nor_an_organisation_is_refused(self):
        meeting = make_meeting()
        with pytest.raises(IntegrityError), transaction.atomic():
            Participation.objects.create(meeting=meeting, role="observer")

    def test_the_same_country_in_the_same_role_twice_is_refused(self, guatemala):
        meeting = make_meeting()
        Participation.objects.create(meeting=meeting, country=guatemala, role="member")
        with pytest.raises(IntegrityError), transaction.atomic():
            Participation.objects.create(meeting=meeting, country=guatemala, role="member")

    def test_a_country_can_be_member_and_host_of_one_meeting(self, guatemala):
        meeting = make_meeting()
        Participation.objects.create(meeting=meeting, country=guatemala, role="member")
        Participation.objects.create(meeting=meeting, country=guatemala, role="host")
        assert meeting.participations.count() == 2


class TestAgreementLabels:
    def test_a_label_cannot_repeat_under_the_same_heading_of_a_document(self):
        document = make_document(make_meeting())
        make_agreement(document, 1, label="10.5")
        with pytest.raises(IntegrityError), transaction.atomic():
            make_agreement(document, 2, label="10.5")

    def test_numbering_may_restart_under_another_heading(self):
        # The VII RCM communiqué has a "1." under SUBSTANTIVE and under ADMINISTRATIVE MATTERS.
        document = make_document(make_meeting())
        make_agreement(document, 1, label="1", heading="SUBSTANTIVE MATTERS")
        make_agreement(document, 2, label="1", heading="ADMINISTRATIVE MATTERS")
        assert document.agreements.filter(label="1").count() == 2

    def test_the_same_label_in_another_document_is_accepted(self):
        meeting = make_meeting()
        make_agreement(make_document(meeting, "a"), 1, label="1")
        make_agreement(make_document(meeting, "b"), 1, label="1")
        assert Agreement.objects.filter(label="1").count() == 2

    def test_bullets_have_no_label_and_any_number_of_them_is_accepted(self):
        document = make_document(make_meeting())
        for order in range(1, 4):
            make_agreement(document, order, label="")
        assert document.agreements.count() == 3

    def test_two_agreements_cannot_share_a_place_in_the_printed_order(self):
        document = make_document(make_meeting())
        make_agreement(document, 1, label="1")
        with pytest.raises(IntegrityError), transaction.atomic():
            make_agreement(document, 1, label="2")

    def test_sub_items_keep_printed_order_under_their_parent(self):
        document = make_document(make_meeting())
        nine = make_agreement(document, 1, label="9")
        make_agreement(document, 3, label="9.2", parent=nine)
        make_agreement(document, 2, label="9.1", parent=nine)
        assert [a.label for a in nine.children.all()] == ["9.1", "9.2"]


class TestAgreementRelations:
    def test_a_relation_reads_in_both_directions(self):
        document = make_document(make_meeting())
        earlier, later = make_agreement(document, 1, "1"), make_agreement(document, 2, "2")
        relation = AgreementRelation.objects.create(source=later, kind=RelationKind.FOLLOWS_UP, target=earlier)
        assert list(later.relations_out.all()) == [relation]
        assert list(earlier.relations_in.all()) == [relation]
        assert relation.get_kind_display() == "follows up"
        assert relation.inverse_label == "followed up by"

    def test_an_agreement_cannot_relate_to_itself(self):
        agreement = make_agreement(make_document(make_meeting()), 1, "1")
        with pytest.raises(IntegrityError), transaction.atomic():
            AgreementRelation.objects.create(source=agreement, kind=RelationKind.AMENDS, target=agreement)


class TestProcessMembership:
    def test_membership_cannot_end_before_it_starts(self, guatemala):
        process = Process.objects.create(name="Regional Conference on Migration", slug="rcm", acronym="RCM")
        with pytest.raises(IntegrityError), transaction.atomic():
            ProcessMembership.objects.create(
                process=process, country=guatemala, since=datetime.date(2000, 1, 1), until=datetime.date(1999, 1, 1)
            )


class TestWhatThePublicSees:
    """`public()` is the single rule: a record and everything it belongs to must be published."""

    def test_only_published_meetings_are_public(self):
        make_meeting("pub")
        make_meeting("draft", status=DRAFT)
        make_meeting("gone", status=PublicationStatus.WITHDRAWN)
        assert list(Meeting.objects.public().values_list("slug", flat=True)) == ["pub"]

    def test_a_published_agreement_of_a_draft_meeting_stays_hidden(self):
        document = make_document(make_meeting(status=DRAFT))
        make_agreement(document, 1, "1")
        assert not Agreement.objects.public().exists()

    def test_a_published_agreement_of_a_draft_document_stays_hidden(self):
        document = make_document(make_meeting(), status=DRAFT)
        make_agreement(document, 1, "1")
        assert not Agreement.objects.public().exists()

    def test_a_published_agreement_of_published_parents_is_public(self):
        make_agreement(make_document(make_meeting()), 1, "1")
        assert Agreement.objects.public().count() == 1

    def test_a_draft_agreement_is_hidden(self):
        make_agreement(make_document(make_meeting()), 1, "1", status=DRAFT)
        assert not Agreement.objects.public().exists()

    def test_a_commitment_under_a_draft_agreement_stays_hidden(self):
        meeting = make_meeting()
        agreement = make_agreement(make_document(meeting), 1, "1", status=DRAFT)
        ActionItem.objects.create(meeting=meeting, agreement=agreement, description="Prepare a plan", status=PUBLISHED)
        ActionItem.objects.create(meeting=meeting, order=2, description="Host the next meeting", status=PUBLISHED)
        assert list(ActionItem.objects.public().values_list("description", flat=True)) == ["Host the next meeting"]

    def test_participants_of_a_draft_meeting_are_hidden(self, guatemala):
        Participation.objects.create(meeting=make_meeting(status=DRAFT), country=guatemala, role="host")
        assert not Participation.objects.public().exists()

    def test_publishing_stamps_the_publication_time_once(self):
        meeting = make_meeting(status=DRAFT)
        assert meeting.published_at is None
        meeting.status = PUBLISHED
        meeting.save()
        first = meeting.published_at
        assert first is not None
        meeting.save()
        assert meeting.published_at == first
