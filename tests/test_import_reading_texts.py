"""What the importer reads from texts of every shape: date forms and conflicts, decoys of other
meetings, mixed observer lists, preambles, single-line and truncated texts, empty fields explained."""

import datetime

import pytest

from meetings.importer.parsing import parse_document
from meetings.importer.vocabulary import Vocabulary

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def vocabulary(reference_db, django_db_blocker):
    with django_db_blocker.unblock():
        return Vocabulary.load()


def read(text, vocabulary):
    return parse_document(text, vocabulary=vocabulary)


class TestDates:
    @pytest.mark.parametrize(
        ("sentence", "start", "end"),
        [
            (
                "La VI Conferencia tuvo lugar en San José, Costa Rica los días 22 y 23 de marzo del año 2001.",
                D(2001, 3, 22),
                D(2001, 3, 23),
            ),  # noqa: E501
            (
                "La Conferencia se celebró en Quito, Ecuador, el 18 y 19 de mayo de 2010.",
                D(2010, 5, 18),
                D(2010, 5, 19),
            ),  # noqa: E501
            (
                "The meeting was held in Sucre, Bolivia, on 23rd and 24th November 2018.",
                D(2018, 11, 23),
                D(2018, 11, 24),
            ),  # noqa: E501
            (
                "The Summit was held on March1, 2024, in Kingstown, Saint Vincent and the Grenadines.",
                D(2024, 3, 1),
                D(2024, 3, 1),
            ),  # noqa: E501
            ("Se llevó a cabo del 30 de junio al 1 de julio de 2022 en Lima, Perú.", D(2022, 6, 30), D(2022, 7, 1)),
        ],
    )
    def test_english_and_spanish_forms(self, vocabulary, sentence, start, end):
        draft = read(sentence, vocabulary)
        assert (draft.start_date, draft.end_date) == (start, end)

    def test_the_sentence_saying_the_meeting_took_place_wins_over_a_heading_and_the_conflict_is_reported(
        self, vocabulary
    ):
        draft = read(
            "Declaración de Brasilia - Brasilia, Brasil – 19 de noviembre de 2025\n"
            "En Brasilia, los días 18 y 19 de noviembre de 2025 se celebró la XXIII Conferencia Suramericana sobre Migraciones.\n",  # noqa: E501
            vocabulary,
        )
        assert (draft.start_date, draft.end_date) == (D(2025, 11, 18), D(2025, 11, 19))
        assert any("19 de noviembre de 2025" in c and "2025-11-18 to 2025-11-19" in c for c in draft.conflicts)

    def test_days_without_a_year_give_no_date_and_the_report_says_why(self, vocabulary):
        draft = read(
            "El encuentro, que se desarrolló durante los días 8 y 9 de mayo en Montevideo, reunió a 21 delegaciones.\n"
            "Según el plan adoptado el 3 de abril de 2017, se revisarán los avances.\n",
            vocabulary,
        )
        assert (draft.start_date, draft.end_date) == (None, None)
        assert "8 y 9 de mayo" in draft.missing["start_date"] and "year" in draft.missing["start_date"]

    def test_a_dateline_dates_a_text_that_says_only_this_morning(self, vocabulary):
        draft = read("08-11-2016, Kampala: IGAD this morning opened the two-day 8th meeting on migration.", vocabulary)
        assert (draft.start_date, draft.end_date) == (D(2016, 11, 8), D(2016, 11, 9))
        assert (draft.city, draft.host_country) == ("Kampala", "UGA")


class TestDecoys:
    def test_the_place_and_dates_of_another_meeting_are_not_this_meetings(self, vocabulary):
        draft = read(
            "Senior officials met in Madrid on 20 October 2022 to prepare the Ministerial Conference. The meeting "
            "paved the way for the 6th Ministerial Conference, to take place on 13 and 14 December 2022 in Cádiz, "
            "Spain. The 5th Conference took place in Marrakesh, Morocco, on 2 May 2018.",
            vocabulary,
        )
        assert (draft.start_date, draft.city, draft.host_country) == (D(2022, 10, 20), "Madrid", "ESP")

    def test_the_next_meeting_announced_in_the_opening_is_not_this_one(self, vocabulary):
        draft = read(
            "The upcoming 3rd Ministerial Conference, taking place in Bratislava on 19-20 September 2016, was "
            "prepared.\nLocation: Cracow, Poland\nThe Senior Officials' Meeting gathered 62 participants on "
            "15 June 2016.",
            vocabulary,
        )
        assert (draft.start_date, draft.city, draft.host_country) == (D(2016, 6, 15), "Cracow", "POL")

    def test_earlier_meetings_listed_in_the_opening_sentence_are_not_this_one(self, vocabulary):
        draft = read(
            "Los Representantes de Argentina, Bolivia y Chile, reunidos en la Quinta Conferencia, realizada los días "
            "25 y 26 de noviembre de 2004, en la ciudad de La Paz, República de Bolivia, en seguimiento de las "
            "Conferencias llevadas a cabo en Buenos Aires, en mayo de 2000, y en Quito, en agosto de 2002, adoptan:",
            vocabulary,
        )
        assert (draft.start_date, draft.city, draft.host_country) == (D(2004, 11, 25), "La Paz", "BOL")


