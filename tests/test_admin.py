"""The secretariat's admin: every page opens for staff, and nothing opens for anyone else.

Who may do what: `staff_client` is a superuser (secretariat staff); `client`
is an anonymous visitor, who must be sent to the login page everywhere.
"""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from meetings.models import (
    ActionItem,
    ActionItemStatusChange,
    Agreement,
    AgreementRelation,
    Country,
    CountryAlias,
    Document,
    Meeting,
    Organisation,
    Participation,
    Person,
    Process,
    ProcessMembership,
    RelationKind,
    Revision,
    Topic,
)
from meetings.revisions import review
from tests.helpers import Page, admin_url

pytestmark = pytest.mark.django_db

REGISTERED = [model for model in admin.site._registry if model._meta.app_label == "meetings"]
#: Proposed revisions are made by saving a live record, never added by hand.
ADDABLE = [model for model in REGISTERED if model is not Revision]


@pytest.fixture
def one_of_each(editor):
    """A small but complete meeting outcome: one record of every registered model."""
    gtm = Country.objects.create(alpha2="GT", alpha3="GTM", numeric="320", name="Guatemala")
    alias = CountryAlias.objects.create(country=gtm, name="República de Guatemala")
    process = Process.objects.create(name="Regional Conference on Migration", slug="rcm", acronym="RCM")
    membership = ProcessMembership.objects.create(process=process, country=gtm)
    iom = Organisation.objects.create(name="International Organization for Migration", slug="iom", acronym="IOM")
    person = Person.objects.create(name="Gervais Appave", slug="gervais-appave", organisation=iom)
    topic = Topic.objects.create(name="Consular protection", slug="consular-protection")
    meeting = Meeting.objects.create(
        title="VII Regional Conference on Migration",
        slug="vii-rcm-2002",
        start_date=datetime.date(2002, 5, 30),
        end_date=datetime.date(2002, 5, 31),
        city="Antigua",
        host_country=gtm,
    )
    meeting.processes.add(process)
    participation = Participation.objects.create(meeting=meeting, country=gtm, role="host")
    document = Document.objects.create(meeting=meeting, title="Joint communiqué", slug="vii-rcm-communique")
    first = Agreement.objects.create(document=document, order=1, label="3", text="To recognize ...")
    first.topics.add(topic)
    second = Agreement.objects.create(document=document, order=2, label="11", text="In reference to ...")
    relation = AgreementRelation.objects.create(source=second, kind=RelationKind.FOLLOWS_UP, target=first)
    item = ActionItem.objects.create(meeting=meeting, agreement=first, description="Exchange visa information")
    item.responsible_organisations.add(iom)
    change = ActionItemStatusChange.objects.create(action_item=item, progress="done", date=datetime.date(2003, 5, 21))
    revision = review.propose_withdrawal(editor, _published(meeting))
    return {
        Revision: revision,
        ActionItemStatusChange: change,
        Country: gtm,
        CountryAlias: alias,
        Process: process,
        ProcessMembership: membership,
        Organisation: iom,
        Person: person,
        Topic: topic,
        Meeting: meeting,
        Participation: participation,
        Document: document,
        Agreement: first,
        AgreementRelation: relation,
        ActionItem: item,
    }


def _published(record):
    record.status = "published"
    record.save()
    return record


def test_every_model_of_the_archive_is_in_the_admin(one_of_each):
    assert set(REGISTERED) == set(one_of_each)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m.__name__)
def test_staff_can_open_the_list_of_every_model(staff_client, one_of_each, model):
    response = staff_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert str(one_of_each[model]) in response.content.decode()


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m.__name__)
def test_staff_can_search_every_list(staff_client, one_of_each, model):
    response = staff_client.get(admin_url(model, "changelist"), {"q": "migration"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m.__name__)
def test_staff_can_open_the_change_form_of_every_model(staff_client, one_of_each, model):
    response = staff_client.get(admin_url(model, "change", one_of_each[model].pk))
    assert response.status_code == 200


@pytest.mark.parametrize("model", ADDABLE, ids=lambda m: m.__name__)
def test_staff_can_open_the_add_form_of_every_model(staff_client, model):
    assert staff_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m.__name__)
def test_anonymous_visitors_are_sent_to_the_login_page(client, one_of_each, model):
    for url in (admin_url(model, "changelist"), admin_url(model, "change", one_of_each[model].pk)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


def test_a_meeting_outcome_is_entered_from_the_meeting_page(staff_client, one_of_each):
    """Participants, documents and commitments are inlines of the meeting's own page."""
    meeting = one_of_each[Meeting]
    content = staff_client.get(admin_url(Meeting, "change", meeting.pk)).content.decode()
    assert "participations-group" in Page(content).ids
    assert "documents-group" in Page(content).ids
    assert "action_items-group" in Page(content).ids


def test_agreements_are_entered_in_printed_order_on_their_document_page(staff_client, one_of_each):
    document = one_of_each[Document]
    content = staff_client.get(admin_url(Document, "change", document.pk)).content.decode()
    assert "agreements-group" in Page(content).ids
    assert content.index('value="3"') < content.index('value="11"')


def test_staff_enter_a_meeting_with_its_participants_in_one_form(staff_client, one_of_each):
    gtm = one_of_each[Country]
    data = {
        "title": "VIII Regional Conference on Migration",
        "slug": "viii-rcm-2003",
        "processes": [one_of_each[Process].pk],
        "kind": "vice_ministerial",
        "status": "draft",
        "start_date": "2003-05-21",
        "end_date": "2003-05-23",
        "city": "Cancún",
        "participations-TOTAL_FORMS": "1",
        "participations-INITIAL_FORMS": "0",
        "participations-0-role": "member",
        "participations-0-country": gtm.pk,
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "action_items-TOTAL_FORMS": "0",
        "action_items-INITIAL_FORMS": "0",
    }
    response = staff_client.post(admin_url(Meeting, "add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    meeting = Meeting.objects.get(slug="viii-rcm-2003")
    assert list(meeting.participations.values_list("country__alpha3", "role")) == [("GTM", "member")]


def test_an_end_date_before_the_start_date_is_a_form_error_not_a_crash(staff_client, one_of_each):
    data = {
        "title": "Backwards meeting",
        "slug": "backwards",
        "kind": "other",
        "status": "draft",
        "start_date": "2003-05-23",
        "end_date": "2003-05-21",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "action_items-TOTAL_FORMS": "0",
        "action_items-INITIAL_FORMS": "0",
    }
    response = staff_client.post(admin_url(Meeting, "add"), data)
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not Meeting.objects.filter(slug="backwards").exists()


def test_autocomplete_finds_a_country_by_a_spanish_alias(staff_client, one_of_each):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "República de Guatemala",
            "app_label": "meetings",
            "model_name": "meeting",
            "field_name": "host_country",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Guatemala"]
