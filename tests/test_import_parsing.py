"""The rules the parser follows, one small test per printed pattern."""

import datetime

import pytest

from meetings.importer.dates import find_dates, find_deadline
from meetings.importer.errors import DocumentImportError
from meetings.importer.parsing import detect_language, parse_document, roman_to_int
from meetings.importer.topics import suggest_topics
from meetings.importer.vocabulary import Vocabulary
from meetings.models import Topic

D = datetime.date


@pytest.fixture
def vocabulary(reference_db, db):
    return Vocabulary.load()


class TestDates:
    @pytest.mark.parametrize(
        ("printed", "start", "end"),
        [
            ("20 - 21 August, 2012", D(2012, 8, 20), D(2012, 8, 21)),
            ("May 30-31, 2002", D(2002, 5, 30), D(2002, 5, 31)),
            ("8 - 9 May 2018", D(2018, 5, 8), D(2018, 5, 9)),
            ("8-9 May 2018", D(2018, 5, 8), D(2018, 5, 9)),
            ("September 12 13, 2017", D(2017, 9, 12), D(2017, 9, 13)),
            ("February 13, 2009", D(2009, 2, 13), D(2009, 2, 13)),
            ("13 February 2009", D(2009, 2, 13), D(2009, 2, 13)),
            ("February 24 and 25, 2009", D(2009, 2, 24), D(2009, 2, 25)),
            ("30 June - 2 July 2015", D(2015, 6, 30), D(2015, 7, 2)),
            ("June 30 - July 2, 2015", D(2015, 6, 30), D(2015, 7, 2)),
            ("30 December 2015 - 2 January 2016", D(2015, 12, 30), D(2016, 1, 2)),
            ("los días 22 y 23 de marzo del año 2001", D(2001, 3, 22), D(2001, 3, 23)),
            ("22nd and 23rd November 2018", D(2018, 11, 22), D(2018, 11, 23)),
            ("July 10th and 11th 2006", D(2006, 7, 10), D(2006, 7, 11)),
            ("March1, 2024", D(2024, 3, 1), D(2024, 3, 1)),
            ("8 diciembre 2020", D(2020, 12, 8), D(2020, 12, 8)),
            ("30 de junio y 1 de julio de 2022", D(2022, 6, 30), D(2022, 7, 1)),
            ("Wednesday, 15 June 2016, 9:00 - Thursday, 16 June 2016", D(2016, 6, 15), D(2016, 6, 16)),
            ("30 y 31 de mayo de 2002", D(2002, 5, 30), D(2002, 5, 31)),
            ("del 8 al 9 de mayo de 2018", D(2018, 5, 8), D(2018, 5, 9)),
            ("13 de febrero de 2009", D(2009, 2, 13), D(2009, 2, 13)),
            ("30 de junio al 2 de julio de 2015", D(2015, 6, 30), D(2015, 7, 2)),
        ],
    )
    def test_each_printed_form_gives_its_dates(self, printed, start, end):
        found = find_dates(f"It met in the city, {printed}, to talk.")
        assert [(d.start, d.end, d.text) for d in found] == [
            (start, end, printed.removeprefix("los días ").removeprefix("Wednesday, "))
        ]

    def test_an_impossible_date_is_not_a_date(self):
        assert find_dates("February 30, 2009") == []

    @pytest.mark.parametrize(
        ("printed", "due_text", "due"),
        [
            ("will host the Second Meeting during 2013.", "during 2013", D(2013, 12, 31)),
            (
                "a seminar in the last trimester of 2002 in San Salvador",
                "in the last trimester of 2002",
                D(2002, 12, 31),
            ),
            (
                "to host the VIII RCM during the first trimester of 2003",
                "during the first trimester of 2003",
                D(2003, 3, 31),
            ),
            (
                "by means of the Virtual Secretariat within a period of 30 days.",
                "within a period of 30 days",
                D(2002, 6, 30),
            ),
            ("coincide with the calendar year, beginning in January 2005.", "beginning in January 2005", D(2005, 1, 1)),
            ("to take place on April 23 and 24, 2009 in San Salvador", "April 23 and 24, 2009", D(2009, 4, 24)),
            ("To continue evaluating the adoption.", "", None),
        ],
    )
    def test_deadlines_keep_their_words_and_get_a_date_when_derivable(self, printed, due_text, due):
        assert find_deadline(printed, meeting_end=D(2002, 5, 31)) == (due_text, due)