class TestWhoWasThere:
    def test_a_mixed_observer_list_gives_observer_countries_and_organisations(self, vocabulary):
        draft = read(
            "La IX Conferencia Suramericana sobre Migraciones se celebró en Quito, Ecuador, el 21 de septiembre de "
            "2009, con la participación de Argentina, Bolivia y Ecuador. En calidad de observadores participaron "
            "México, Canadá, la Organización Internacional para las Migraciones y el ACNUR.",
            vocabulary,
        )
        assert sorted(draft.countries("observer")) == ["CAN", "MEX"]
        assert sorted(draft.organisations("observer")) == ["iom", "unhcr"]
        assert sorted(draft.countries("member")) == ["ARG", "BOL", "ECU"]

    def test_members_left_out_are_reported_and_roster_descriptions_are_not_attendance(self, vocabulary):
        draft = read(
            "The XX Regional Conference on Migration took place in Panama City, Panama, on 5 June 2015, with the "
            "participation of Belize, Canada and Panama. The RCM comprises Costa Rica, Mexico and Nicaragua.",
            vocabulary,
        )
        assert sorted(draft.countries("member")) == ["BLZ", "CAN", "PAN"]
        assert "MEX" in draft.absent_members and "CRI" in draft.absent_members

    def test_organisations_in_their_roles(self, vocabulary):
        draft = read(
            "The XVIII South American Conference on Migration was held in Sucre, Bolivia, on 22 November 2018, "
            "with the participation of Argentina and Chile and the International Organization for Migration, in "
            "its capacity as Technical Secretariat. The Intergovernmental Authority on Development (IGAD), in "
            "collaboration with Uganda, opened the session.",
            vocabulary,
        )
        roles = {p.organisation: p.role for p in draft.participants if p.organisation}
        assert roles == {"iom": "secretariat", "igad": "organiser"}

    def test_all_member_states_without_names_come_from_the_roster(self, vocabulary):
        draft = read(
            "The 5th Ministerial Consultation of the Colombo Process was convened in Colombo, Sri Lanka, on 25 August "
            "2016 with the participation of Ministerial-level delegations from all 11 Member States.",
            vocabulary,
        )
        assert len(draft.countries("member")) == 11 and "LKA" in draft.countries("member")
        assert any("without naming them" in note for note in draft.notes)


