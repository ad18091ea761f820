"""The list pages' filters, facet counts, sorting and pagination, as a researcher uses them.

Every filter state lives in the query string, so each test is a permalink.
"""

import datetime
from types import SimpleNamespace

import pytest

from meetings.models import AgreementKind, AgreementSection, DocumentKind, Language, MeetingKind
from tests import factories as make
from tests.helpers import Page

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [getattr(record, "title", None) or record.text for record in response.context["object_list"]]


def facet(response, name: str) -> dict[str, int]:
    (control,) = [control for control in response.context["facets"] if control.field.name == name]
    return {option.value: option.count for option in control.options}


@pytest.fixture
def archive():
    """Three meetings: RCM 2002 (MEX, GTM), SACM 2010 (ARG), RCM+SACM 2018 (MEX, ARG)."""
    make.clear_content()
    mex, gtm, arg = make.country("MEX", "Mexico"), make.country("GTM", "Guatemala"), make.country("ARG", "Argentina")
    rcm, sacm = (
        make.process("rcm", "Regional Conference on Migration", "RCM"),
        make.process("sacm", "South American Conference on Migration", "SACM"),
    )
    trafficking, consular = make.topic("trafficking-in-persons"), make.topic("consular-protection")
    m2002 = make.meeting(
        "Antigua 2002",
        start=datetime.date(2002, 5, 30),
        processes=(rcm,),
        attendees=(mex, gtm),
        kind=MeetingKind.VICE_MINISTERIAL,
    )
    m2010 = make.meeting(
        "Quito 2010", start=datetime.date(2010, 10, 1), processes=(sacm,), attendees=(arg,), kind=MeetingKind.TECHNICAL
    )
    m2018 = make.meeting(
        "Montevideo 2018",
        start=datetime.date(2018, 5, 8),
        processes=(rcm, sacm),
        attendees=(mex, arg),
        kind=MeetingKind.PLENARY,
    )
    d2002 = make.document(m2002, "Communiqué 2002", kind=DocumentKind.COMMUNIQUE, language=Language.ENGLISH)
    d2010 = make.document(m2010, "Declaración 2010", kind=DocumentKind.DECLARATION, language=Language.SPANISH)
    d2018 = make.document(m2018, "Summary 2018", kind=DocumentKind.SUMMARY, language=Language.ENGLISH)
    a2002 = make.agreement(
        d2002,
        "Trafficking plan (2002)",
        label="9",
        topics=(trafficking,),
        section=AgreementSection.SUBSTANTIVE,
        kind=AgreementKind.REQUEST,
    )
    a2002b = make.agreement(
        d2002, "Consular network (2002)", label="10", topics=(consular,), section=AgreementSection.ADMINISTRATIVE
    )
    # Guatemala did not attend in 2010 but this agreement concerns it.
    a2010 = make.agreement(
        d2010,
        "Cooperation with Guatemala (2010)",
        label="1",
        topics=(trafficking,),
        countries=(gtm,),
        section=AgreementSection.SUBSTANTIVE,
    )
    a2018 = make.agreement(
        d2018, "Global compact (2018)", label="1", section=AgreementSection.SUBSTANTIVE, kind=AgreementKind.STATEMENT
    )
    return SimpleNamespace(**locals())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Montevideo 2018", "Quito 2010", "Antigua 2002"]),
        ("process=rcm", ["Montevideo 2018", "Antigua 2002"]),
        ("country=GTM", ["Antigua 2002"]),
        ("country=arg", ["Montevideo 2018", "Quito 2010"]),  # any case
        ("topic=trafficking-in-persons", ["Quito 2010", "Antigua 2002"]),
        ("date_after=2010-01-01", ["Montevideo 2018", "Quito 2010"]),
        ("date_before=2010-10-01", ["Quito 2010", "Antigua 2002"]),
        ("date_after=2003-01-01&date_before=2017-12-31", ["Quito 2010"]),
        ("year=2018", ["Montevideo 2018"]),
        ("kind=technical", ["Quito 2010"]),
        ("process=rcm&country=ARG", ["Montevideo 2018"]),
        ("sort=date", ["Antigua 2002", "Quito 2010", "Montevideo 2018"]),
        ("sort=-date", ["Montevideo 2018", "Quito 2010", "Antigua 2002"]),
    ],
)
def test_meeting_list_filters(client, archive, query, expected):
    response = client.get(f"/meetings/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("process=sacm", ["Summary 2018", "Declaración 2010"]),
        ("country=MEX", ["Summary 2018", "Communiqué 2002"]),
        ("topic=consular-protection", ["Communiqué 2002"]),
        ("kind=declaration", ["Declaración 2010"]),
        ("language=es", ["Declaración 2010"]),
        ("year=2002", ["Communiqué 2002"]),
        ("date_after=2005-01-01&sort=date", ["Declaración 2010", "Summary 2018"]),
    ],
)
def test_document_list_filters(client, archive, query, expected):
    response = client.get(f"/documents/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=trafficking-in-persons", ["Cooperation with Guatemala (2010)", "Trafficking plan (2002)"]),
        # Country: took part in the meeting; concerned: named by the agreement. Two parameters.
        ("country=GTM", ["Trafficking plan (2002)", "Consular network (2002)"]),
        ("concerned=GTM", ["Cooperation with Guatemala (2010)"]),
        ("country=gtm&topic=trafficking-in-persons", ["Trafficking plan (2002)"]),
        ("country=GTM&concerned=GTM", []),
        ("section=administrative", ["Consular network (2002)"]),
        ("kind=statement", ["Global compact (2018)"]),
        ("kind=request&process=rcm", ["Trafficking plan (2002)"]),
        ("year=2010", ["Cooperation with Guatemala (2010)"]),
        ("date_before=2002-12-31", ["Trafficking plan (2002)", "Consular network (2002)"]),
    ],
)
def test_agreement_list_filters(client, archive, query, expected):
    response = client.get(f"/agreements/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_agreement_page_explains_what_each_country_facet_means(client, archive):
    html = client.get("/agreements/").content.decode()
    assert "Country that took part" in html and "Agreements of meetings the country took part in" in html
    assert "Country concerned" in html and "Agreements that name the country as concerned by them" in html


def test_facet_counts_say_what_each_choice_would_give_within_the_other_filters(client, archive):
    response = client.get("/agreements/?process=rcm")
    # Within RCM: 2002 (two agreements, MEX+GTM) and 2018 (one, MEX+ARG).
    assert facet(response, "country") == {"ARG": 1, "GTM": 2, "MEX": 3}
    assert facet(response, "concerned") == {}
    assert facet(response, "topic") == {"consular-protection": 1, "trafficking-in-persons": 1}
    assert facet(response, "year") == {"2018": 1, "2002": 2}
    assert facet(response, "section") == {"substantive": 2, "administrative": 1}
    # A facet ignores its own filter, so the other choices stay visible with their counts.
    assert facet(response, "process") == {"rcm": 3, "sacm": 2}


def test_each_facet_count_equals_the_results_of_choosing_it(client, archive):
    base = client.get("/agreements/?topic=trafficking-in-persons")
    for alpha3, count in facet(base, "country").items():
        narrowed = client.get(f"/agreements/?topic=trafficking-in-persons&country={alpha3}")
        assert narrowed.context["paginator"].count == count, alpha3
    for alpha3, count in facet(base, "concerned").items():
        narrowed = client.get(f"/agreements/?topic=trafficking-in-persons&concerned={alpha3}")
        assert narrowed.context["paginator"].count == count, alpha3
    for year, count in facet(base, "year").items():
        assert client.get(f"/agreements/?topic=trafficking-in-persons&year={year}").context["paginator"].count == count


def test_meeting_and_document_facets_count_records_not_rows(client, archive):
    meetings = client.get("/meetings/")
    assert facet(meetings, "country") == {"ARG": 2, "GTM": 1, "MEX": 2}
    assert facet(meetings, "topic") == {"consular-protection": 1, "trafficking-in-persons": 2}
    assert facet(meetings, "kind") == {"vice_ministerial": 1, "technical": 1, "plenary": 1}
    documents = client.get("/documents/?country=MEX")
    assert facet(documents, "language") == {"en": 2}
    assert facet(documents, "process") == {"rcm": 2, "sacm": 1}


def test_facet_counts_are_shown_beside_each_choice(client, archive):
    html = client.get("/agreements/?process=rcm").content.decode()
    page = Page(html)
    assert '<option value="MEX">Mexico (3)</option>' in html
    assert '<option value="rcm" selected>RCM (3)</option>' in html
    # And as links beside the results, each keeping the other filters.
    assert "?process=rcm&country=MEX" in page.links
    assert "?process=rcm&process=sacm" in page.links


def test_pagination_keeps_the_filters_in_the_links(client, archive):
    for number in range(25):
        make.meeting(
            f"Extra meeting {number:02d}",
            start=datetime.date(2000, 1, 1) + datetime.timedelta(days=number),
            processes=(archive.rcm,),
        )
    first = client.get("/meetings/?process=rcm")
    assert first.context["paginator"].count == 27
    assert len(first.context["object_list"]) == 20
    assert "?process=rcm&page=2" in Page(first.content.decode()).links
    second = client.get("/meetings/?process=rcm&page=2")
    assert len(second.context["object_list"]) == 7
    assert titles(second)[-1] == "Extra meeting 00"


def test_the_filter_form_shows_the_current_choices_so_the_page_is_a_permalink(client, archive):
    html = client.get("/meetings/?country=mex&date_after=2001-01-01&sort=date").content.decode()
    page = Page(html)
    assert page.has("option", value="MEX", selected=None)
    assert page.has("input", name="date_after", value="2001-01-01")
    assert [option.text for option in page.elements("option", value="date", selected=None)] == ["Oldest first"]
    assert "Country that took part: <strong>Mexico</strong>" in html


def test_active_filters_can_be_removed_one_by_one(client, archive):
    response = client.get("/agreements/?country=GTM&topic=trafficking-in-persons")
    removals = {active.label: active.remove_url for active in response.context["active_filters"]}
    assert removals == {"Country that took part": "?topic=trafficking-in-persons", "Topic": "?country=GTM"}


def test_no_results_say_what_to_do_next(client, archive):
    response = client.get("/agreements/?country=ARG&year=2002")
    assert response.status_code == 200
    html = response.content.decode()
    assert "No agreements match these filters." in html
    assert "Remove a filter" in html


def test_home_quick_filter_leads_to_the_filtered_agreements(client, archive):
    html = client.get("/").content.decode()
    assert 'action="/en/agreements/"' in html
    assert '<select id="home-country" name="country">' in html and '<select id="home-topic" name="topic">' in html
