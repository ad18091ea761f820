"""The public pages: addresses, what each page shows, and that names link to their pages.

Visitors are anonymous: no test logs in. The `archive` fixture builds a small
archive of published records (two RCM meetings); drafts are covered in
test_drafts_hidden.py.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import resolve, reverse
from django.utils import translation

from meetings.models import AgreementSection, DocumentKind, MeetingKind, ParticipationRole
from meetings.templatetags.archive import date_range
from tests import factories as make
from tests.helpers import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    make.clear_content()
    mexico, guatemala, argentina = (
        make.country("MEX", "Mexico"),
        make.country("GTM", "Guatemala"),
        make.country("ARG", "Argentina"),
    )
    rcm = make.process("rcm", "Regional Conference on Migration", "RCM")
    make.membership(rcm, mexico)
    make.membership(rcm, guatemala)
    trafficking = make.topic("trafficking-in-persons", "Trafficking in persons")
    iom = make.organisation("iom", "International Organization for Migration", "IOM")
    vii = make.meeting(
        "VII Regional Conference on Migration",
        start=datetime.date(2002, 5, 30),
        end=datetime.date(2002, 5, 31),
        city="Antigua",
        host_country=guatemala,
        venue="Hotel Casa Santo Domingo",
        kind=MeetingKind.VICE_MINISTERIAL,
        processes=(rcm,),
        attendees=(mexico, guatemala),
    )
    make.participation(vii, argentina, ParticipationRole.OBSERVER)
    make.participation(vii, guatemala, ParticipationRole.HOST)
    make.participation(vii, iom, ParticipationRole.INVITED)
    communique = make.document(
        vii,
        "JOINT COMMUNIQUÉ OF THE VII REGIONAL CONFFERENCE ON MIGRATION",
        kind=DocumentKind.COMMUNIQUE,
        text="VII REGIONAL CONFFERENCE ON MIGRATION\n9. To take note of ...\n9.1 To invite IOM ...",
    )
    nine = make.agreement(
        communique,
        "To take note of the progress in the plan of action.",
        label="9",
        section=AgreementSection.SUBSTANTIVE,
        section_heading="SUBSTANTIVE MATTERS",
    )
    nine_one = make.agreement(
        communique,
        "To invite IOM to prepare a plan of action against migrant trafficking.",
        label="9.1",
        parent=nine,
        section=AgreementSection.SUBSTANTIVE,
        section_heading="SUBSTANTIVE MATTERS",
        topics=(trafficking,),
        countries=(mexico,),
    )
    nine_one.organisations.add(iom)
    plan = make.action_item(
        vii,
        "IOM to prepare a plan of action on migrant trafficking",
        agreement=nine_one,
        countries=(mexico,),
        due_text="before the next vice-ministerial meeting",
    )
    plan.responsible_organisations.add(iom)
    viii = make.meeting(
        "VIII Regional Conference on Migration",
        start=datetime.date(2003, 5, 8),
        end=datetime.date(2003, 5, 9),
        city="Cancún",
        host_country=mexico,
        kind=MeetingKind.VICE_MINISTERIAL,
        processes=(rcm,),
        attendees=(mexico,),
    )
    return SimpleNamespace(**locals())


def test_public_addresses_are_the_permanent_links_the_archive_publishes():
    expected = {
        ("home", ()): "/",
        ("meeting-list", ()): "/meetings/",
        ("document-list", ()): "/documents/",
        ("agreement-list", ()): "/agreements/",
        ("meeting-detail", ("vii-rcm",)): "/meetings/vii-rcm/",
        ("document-detail", ("communique",)): "/documents/communique/",
        ("agreement-detail", (42,)): "/agreements/42/",
        ("country-detail", ("MEX",)): "/countries/MEX/",
        ("organisation-detail", ("iom",)): "/organisations/iom/",
        ("topic-detail", ("trafficking",)): "/topics/trafficking/",
        ("process-detail", ("rcm",)): "/processes/rcm/",
        ("country-download", ("MEX", "commitments", "csv")): "/countries/MEX/commitments.csv",
    }
    for language in ("en", "es"):  # the same address under each language's prefix
        for (name, args), path in expected.items():
            with translation.override(language):
                assert reverse(f"meetings:{name}", args=args) == f"/{language}{path}"
                assert resolve(f"/{language}{path}").view_name == f"meetings:{name}"


def test_home_says_what_the_archive_holds_and_offers_ways_in(client, archive):
    response = client.get("/")
    assert response.status_code == 200
    counts = response.context["counts"]
    assert (counts["meetings"], counts["documents"], counts["agreements"], counts["action_items"]) == (2, 1, 2, 1)
    assert counts["countries"] == 3
    html = response.content.decode()
    assert "VIII Regional Conference on Migration" in html
    assert html.index("VIII Regional Conference") < html.index("VII Regional Conference")  # latest first
    assert "/en/processes/rcm/" in Page(html).links
    assert "/en/countries/MEX/" in Page(html).links
    assert "/en/topics/trafficking-in-persons/" in Page(html).links


def test_meeting_page_shows_dates_place_participants_by_role_documents_and_nested_agreements(client, archive):
    response = client.get(archive.vii.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "30–31 May 2002" in html
    assert "Antigua" in html and "Hotel Casa Santo Domingo" in html
    roles = dict((role, [str(p.participant) for p in people]) for role, people in response.context["participants"])
    assert roles["Member"] == ["Guatemala", "Mexico"]
    assert roles["Observer"] == ["Argentina"]
    assert roles["Host"] == ["Guatemala"]
    assert roles["Invited organisation"] == ["International Organization for Migration (IOM)"]
    ((document, sections),) = response.context["documents"]
    assert document == archive.communique
    (section,) = sections
    assert section.heading == "SUBSTANTIVE MATTERS"
    (node,) = section.nodes
    assert node.agreement == archive.nine
    assert [child.agreement for child in node.children] == [archive.nine_one]
    assert "IOM to prepare a plan of action on migrant trafficking" in html
    assert archive.nine_one.anchor in Page(html).ids


def test_document_page_shows_the_verbatim_text_beside_its_agreements(client, archive):
    response = client.get(archive.communique.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "VII REGIONAL CONFFERENCE ON MIGRATION\n9. To take note of ..." in html  # as printed, typo included
    assert archive.nine_one.anchor in Page(html).ids
    assert archive.nine_one.get_absolute_url() in Page(html).links


def test_agreement_page_shows_its_context_and_a_ready_citation(client, archive):
    response = client.get(f"/agreements/{archive.nine_one.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "To invite IOM to prepare a plan of action against migrant trafficking." in html
    for link in (
        "/en/topics/trafficking-in-persons/",
        "/en/countries/MEX/",
        "/en/organisations/iom/",
        archive.vii.get_absolute_url(),
    ):
        assert link in Page(html).links
    citation = response.context["citation"]
    assert citation.startswith("Regional Conference on Migration (RCM). VII Regional Conference on Migration. ")
    assert "Antigua, Guatemala. 30–31 May 2002." in citation
    assert "“JOINT COMMUNIQUÉ OF THE VII REGIONAL CONFFERENCE ON MIGRATION”. item 9.1." in citation
    assert citation.endswith(f"http://testserver/en/agreements/{archive.nine_one.pk}/")
    assert "Cite this" in html
    assert "Under" in html and archive.nine.get_absolute_url() in Page(html).links


def test_agreement_address_does_not_change_when_its_label_or_text_is_corrected(client, archive):
    address = archive.nine_one.get_absolute_url()
    archive.nine_one.label = "9.2"
    archive.nine_one.text = "Corrected text."
    archive.nine_one.save()
    response = client.get(address)
    assert response.status_code == 200
    assert "Corrected text." in response.content.decode()


def test_country_page_is_a_dossier_of_meetings_roles_hosting_agreements_and_commitments(client, archive):
    response = client.get("/countries/GTM/")
    assert response.status_code == 200
    roles = {role: [p.meeting for p in items] for role, items in response.context["participations"]}
    assert roles == {"Member": [archive.vii], "Host": [archive.vii]}
    assert response.context["hosted"] == [archive.vii]
    mexico = client.get("/countries/MEX/")
    assert mexico.context["agreements"] == [archive.nine_one]
    assert [item.description for item in mexico.context["action_items"]] == [
        "IOM to prepare a plan of action on migrant trafficking"
    ]
    assert mexico.context["hosted"] == [archive.viii]
    html = mexico.content.decode()
    for dataset in ("meetings", "agreements", "commitments"):
        assert f"/en/countries/MEX/{dataset}.csv" in Page(html).links
        assert f"/en/countries/MEX/{dataset}.json" in Page(html).links


def test_country_address_accepts_any_case_by_redirecting_to_the_canonical_one(client, archive):
    response = client.get("/countries/mex/")
    assert response.status_code == 301
    assert response["Location"] == "/en/countries/MEX/"


def test_organisation_page_lists_attendance_agreements_and_commitments(client, archive):
    response = client.get("/organisations/iom/")
    assert response.status_code == 200
    assert [role for role, _ in response.context["participations"]] == ["Invited organisation"]
    assert response.context["agreements"] == [archive.nine_one]
    assert len(response.context["action_items"]) == 1


def test_topic_page_shows_its_agreements_over_time_with_a_chart(client, archive):
    response = client.get("/topics/trafficking-in-persons/")
    assert response.status_code == 200
    assert response.context["agreements"] == [archive.nine_one]
    assert response.context["per_year"] == [(2002, 1)]
    html = response.content.decode()
    assert [title.text for title in Page(html).elements("title")][-1:] == ["2002: 1 meeting"]
    assert Page(html).has("svg", role="img")


def test_process_page_has_timeline_participation_grid_and_meetings_per_year(client, archive):
    response = client.get("/processes/rcm/")
    assert response.status_code == 200
    assert response.context["meetings"] == [archive.vii, archive.viii]  # a timeline reads forwards
    assert response.context["per_year"] == [(2002, 1), (2003, 1)]
    grid = {row.country.alpha3: row.cells for row in response.context["grid"]}
    assert grid["GTM"] == [[("M", "Member"), ("H", "Host")], []]
    assert grid["MEX"] == [[("M", "Member")], [("M", "Member")]]
    html = response.content.decode()
    assert [abbr.text for abbr in Page(html).elements("abbr", title="Host")][:1] == ["H"]
    assert Page(html).has("svg", role="img")


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/no-such-meeting/",
        "/documents/no-such-document/",
        "/agreements/999999/",
        "/countries/XYZ/",
        "/organisations/no-such-body/",
        "/topics/no-such-topic/",
        "/processes/no-such-process/",
        "/no/such/page/",
    ],
)
def test_unknown_addresses_get_a_404_page_in_the_site_style(client, archive, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert Page(html).has("a", class_="skip-link") and "/en/meetings/" in Page(html).links


def test_pages_are_accessible_with_skip_link_landmarks_and_labelled_controls(client, archive):
    html = client.get("/agreements/").content.decode()
    page = Page(html)
    assert page.has("a", class_="skip-link", href="#content")
    assert page.has("main", id="content") and page.has("header") and page.has("footer")
    assert page.has("nav", class_="site-nav")
    for name in ("process", "country", "topic", "section", "kind", "year", "date_after", "date_before", "sort"):
        assert page.has("label", for_=f"id_{name}")
    assert page.has("meta", name="viewport")
    assert "fonts.googleapis" not in html and "cdn" not in html.lower()


def test_names_link_to_their_pages_in_result_rows(client, archive):
    html = client.get("/agreements/").content.decode()
    assert archive.vii.get_absolute_url() in Page(html).links
    assert "/en/topics/trafficking-in-persons/" in Page(html).links
    assert "/en/countries/MEX/" in Page(html).links


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (datetime.date(2002, 5, 30), datetime.date(2002, 5, 31), "30–31 May 2002"),
        (datetime.date(2009, 2, 13), datetime.date(2009, 2, 13), "13 February 2009"),
        (datetime.date(2002, 5, 30), datetime.date(2002, 6, 2), "30 May – 2 June 2002"),
        (datetime.date(2002, 12, 30), datetime.date(2003, 1, 2), "30 December 2002 – 2 January 2003"),
    ],
)
def test_dates_are_shown_the_way_people_write_them(start, end, shown):
    assert date_range(start, end) == shown


def test_every_seed_meeting_and_document_has_a_working_page(client, seeded_db):
    from meetings.models import Agreement, Document, Meeting

    for record in [*Meeting.objects.public(), *Document.objects.public(), *Agreement.objects.public()[:20]]:
        assert client.get(record.get_absolute_url()).status_code == 200, record
    vii = Meeting.objects.public().get(edition="VII")
    assert "30–31 May 2002" in client.get(vii.get_absolute_url()).content.decode()