class TestAgreements:
    def test_numbered_preambular_paragraphs_are_not_agreements(self, vocabulary):
        draft = read(
            "DECLARACION DE LA PAZ\nLa Paz, Bolivia, 25 y 26 de noviembre de 2004\n\nCONSIDERANDO:\n\n"
            "1. El compromiso de los Estados de respetar los derechos humanos.\n2. La importancia de la Convención.\n\n"
            "ACUERDAN:\n\n1. Reafirmar el compromiso con los migrantes.\n2. Solicitar a la OIM un informe.\n",
            vocabulary,
        )
        assert [a.label for a in draft.agreements] == ["1", "2"]
        assert draft.agreements[0].text.startswith("Reafirmar")

    def test_preambular_paragraphs_by_their_first_word(self, vocabulary):
        draft = read(
            "Quito, Ecuador, 21 de septiembre de 2009\n\nRECORDANDO la Declaración de Santiago;\n"
            "1. Considerando que la migración es un derecho.\n\nDECLARAN:\n\n1. Promover la libre movilidad.\n",
            vocabulary,
        )
        assert [a.text for a in draft.agreements] == ["Promover la libre movilidad."]

    def test_a_document_on_a_single_line_keeps_its_numbered_agreements(self, vocabulary):
        line = (
            "VII CONFERENCIA REGIONAL SOBRE MIGRACION COMUNICADO CONJUNTO La VII Conferencia Regional sobre Migración "
            "(CRM) tuvo lugar en la Antigua Guatemala, Guatemala, los días 30 y 31 de mayo de 2002, con la "
            "participación de Belice, Canadá y México. Los Viceministros recordaron los atentados del 11 de "
            "septiembre pasado. APROBARON PUNTOS SUSTANTIVOS 1. Reconocer el papel de las políticas migratorias. "
            "2. Adoptar como tema “Hacia una Solidaridad Regional”. 3. Reconocer la protección consular de los "
            "migrantes detenidos, conforme a los 12 acuerdos vigentes. 4. Aceptar la propuesta titulada"
        )
        draft = read(line, vocabulary)
        assert [a.label for a in draft.agreements] == ["1", "2", "3", "4"]
        assert draft.agreements[2].text.endswith("12 acuerdos vigentes.")
        assert (draft.start_date, draft.city, draft.host_country) == (D(2002, 5, 30), "Antigua Guatemala", "GTM")
        assert sorted(draft.countries("member")) == ["BLZ", "CAN", "MEX"]

    def test_a_text_cut_off_mid_word_is_read_up_to_the_cut(self, vocabulary):
        draft = read(
            "La XVIII Conferencia Suramericana sobre Migraciones se celebró en Sucre, Bolivia, el 22 de noviembre de "
            "2018, con la participación de Argentina, Brasil y Guatem",
            vocabulary,
        )
        assert sorted(draft.countries("member")) == ["ARG", "BRA"]
        assert (draft.start_date, draft.host_country) == (D(2018, 11, 22), "BOL")

    def test_the_next_meetings_host_becomes_a_commitment(self, vocabulary):
        draft = read(
            "The XX Regional Conference on Migration took place in San Salvador, El Salvador, on 21 June 2015.\n\n"
            "ADMINISTRATIVE MATTERS\n\n  1. To accept the offer of the Government of Honduras to host the XXI "
            "Regional Conference on Migration during the first semester of 2016.\n",
            vocabulary,
        )
        item = draft.action_items[-1]
        assert item.countries == ["HND"] and item.due_date == D(2016, 6, 30)


class TestSources:
    def test_the_source_line_and_a_front_matter_are_not_the_document(self, vocabulary):
        draft = read(
            "Source: https://example.org/declaracion\n---\ntitle: Declaración\ndate: 2020-01-01\n---\n"
            "La Conferencia se celebró en Lima, Perú, el 5 de mayo de 2010.",
            vocabulary,
        )
        assert draft.source == "https://example.org/declaracion"
        assert draft.document.text.startswith("La Conferencia")
        assert (draft.start_date, draft.host_country) == (D(2010, 5, 5), "PER")

    def test_a_field_the_text_does_not_give_is_empty_with_the_reason(self, vocabulary):
        draft = read(
            "Los participantes de la III Reunión sobre Migraciones de la CELAC acordaron proteger a los niños.",
            vocabulary,
        )
        assert (draft.city, draft.host_country) == ("", None)
        assert draft.missing["city"] and draft.missing["start_date"]


class TestEditions:
    @pytest.mark.parametrize(
        ("sentence", "edition", "number"),
        [
            (
                "La XXIII Conferencia Suramericana sobre Migraciones se celebró en Lima el 8 de mayo de 2025.",
                "XXIII",
                23,
            ),  # noqa: E501
            (
                "La Quinta Conferencia Sudamericana sobre Migraciones se realizó en La Paz el 25 de noviembre de 2004.",
                "Quinta",
                5,
            ),  # noqa: E501
            (
                "The 5th Ministerial Consultation of the Colombo Process was convened in Colombo on 25 August 2016.",
                "5th",
                5,
            ),  # noqa: E501
            (
                "The Eighth Bali Process Ministerial Conference took place on 10 February 2023 in Adelaide, Australia.",
                "Eighth",
                8,
            ),  # noqa: E501
        ],
    )
    def test_the_edition_in_roman_numerals_ordinal_words_and_numbers(self, vocabulary, sentence, edition, number):
        draft = read(sentence, vocabulary)
        assert (draft.edition, draft.edition_number) == (edition, number)

    def test_a_spanish_offer_to_host_the_next_meeting_is_a_commitment(self, vocabulary):
        draft = read(
            "La XX Conferencia Regional sobre Migración tuvo lugar en San Salvador, El Salvador, el 21 de junio de "
            "2015.\n\nASUNTOS ADMINISTRATIVOS\n\n  1. Aceptar el ofrecimiento del Gobierno de Honduras para ser sede "
            "de la XXI Conferencia Regional sobre Migración durante el primer semestre de 2016.\n",
            vocabulary,
        )
        assert draft.action_items and draft.action_items[-1].countries == ["HND"]