@pytest.mark.django_db
class TestCountryNames:
    @pytest.mark.parametrize(
        ("printed", "alpha3"),
        [
            ("Belice", "BLZ"),
            ("Brasil", "BRA"),
            ("the Federative Republic of Brazil", "BRA"),
            ("the Bolivarian Republic of Venezuela", "VEN"),
            ("the Plurinational State of Bolivia", "BOL"),
            ("the Oriental Republic of Uruguay", "URY"),
            ("the Republic of Argentina", "ARG"),
            ("United States", "USA"),
            ("the United States of America", "USA"),
            ("the Dominican Republic", "DOM"),
            ("Trinidad and Tobago", "TTO"),
            ("the Government of Mexico", "MEX"),
            ("The Peruvian delegation", "PER"),
        ],
    )
    def test_printed_names_resolve_through_the_aliases(self, vocabulary, printed, alpha3):
        assert vocabulary.country(printed) == alpha3

    def test_a_lowercase_word_is_never_a_country(self, vocabulary):
        assert vocabulary.country("and") is None  # not Andorra

    def test_a_list_keeps_trinidad_and_tobago_whole_and_splits_the_last_and(self, vocabulary):
        codes, unknown = vocabulary.country_list("Cuba, Trinidad and Tobago, Panama and the United States of America")
        assert (codes, unknown) == (["CUB", "TTO", "PAN", "USA"], [])

    def test_pieces_that_name_no_country_are_reported(self, vocabulary):
        assert vocabulary.country_list("Chile, Atlantis") == (["CHL"], ["Atlantis"])


def communique(body: str) -> str:
    return (
        "IX REGIONAL CONFERENCE ON MIGRATION\nJOINT COMMUNIQUÉ\n\n"
        "The IX Regional Conference on Migration (RCM) took place in Panama City, Panama, 8 - 9 May 2004, with the "
        "participation of the member countries of Belize, Canada, Mexico and the United States of America.\n\n" + body
    )


