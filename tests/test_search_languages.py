"""Search in both languages: accents and case, and the vocabulary's names in English and Spanish.

A Spanish-speaking delegate types "México", "CRM", "Proceso Puebla", "ACNUR"
or "trata de personas"; the records those names are about are found, whatever
language their text is in. Runs on both databases (the names are matched in
Python, the records through the public filters); accent folding of the text
itself is tested on SQLite, where the fallback does it.
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from meetings import search
from meetings.models import ParticipationRole
from tests import factories as make
from tests.helpers import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    make.clear_content()
    mexico = make.country("MEX", "Mexico")
    mexico.name_es = "México"
    mexico.save()
    guatemala = make.country("GTM", "Guatemala")
    rcm = make.process("rcm", "Regional Conference on Migration", "RCM")
    rcm.name_es, rcm.acronym_es, rcm.other_names = (
        "Conferencia Regional sobre Migración",
        "CRM",
        "Puebla Process; Proceso de Puebla",
    )
    rcm.save()
    unhcr = make.organisation("unhcr", "Office of the United Nations High Commissioner for Refugees", "UNHCR")
    unhcr.name_es, unhcr.acronym_es = "Alto Comisionado de las Naciones Unidas para los Refugiados", "ACNUR"
    unhcr.save()
    trafficking = make.topic("trafficking-in-persons", "Trafficking in persons")
    trafficking.name_es = "Trata de personas"
    trafficking.save()
    vii = make.meeting(
        "VII Regional Conference on Migration",
        start=datetime.date(2002, 5, 30),
        end=datetime.date(2002, 5, 31),
        processes=(rcm,),
        attendees=(guatemala,),
    )
    make.participation(vii, unhcr, ParticipationRole.OBSERVER)
    other = make.meeting("Forum on labour mobility", start=datetime.date(2010, 3, 1), attendees=(guatemala,))
    communique = make.document(vii, "Joint communiqué", text="The vice-ministers met.")
    tagged = make.agreement(
        communique, "To invite IOM to prepare a plan of action against migrant trafficking.", topics=(trafficking,)
    )
    concerning = make.agreement(communique, "To thank the host for the arrangements.", countries=(mexico,))
    # Agreements whose text shares words with the Spanish topic name, but which are not on the topic.
    forum = make.document(other, "Forum report", text="...")
    decoys = [
        make.agreement(forum, f"Personas migrantes: medida {n} sobre la trata laboral y la movilidad.")
        for n in range(6)
    ]
    accented = make.agreement(forum, "Reforzar la PROTECCIÓN consular y la integración de las personas migrantes.")
    return {
        "vii": vii,
        "other": other,
        "tagged": tagged,
        "concerning": concerning,
        "decoys": decoys,
        "accented": accented,
    }


def found(query: str, **kwargs) -> list:
    return [hit.object for hit in search.search(query, limit=50, **kwargs)]


@pytest.mark.parametrize("query", ["México", "Mexico", "MÉXICO", "mexico"])
def test_a_country_in_either_language_finds_what_concerns_it(archive, query):
    assert archive["concerning"] in found(query, types=["agreement"])


@pytest.mark.parametrize(
    "query", ["CRM", "RCM", "Proceso Puebla", "Puebla Process", "Conferencia Regional sobre Migracion"]
)
def test_a_process_by_its_name_acronym_or_alias_in_either_language_finds_its_meetings(archive, query):
    assert found(query, types=["meeting"]) == [archive["vii"]]


@pytest.mark.parametrize("query", ["ACNUR", "UNHCR", "acnur"])
def test_an_organisation_by_its_acronym_in_either_language_finds_the_meetings_it_attended(archive, query):
    assert found(query, types=["meeting"]) == [archive["vii"]]


@pytest.mark.parametrize("query", ["trata de personas", "Trata de Personas", "trafficking in persons"])
def test_a_topic_name_in_either_language_finds_the_agreements_tagged_with_it_in_the_top_five(archive, query):
    hits = found(query, types=["agreement"])
    assert archive["tagged"] in hits[:5]
    assert hits[0] == archive["tagged"]  # above agreements that only share words with the name


def test_a_name_and_other_words_is_a_text_search(archive):
    assert archive["concerning"] not in found("México arrangements nonexistentword")


def test_the_search_page_finds_a_spanish_name(archive):
    with translation.override("es"):
        address = reverse("meetings:search")
    response = Client().get(address, {"q": "trata de personas"})
    assert response.status_code == 200
    assert archive["tagged"].get_absolute_url() in Page(response).links


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite fallback's folding")
@pytest.mark.parametrize("query", ["proteccion", "Protección", "PROTECCION", "integracion", "INTEGRACIÓN"])
def test_accents_and_case_do_not_matter_on_sqlite(archive, query):
    assert found(query, types=["agreement"]) == [archive["accented"]]


def test_a_name_staff_add_is_found_at_once(archive):
    assert archive["tagged"] not in found("Movilidad laboral", types=["agreement"])  # the names are read here
    mobility = make.topic("labour-mobility", "Labour mobility")
    mobility.name_es = "Movilidad laboral"
    mobility.save()
    archive["tagged"].topics.add(mobility)
    assert found("Movilidad laboral", types=["agreement"])[:1] == [archive["tagged"]]
