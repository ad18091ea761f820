"""The archive's two languages: addresses under /en/ and /es/, the switch, hreflang, and old addresses.

Visitors are anonymous except in the admin test. These tests use a plain
Client (not the conftest `client`, which reads old addresses as English
pages) because the redirects are what they are about.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from meetings.models import Country, Process
from tests import factories as make
from tests.helpers import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def archive():
    make.clear_content()
    mexico = make.country("MEX", "Mexico")
    rcm = make.process("rcm", "Regional Conference on Migration", "RCM")
    vii = make.meeting(
        "VII Regional Conference on Migration",
        start=datetime.date(2002, 5, 30),
        end=datetime.date(2002, 5, 31),
        processes=(rcm,),
        attendees=(mexico,),
    )
    communique = make.document(vii, "JOINT COMMUNIQUÉ", text="1. To invite IOM to prepare a plan of action.")
    agreement = make.agreement(communique, "To invite IOM to prepare a plan of action.", label="1")
    return agreement


def url(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(f"meetings:{name}", args=args)


# -- the home address ----------------------------------------------------------


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("es-MX,es;q=0.9,en;q=0.5", "/es/"), ("en-GB,en;q=0.8", "/en/"), ("fr-FR,fr;q=0.9", "/en/"), ("", "/en/")],
)
def test_a_first_visit_to_the_root_goes_to_the_browsers_preferred_language(visitor, accept_language, expected):
    response = visitor.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302  # temporary: the answer depends on who asks
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_a_language_chosen_on_the_site_is_where_the_root_goes_next_time(visitor, archive):
    assert visitor.get("/es/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    response = visitor.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/es/"
    visitor.get("/en/agreements/")
    assert visitor.get("/", HTTP_ACCEPT_LANGUAGE="es")["Location"] == "/en/"


# -- old addresses ---------------------------------------------------------------


def test_an_old_address_redirects_permanently_to_the_prefixed_page_with_its_query_string(visitor, archive):
    old = "/agreements/?country=MEX&q=plan+of+action&sort=date"
    response = visitor.get(old, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 301
    assert response["Location"] == "/es" + old
    response = visitor.get(old)
    assert response["Location"] == "/en" + old
    page = visitor.get(response["Location"])
    assert page.status_code == 200
    assert [row.pk for row in page.context["page_obj"]] == [archive.pk]


def test_an_old_citation_of_an_agreement_still_reaches_it(visitor, archive):
    response = visitor.get(f"/agreements/{archive.pk}/", follow=True)
    assert response.redirect_chain == [(f"/en/agreements/{archive.pk}/", 301)]
    assert response.status_code == 200 and "To invite IOM" in response.content.decode()


def test_an_old_address_missing_its_slash_still_arrives(visitor, archive):
    response = visitor.get("/agreements", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/en/agreements/"


def test_an_address_that_was_never_a_page_is_a_404_not_a_redirect(visitor, archive):
    assert visitor.get("/no/such/page/").status_code == 404
    assert visitor.get("/en/no/such/page/").status_code == 404


@pytest.mark.parametrize("path", ["/healthz", "/admin/login/", "/static/css/site.css"])
def test_the_admin_health_check_and_static_files_keep_their_unprefixed_addresses(visitor, path):
    response = visitor.get(path)
    assert response.status_code == 200


# -- the page's language -------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_page_declares_its_language(visitor, archive, language):
    page = Page(visitor.get(url("agreement-list", language)))
    assert page.has("html", lang=language)


def test_a_passage_in_the_other_language_is_marked_with_its_language(visitor, archive):
    page = Page(visitor.get(url("agreement-detail", "es", archive.pk)))
    assert page.has("html", lang="es")
    quotes = page.elements("blockquote", class_="agreement-quote")
    assert quotes and all(quote.attrs["lang"] == "en" for quote in quotes)  # the English text, as printed


# -- the switch and the alternates ---------------------------------------------------


def switch_links(response) -> dict[str, str]:
    page = Page(response)
    return {a.attrs["hreflang"]: a.attrs["href"] for a in page.elements("a") if a.attrs.get("rel") == "alternate"}


def test_the_switch_keeps_the_page_its_filters_and_its_search(visitor, archive):
    query = "country=MEX&q=plan&sort=date"
    response = visitor.get(url("agreement-list", "en") + "?" + query)
    links = switch_links(response)
    assert links == {"es": f"/es/agreements/?{query}"}  # English is the page being read: no link to itself
    spanish = visitor.get(links["es"])
    assert spanish.status_code == 200
    assert [row.pk for row in spanish.context["page_obj"]] == [archive.pk]
    assert Page(spanish).has("input", name="q", value="plan")
    assert switch_links(spanish) == {"en": f"/en/agreements/?{query}"}


def test_the_switch_is_on_every_kind_of_page_including_errors(visitor, archive):
    for path in (
        url("home", "es"),
        url("agreement-detail", "es", archive.pk),
        url("search", "es") + "?q=plan",
        "/es/agreements/?country=XXX",  # a bad filter: the 400 page
        "/es/meetings/no-such-meeting/",  # the 404 page
    ):
        links = switch_links(visitor.get(path))
        assert links == {"en": "/en/" + path.removeprefix("/es/")}, path


def test_hreflang_alternates_name_both_languages_and_a_default_and_lead_to_real_pages(visitor, archive):
    response = visitor.get(url("agreement-detail", "es", archive.pk) + "?x=1")
    alternates = {
        link.attrs["hreflang"]: link.attrs["href"] for link in Page(response).elements("link", rel="alternate")
    }
    assert alternates == {
        "en": f"http://testserver/en/agreements/{archive.pk}/?x=1",
        "es": f"http://testserver/es/agreements/{archive.pk}/?x=1",
        "x-default": f"http://testserver/en/agreements/{archive.pk}/?x=1",
    }
    for href in alternates.values():
        page = visitor.get(href.removeprefix("http://testserver"))
        assert page.status_code == 200


def test_the_switch_does_not_repeat_a_huge_query_string(visitor, archive):
    long = "x" * 5000
    links = switch_links(visitor.get(f"/en/agreements/?q={long}"))
    assert links == {"es": "/es/agreements/"}


# -- the admin -------------------------------------------------------------------------


def test_the_admin_follows_the_staff_members_language(staff_client):
    response = staff_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="es")
    assert Page(response).has("html", lang="es")
    assert "Cerrar sesión" in response.content.decode()  # Django's own Spanish admin
    response = staff_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert Page(response).has("html", lang="en")


def test_the_admins_language_chooser_remembers_the_choice(staff_client):
    response = staff_client.post(reverse("set_language"), {"language": "es", "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    response = staff_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert Page(response).has("html", lang="es")


# -- the vocabulary in the page's language ----------------------------------------------


def test_names_of_countries_processes_organisations_and_topics_read_in_the_pages_language(visitor, archive):
    mexico = Country.objects.get(alpha3="MEX")
    mexico.name_es = "México"
    mexico.save()
    rcm = Process.objects.get(slug="rcm")
    rcm.name_es, rcm.acronym_es = "Conferencia Regional sobre Migración", "CRM"
    rcm.save()
    iom = make.organisation("iom", "International Organization for Migration", "IOM")
    iom.name_es, iom.acronym_es = "Organización Internacional para las Migraciones", "OIM"
    iom.save()
    spanish = Page(visitor.get(url("country-detail", "es", "MEX")))
    assert [h1.text for h1 in spanish.elements("h1")] == ["México"]
    assert spanish.has("span", lang="en")  # the English name beside it, marked as English
    assert [h1.text for h1 in Page(visitor.get(url("country-detail", "en", "MEX"))).elements("h1")] == ["Mexico"]
    process_page = visitor.get(url("process-detail", "es", "rcm")).content.decode()
    assert "Conferencia Regional sobre Migración" in process_page and "(CRM)" in process_page
    organisation_page = visitor.get(url("organisation-detail", "es", "iom")).content.decode()
    assert "Organización Internacional para las Migraciones" in organisation_page
    facets = visitor.get(url("agreement-list", "es")).content.decode()
    assert "México" in facets and "CRM" in facets