@pytest.mark.django_db
class TestNumbering:
    def labels(self, text):
        return [(a.label, a.parent.label if a.parent else None) for a in parse_document(text).agreements]

    def test_numbered_items_keep_their_labels_in_printed_order(self, reference_db):
        text = communique("SUBSTANTIVE MATTERS\n\n  1. To adopt a theme.\n  2. To request that IOM prepare a plan.\n")
        assert self.labels(text) == [("1", None), ("2", None)]

    def test_indented_sub_items_nest_under_their_parent_as_9_1(self, reference_db):
        text = communique(
            "SUBSTANTIVE MATTERS\n\n  9. On the private sector, they agreed:\n    1. To invite it.\n    2. To organize a seminar.\n"  # noqa: E501 - a pattern or message reads better on one line
            "  10. To approve the work plan.\n"
        )
        assert self.labels(text) == [("9", None), ("9.1", "9"), ("9.2", "9"), ("10", None)]

    def test_printed_dotted_labels_are_kept(self, reference_db):
        text = communique("SUBSTANTIVE MATTERS\n\n9. They agreed:\n9.1 To invite it.\n9.2 To organize it.\n")
        assert [label for label, _ in self.labels(text)] == ["9", "9.1", "9.2"]

    def test_lettered_headings_hold_bullets(self, reference_db):
        text = communique(
            "Proposals:\n\na) Consular Assistance:\n\n· Articulate mechanisms.\n· Train consuls.\nb) Free Mobility:\n· Ensure compliance.\n"  # noqa: E501 - a pattern or message reads better on one line
        )
        agreements = parse_document(text).agreements
        assert [(a.label, a.section, a.section_heading) for a in agreements] == [
            ("", "working_group", "a) Consular Assistance:"),
            ("", "working_group", "a) Consular Assistance:"),
            ("", "working_group", "b) Free Mobility:"),
        ]

    def test_lettered_items_keep_their_letter(self, reference_db):
        text = communique("SUBSTANTIVE MATTERS\n\na) To adopt a theme.\nb) To approve a plan.\n")
        assert [label for label, _ in self.labels(text)] == ["a)", "b)"]

    def test_section_headings_give_the_section_and_keep_the_printed_heading(self, reference_db):
        text = communique(
            "SUBSTANTIVE MATTERS\n\n  1. To adopt a theme.\n\nACKNOWLEDGMENTS\n\nThe efforts of El Salvador.\n\n"
            "ADMINISTRATIVE MATTERS\n\n  1. To approve the budget.\n"
        )
        agreements = parse_document(text).agreements
        assert [(a.label, a.section, a.section_heading) for a in agreements] == [
            ("1", "substantive", "SUBSTANTIVE MATTERS"),
            ("", "acknowledgments", "ACKNOWLEDGMENTS"),
            ("1", "administrative", "ADMINISTRATIVE MATTERS"),
        ]

    def test_an_intro_paragraph_ending_in_a_colon_takes_the_numbered_items_after_it(self, reference_db):
        text = communique(
            "ACKNOWLEDGMENTS\n\nThe report on the seminar, and approve the following recommendations:\n\n"
            "  1. To acknowledge coherence.\n  2. To acknowledge civil society.\n\nThe presentation of Mr. Appave.\n"
        )
        agreements = parse_document(text).agreements
        assert [(a.label, a.kind) for a in agreements] == [
            ("", "acknowledgement"), ("1", "recommendation"), ("2", "recommendation"), ("", "acknowledgement"),
        ]  # fmt: skip
        assert agreements[1].parent is agreements[0] and agreements[3].parent is None

    def test_an_unreadable_number_continues_the_count(self, reference_db):
        text = communique("· As a result of this first meeting:\n\n1. One.\n2. Two.\n \ufffd.\tThree.\n")
        agreements = parse_document(text).agreements
        assert [a.label for a in agreements] == ["", "1", "2", "3"]
        assert agreements[0].section == "follow_up"

    def test_the_next_host_closes_the_agreements(self, reference_db):
        text = communique(
            "SUBSTANTIVE MATTERS\n\n  1. To adopt a theme.\n\nThe Viceministers approved the offer of Mexico to host the "  # noqa: E501 - a pattern or message reads better on one line
            "X Regional Conference on Migration during the first trimester of 2005.\n"
        )
        draft = parse_document(text)
        assert draft.agreements[-1].section == "closing"
        (host,) = draft.action_items
        assert (host.countries, host.due_text, host.due_date) == (
            ["MEX"],
            "during the first trimester of 2005",
            D(2005, 3, 31),
        )


