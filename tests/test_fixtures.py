"""The five seed documents, as a fresh archive holds them: checked against the source files themselves."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count

from meetings.models import (
    ActionItem,
    Agreement,
    Country,
    CountryAlias,
    Document,
    Meeting,
    Organisation,
    Participation,
    Person,
    Process,
    ProcessMembership,
    Topic,
)

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR) / "tests" / "data" / "seeds"

#: meeting slug -> (document slug, source file)
SEED_DOCUMENTS = {
    "celac-first-meeting-on-migration-2012": ("celac-2012-technical-secretariat-report", "000_d85978103be6e720.txt"),
    "high-level-forum-irregular-migration-2017": ("high-level-forum-2017-rapporteurship", "001_d5584d9c1a84edb5.txt"),
    "vii-rcm-2002": ("vii-rcm-2002-joint-communique", "002_27da9fe0adca5bed.txt"),
    "oas-ceam-2009-02-13": ("oas-ceam-2009-linking-regional-processes", "003_cb9db84e974536e1.txt"),
    "rcm-sacm-plenary-2018": ("rcm-sacm-plenary-2018-summary", "004_0389e5a0bc2cae19.txt"),
}


def source(filename: str) -> str:
    return (SEEDS / filename).read_text(encoding="utf-8")


def countries(meeting_slug: str, *roles: str) -> set[str]:
    rows = Participation.objects.filter(meeting__slug=meeting_slug, country__isnull=False)
    if roles:
        rows = rows.filter(role__in=roles)
    return set(rows.values_list("country__alpha3", flat=True))


@pytest.fixture(autouse=True)
def _seeds(seeded_db):
    pass


class TestEverySeed:
    @pytest.mark.parametrize("meeting_slug", SEED_DOCUMENTS)
    def test_each_seed_is_a_published_meeting_with_its_document(self, meeting_slug):
        document_slug, _ = SEED_DOCUMENTS[meeting_slug]
        meeting = Meeting.objects.public().get(slug=meeting_slug)
        assert list(meeting.documents.public().values_list("slug", flat=True)) == [document_slug]

    @pytest.mark.parametrize("meeting_slug", SEED_DOCUMENTS)
    def test_every_agreement_text_stands_verbatim_in_its_document(self, meeting_slug):
        document = Document.objects.get(slug=SEED_DOCUMENTS[meeting_slug][0])
        agreements = list(document.agreements.all())
        assert agreements, "each seed document sets out at least one agreement"
        missing = [a.label or a.text[:40] for a in agreements if a.text not in document.text]
        assert missing == []

    @pytest.mark.parametrize("meeting_slug", SEED_DOCUMENTS)
    def test_agreements_appear_in_the_order_they_are_printed(self, meeting_slug):
        document = Document.objects.get(slug=SEED_DOCUMENTS[meeting_slug][0])
        # Search each text after the previous one: short items ("Governance of
        # migration") can be printed twice in one document.
        cursor, out_of_order = 0, []
        for agreement in document.agreements.order_by("order"):
            found = document.text.find(agreement.text, cursor)
            if found < 0:
                out_of_order.append(agreement.label or agreement.text[:40])
            else:
                cursor = found + 1
        assert out_of_order == []

    @pytest.mark.parametrize("meeting_slug", SEED_DOCUMENTS)
    def test_the_document_text_is_the_source_text(self, meeting_slug):
        document_slug, filename = SEED_DOCUMENTS[meeting_slug]
        text = Document.objects.get(slug=document_slug).text
        assert text.strip()
        if meeting_slug == "high-level-forum-irregular-migration-2017":
            # A scraped web page: the real text begins after its "Transcription:" marker.
            assert text.split()[:3] == source(filename).split("Transcription:", 1)[1].split()[:3]
        else:
            assert text == source(filename).strip()

    @pytest.mark.parametrize("meeting_slug", SEED_DOCUMENTS)
    def test_every_agreement_has_a_topic(self, meeting_slug):
        untagged = Agreement.objects.filter(document__meeting__slug=meeting_slug, topics__isnull=True)
        assert list(untagged.values_list("label", flat=True)) == []

    def test_the_meetings_keep_their_true_dates_and_places(self):
        expected = {
            "vii-rcm-2002": ((2002, 5, 30), (2002, 5, 31), "GTM"),
            "celac-first-meeting-on-migration-2012": ((2012, 8, 20), (2012, 8, 21), "HND"),
            "high-level-forum-irregular-migration-2017": ((2017, 9, 12), (2017, 9, 13), "CRI"),
            "oas-ceam-2009-02-13": ((2009, 2, 13), (2009, 2, 13), "USA"),
            "rcm-sacm-plenary-2018": ((2018, 5, 8), (2018, 5, 9), "URY"),
        }
        actual = {
            m.slug: (m.start_date.timetuple()[:3], m.end_date.timetuple()[:3], m.host_country.alpha3)
            for m in Meeting.objects.select_related("host_country")
        }
        assert actual == expected


class TestVIIRegionalConference:
    slug = "vii-rcm-2002"

    def test_it_took_place_in_antigua_guatemala_on_30_and_31_may_2002(self):
        meeting = Meeting.objects.get(slug=self.slug)
        assert (meeting.city, meeting.host_country.name) == ("Antigua", "Guatemala")
        assert (meeting.start_date, meeting.end_date) == (datetime.date(2002, 5, 30), datetime.date(2002, 5, 31))
        assert list(meeting.processes.values_list("slug", flat=True)) == ["rcm"]
        assert meeting.edition == "VII"

    def test_its_eleven_member_countries_were_present(self):
        assert countries(self.slug, "member") == {
            "BLZ", "CAN", "CRI", "DOM", "SLV", "GTM", "HND", "MEX", "NIC", "PAN", "USA",
        }  # fmt: skip

    def test_argentina_colombia_ecuador_and_peru_attended_as_observers(self):
        assert countries(self.slug, "observer") == {"ARG", "COL", "ECU", "PER"}
        observers = Participation.objects.filter(meeting__slug=self.slug, role="observer", organisation__isnull=False)
        assert set(observers.values_list("organisation__acronym", flat=True)) == {"UNHCR", "ECLAC", "IOM"}

    def test_it_has_eleven_top_level_substantive_agreements_in_order(self):
        top = Agreement.objects.filter(document__meeting__slug=self.slug, section="substantive", parent=None)
        assert list(top.order_by("order").values_list("label", flat=True)) == [str(n) for n in range(1, 12)]

    def test_sub_items_hang_under_their_parents(self):
        document = Document.objects.get(slug=SEED_DOCUMENTS[self.slug][0])
        children = {
            parent: list(
                document.agreements.filter(parent__label=parent, section="substantive").values_list("label", flat=True)
            )
            for parent in ("9", "10", "11")
        }
        assert children == {
            "9": ["9.1", "9.2", "9.3"],
            "10": ["10.1", "10.2", "10.3", "10.4", "10.5", "10.6"],
            "11": ["11.1", "11.2", "11.3", "11.4", "11.5"],
        }

    def test_agreement_10_5_reads_as_printed(self):
        agreement = Agreement.objects.get(document__meeting__slug=self.slug, label="10.5")
        assert agreement.text == (
            "Inclusion of the terms “smuggling of migrants” and “trafficking in persons” according to conceptual "
            "definitions contained in the protocols of the United Nations Convention Against Transnational "
            "Organized Crime, as terms of reference for the activities of the Network."
        )
        assert agreement.parent.label == "10"

    def test_the_title_keeps_its_printed_misspelling(self):
        text = Document.objects.get(slug=SEED_DOCUMENTS[self.slug][0]).text
        assert text.startswith("VII REGIONAL CONFFERENCE ON MIGRATION")
        assert "terrorist attacks of September 11, 2002" in text

    def test_the_seminar_recommendations_and_administrative_matters_are_kept(self):
        agreements = Agreement.objects.filter(document__meeting__slug=self.slug)
        recommendations = agreements.filter(section="acknowledgments", kind="recommendation")
        assert list(recommendations.values_list("label", flat=True)) == ["1", "2", "3", "4"]
        assert recommendations.values("parent").distinct().count() == 1
        administrative = agreements.filter(section="administrative").order_by("order")
        assert list(administrative.values_list("label", flat=True)) == ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "2"]

    def test_consular_protection_agreements_carry_that_topic(self):
        labels = Agreement.objects.filter(document__meeting__slug=self.slug, topics__slug="consular-protection")
        assert {"3", "11", "11.1"} <= set(labels.values_list("label", flat=True))

    def test_its_commitments_include_the_plan_of_action_the_seminar_and_the_next_host(self):
        items = ActionItem.objects.filter(meeting__slug=self.slug)
        plan = items.get(agreement__label="5", agreement__section="substantive")
        assert list(plan.responsible_organisations.values_list("acronym", flat=True)) == ["IOM"]
        seminar = items.get(agreement__label="9.2")
        assert seminar.due_date == datetime.date(2002, 12, 31)
        host = items.get(responsible_countries__alpha3="MEX", description__icontains="VIII")
        assert host.due_date == datetime.date(2003, 3, 31)
        assert "first trimester of 2003" in host.due_text


class TestCelacFirstMeeting:
    slug = "celac-first-meeting-on-migration-2012"

    def test_it_took_place_in_comayagua_honduras_on_20_and_21_august_2012(self):
        meeting = Meeting.objects.get(slug=self.slug)
        assert (meeting.city, meeting.host_country.alpha3) == ("Comayagua", "HND")
        assert (meeting.start_date, meeting.end_date) == (datetime.date(2012, 8, 20), datetime.date(2012, 8, 21))

    def test_seventeen_countries_took_part_seven_of_them_rcm_members(self):
        present = countries(self.slug, "participant")
        assert len(present) == 17
        assert {"BRA", "BOL", "VEN", "TTO", "URY"} <= present
        rcm = ProcessMembership.objects.filter(process__slug="rcm", role="member")
        rcm_members = set(rcm.values_list("country__alpha3", flat=True))
        assert len(present & rcm_members) == 7

    def test_working_group_proposals_are_bullets_under_their_lettered_headings(self):
        proposals = Agreement.objects.filter(document__meeting__slug=self.slug, section="working_group")
        headings = list(proposals.order_by("order").values_list("section_heading", flat=True).distinct())
        assert [h[:2] for h in dict.fromkeys(headings)] == ["a)", "b)", "c)", "d)", "e)"]
        assert set(proposals.values_list("label", flat=True)) == {""}

    def test_costa_rica_is_to_host_the_second_meeting_during_2013(self):
        item = ActionItem.objects.get(meeting__slug=self.slug, responsible_countries__alpha3="CRI")
        assert item.due_text == "during 2013"
        assert item.due_date == datetime.date(2013, 12, 31)


class TestOtherSeeds:
    def test_the_2018_plenary_belongs_to_both_the_rcm_and_the_sacm(self):
        meeting = Meeting.objects.get(slug="rcm-sacm-plenary-2018")
        assert set(meeting.processes.values_list("slug", flat=True)) == {"rcm", "sacm"}
        assert len(countries("rcm-sacm-plenary-2018")) == 21
        assert meeting.city == "Montevideo"

    def test_the_2017_rapporteurship_is_kept_without_the_scraped_page_noise(self):
        text = Document.objects.get(slug="high-level-forum-2017-rapporteurship").text
        assert "Similar documents" not in text
        assert "Transcription:" not in text
        assert "BALI DECLARATION ON PEOPLE SMUGGLING" not in text
        assert "Rapporteurship on the High-Level Forum" in text

    def test_the_2017_forum_names_its_speakers_with_their_titles(self):
        forum = "high-level-forum-irregular-migration-2017"
        speakers = Participation.objects.filter(meeting__slug=forum, role="speaker")
        names = set(speakers.values_list("person__name", flat=True))
        assert {"Luis Almagro", "Walter Kaelin"} <= names

    def test_the_2009_committee_keeps_its_document_symbols_and_four_follow_up_steps(self):
        document = Document.objects.get(slug="oas-ceam-2009-linking-regional-processes")
        assert "CE/AM-59/08 rev. 1" in document.text
        steps = document.agreements.filter(section="follow_up").exclude(label="").order_by("order")
        assert list(steps.values_list("label", flat=True)) == ["1", "2", "3", "4"]
        assert ActionItem.objects.filter(meeting=document.meeting, due_date=datetime.date(2009, 4, 24)).exists()


def test_loading_the_seed_records_again_creates_nothing_new():
    models = [
        Country, CountryAlias, Process, ProcessMembership, Organisation, Person, Topic,
        Meeting, Participation, Document, Agreement, ActionItem,
    ]  # fmt: skip

    def census():
        counts = {m.__name__: m.objects.count() for m in models}
        counts["agreement topics"] = Agreement.topics.through.objects.count()
        counts["meeting processes"] = Meeting.processes.through.objects.count()
        return counts

    before = census()
    call_command("load_seed_records", verbosity=0)
    assert census() == before


def test_no_topic_of_the_vocabulary_is_defined_twice():
    assert not Topic.objects.values("name").annotate(n=Count("id")).filter(n__gt=1).exists()