@pytest.mark.django_db
class TestMeeting:
    def test_title_edition_process_kind_place_and_members(self, reference_db):
        draft = parse_document(communique(""))
        assert (draft.title, draft.edition, draft.edition_number, draft.kind) == (
            "IX Regional Conference on Migration", "IX", 9, "vice_ministerial",
        )  # fmt: skip
        assert draft.processes == ["rcm"]
        assert (draft.start_date, draft.end_date, draft.city, draft.host_country) == (
            D(2004, 5, 8), D(2004, 5, 9), "Panama City", "PAN",
        )  # fmt: skip
        assert draft.countries("member") == ["BLZ", "CAN", "MEX", "USA"]
        assert draft.document.kind == "communique"

    def test_a_spanish_document_is_recognised_as_spanish(self, reference_db):
        text = (
            "COMUNICADO CONJUNTO\n\nLa Conferencia se celebró en Antigua, Guatemala, del 30 y 31 de mayo de 2002, con la "  # noqa: E501 - a pattern or message reads better on one line
            "participación de los países miembros de Belice, Canadá y México. Los países acordaron lo siguiente.\n"
        )
        draft = parse_document(text)
        assert draft.document.language == "es"
        assert (draft.start_date, draft.host_country) == (D(2002, 5, 30), "GTM")
        assert draft.document.kind == "communique"

    def test_organisations_are_recognised_by_acronym_and_by_name(self, vocabulary):
        text = "the United Nations High Commissioner for Refugees, ECLAC/CELADE and the Organización Internacional para las Migraciones"  # noqa: E501 - a pattern or message reads better on one line
        assert vocabulary.organisations_in(text) == ["unhcr", "eclac", "iom"]

    def test_observers_are_recognised_with_their_organisations(self, reference_db):
        draft = parse_document(communique(
            "They welcomed the participation, as observers, of Argentina, Colombia and Peru, as well as the following "
            "International Organizations: the International Organization for Migration (IOM).\n"
        ))  # fmt: skip
        assert draft.countries("observer") == ["ARG", "COL", "PER"]
        assert draft.organisations("observer") == ["iom"]

    def test_text_without_structure_is_refused(self, reference_db):
        with pytest.raises(DocumentImportError, match="no recognisable structure"):
            parse_document("just some words\nwith no date and nothing numbered\n")

    def test_a_document_without_a_date_gives_empty_dates_and_says_why(self, reference_db):
        draft = parse_document("SUBSTANTIVE MATTERS\n\n1. To adopt a theme.\n")
        assert (draft.start_date, draft.end_date) == (None, None)
        assert "no sentence says when the meeting took place" in draft.missing["start_date"]


@pytest.mark.django_db
class TestSuggestions:
    def test_topics_come_from_the_vocabulary(self, reference_db):
        available = set(Topic.objects.values_list("slug", flat=True))
        assert suggest_topics("the consular protection of migrants in detention", available)[0] == "consular-protection"
        assert suggest_topics("To organize a seminar with the private sector", available) == ["private-sector"]
        assert suggest_topics("nothing relevant", available) == []

    def test_a_topic_missing_from_the_database_is_never_suggested(self):
        assert suggest_topics("trafficking in persons", available=set()) == []

    def test_a_request_to_a_body_becomes_an_action_item(self, reference_db):
        draft = parse_document(communique(
            "SUBSTANTIVE MATTERS\n\n  1. To request that IOM expeditiously prepare a proposed plan of action.\n"
            "  2. To request that the Presidency Pro-Témpore establish initial contacts with regional fora.\n"
        ))  # fmt: skip
        assert [item.organisations for item in draft.action_items] == [["iom"], ["rcm-presidency-pro-tempore"]]

    def test_an_event_to_organise_gets_its_deadline(self, reference_db):
        draft = parse_document(communique(
            "SUBSTANTIVE MATTERS\n\n  1. To organize a seminar in the last trimester of 2004 in San Salvador, El Salvador.\n"  # noqa: E501 - a pattern or message reads better on one line
        ))  # fmt: skip
        (item,) = draft.action_items
        assert (item.due_text, item.due_date, item.countries) == (
            "in the last trimester of 2004",
            D(2004, 12, 31),
            ["SLV"],
        )


def test_roman_numerals_and_language():
    assert [roman_to_int(v) for v in ("VII", "XV", "IX", "XLIX", "First")] == [7, 15, 9, 49, None]
    assert detect_language("The meeting of the countries was held in the city") == "en"
    assert detect_language("La reunión de los países se celebró en la ciudad") == "es"
