"""The commitments tracker, a commitment's page, and commitments on country, organisation and process pages.

Visitors are anonymous: no test logs in. "Overdue" is always judged on a date
given in the address (`on=YYYY-MM-DD`): no test depends on today's date.

The `tracker` fixture is a small RCM archive:
- the VII RCM (30 May 2002, vice-ministerial, public) sets five public commitments:
  `seminar` (El Salvador, due 2002-12-31, done, reported done at the VIII RCM,
  with dated steps), `visas` (the liaison network and IOM, due 2002-06-30, in
  progress), `invite` (the PPT, due "before the next vice-ministerial meeting"),
  `host` (Mexico, due 2003-03-31, open), `budget` (no deadline, dropped);
- the VIII RCM (21 May 2003, vice-ministerial, public) sets `plan` (Mexico, due 2004-06-30);
- a CELAC meeting (2012, public, another process) sets `celac` (Costa Rica, due 2013-12-31).
Drafts and withdrawn records are built by the tests that need them.
"""

import csv
import datetime
import io
import json
from types import SimpleNamespace

import pytest
from django.urls import resolve, reverse
from django.utils import translation

from meetings.models import (
    ActionItem,
    ActionItemStatus,
    ActionItemStatusChange,
    AgreementSection,
    MeetingKind,
    OrganisationKind,
    PublicationStatus,
)
from tests import factories as make
from tests.helpers import Page

pytestmark = pytest.mark.django_db

D = datetime.date
SECRET = "SECRET-DRAFT"
LONG = "x" * 10_000
VICE_MINISTERIAL = MeetingKind.VICE_MINISTERIAL


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def listed(response) -> list[str]:
    """The descriptions on the page, in order."""
    return [item.description for item in response.context["object_list"]]


def facet(response, name: str) -> dict[str, int]:
    (control,) = [c for c in response.context["facets"] if c.field.name == name]
    return {option.value: option.count for option in control.options}


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body(response))))


@pytest.fixture
def tracker():
    make.clear_content()
    mexico, salvador, costa_rica = (
        make.country("MEX", "Mexico"),
        make.country("SLV", "El Salvador"),
        make.country("CRI", "Costa Rica"),
    )
    rcm = make.process("rcm", "Regional Conference on Migration", "RCM")
    celac = make.process("celac", "CELAC", "CELAC")
    iom = make.organisation("iom", "International Organization for Migration", "IOM")
    ppt = make.organisation("rcm-ppt", "Presidency Pro-Tempore", "PPT")
    network = make.organisation("rcm-liaison-network", "Liaison Officer Network for Consular Protection")
    for organisation in (ppt, network):
        organisation.kind, organisation.process = OrganisationKind.PROCESS_BODY, rcm
        organisation.save()
    vii = make.meeting(
        "VII Regional Conference on Migration",
        start=D(2002, 5, 30),
        end=D(2002, 5, 31),
        kind=VICE_MINISTERIAL,
        processes=(rcm,),
        slug="vii-rcm",
    )
    viii = make.meeting(
        "VIII Regional Conference on Migration",
        start=D(2003, 5, 21),
        kind=VICE_MINISTERIAL,
        processes=(rcm,),
        slug="viii-rcm",
    )
    celac_meeting = make.meeting("First CELAC meeting on migration", start=D(2012, 8, 20), processes=(celac,))
    communique = make.document(vii, "Joint communiqué of the VII RCM")
    nine_two = make.agreement(
        communique, "To organize a seminar in San Salvador.", label="9.2", section=AgreementSection.SUBSTANTIVE
    )
    seminar = make.action_item(
        vii,
        "Organize a seminar in San Salvador",
        agreement=nine_two,
        countries=(salvador,),
        due_date=D(2002, 12, 31),
        due_text="in the last trimester of 2002",
        progress=ActionItemStatus.DONE,
        reported_done_at=viii,
    )
    ActionItemStatusChange.objects.create(
        action_item=seminar, progress=ActionItemStatus.IN_PROGRESS, date=D(2002, 11, 15), note="Venue booked."
    )
    ActionItemStatusChange.objects.create(
        action_item=seminar, progress=ActionItemStatus.DONE, date=D(2003, 5, 21), meeting=viii
    )
    visas = make.action_item(
        vii,
        "Exchange information on visa requirements",
        due_date=D(2002, 6, 30),
        due_text="within a period of 30 days",
        progress=ActionItemStatus.IN_PROGRESS,
    )
    visas.responsible_organisations.set([network, iom])
    invite = make.action_item(
        vii,
        "Invite the private sector to the next RCM",
        due_next_meeting_kind=VICE_MINISTERIAL,
        due_text="to the next meeting of the RCM",
    )
    invite.responsible_organisations.set([ppt])
    host = make.action_item(vii, "Host the VIII RCM", countries=(mexico,), due_date=D(2003, 3, 31))
    budget = make.action_item(vii, "Align the budget year", progress=ActionItemStatus.DROPPED)
    plan = make.action_item(viii, "Draft a plan of action", countries=(mexico,), due_date=D(2004, 6, 30))
    celac_item = make.action_item(
        celac_meeting,
        "Host the second CELAC meeting",
        countries=(costa_rica,),
        due_date=D(2013, 12, 31),
        due_text="during 2013",
    )
    return SimpleNamespace(**locals())


# -- addresses and navigation ------------------------------------------------


def test_the_tracker_and_a_commitment_have_the_promised_addresses(tracker):
    for language in ("en", "es"):
        with translation.override(language):
            assert reverse("meetings:commitment-list") == f"/{language}/commitments/"
            assert reverse("meetings:commitment-detail", args=[tracker.host.pk]) == (
                f"/{language}/commitments/{tracker.host.pk}/"
            )
            assert tracker.host.get_absolute_url() == f"/{language}/commitments/{tracker.host.pk}/"  # "View on site"
            assert resolve(f"/{language}/commitments/").url_name == "commitment-list"
            assert resolve(f"/{language}/commitments/{tracker.host.pk}/").url_name == "commitment-detail"


def test_the_main_navigation_links_the_tracker(client, tracker):
    page = body(client.get("/"))
    assert "/en/commitments/" in Page(page).links
    assert Page(body(client.get("/commitments/"))).has("a", href="/en/commitments/", aria_current="page")


def test_commitments_are_linked_from_the_meeting_the_agreement_and_the_tracker(client, tracker):
    seminar_url = reverse("meetings:commitment-detail", args=[tracker.seminar.pk])
    assert seminar_url in body(client.get(tracker.vii.get_absolute_url()))
    assert seminar_url in body(client.get(tracker.nine_two.get_absolute_url()))
    assert seminar_url in body(client.get("/commitments/?on=2004-01-01"))


# -- the list: order, filters, facets ----------------------------------------


def test_it_lists_every_public_commitment_soonest_due_first_and_undated_ones_last(client, tracker):
    response = client.get("/commitments/?on=2004-01-01")
    assert response.status_code == 200
    assert listed(response) == [
        "Exchange information on visa requirements",  # 2002-06-30
        "Organize a seminar in San Salvador",  # 2002-12-31
        "Host the VIII RCM",  # 2003-03-31
        "Invite the private sector to the next RCM",  # the VIII RCM: 2003-05-21
        "Draft a plan of action",  # 2004-06-30
        "Host the second CELAC meeting",  # 2013-12-31
        "Align the budget year",  # no date: last
    ]
    assert response.context["total"] == 7


@pytest.mark.parametrize(
    ("sort", "first", "last"),
    [
        ("due", "Exchange information on visa requirements", "Align the budget year"),
        ("-due", "Host the second CELAC meeting", "Align the budget year"),  # undated ones stay last
        ("date", "Organize a seminar in San Salvador", "Host the second CELAC meeting"),
        ("-date", "Host the second CELAC meeting", "Align the budget year"),
    ],
)
def test_sorting_by_due_date_or_by_when_it_was_set(client, tracker, sort, first, last):
    rows = listed(client.get(f"/commitments/?sort={sort}&on=2004-01-01"))
    assert (rows[0], rows[-1]) == (first, last)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=done", {"Organize a seminar in San Salvador"}),
        ("status=in_progress", {"Exchange information on visa requirements"}),
        ("status=dropped", {"Align the budget year"}),
        (
            "status=open",
            {
                "Invite the private sector to the next RCM",
                "Host the VIII RCM",
                "Draft a plan of action",
                "Host the second CELAC meeting",
            },
        ),
        ("country=mex", {"Host the VIII RCM", "Draft a plan of action"}),
        ("country=SLV", {"Organize a seminar in San Salvador"}),
        ("organisation=iom", {"Exchange information on visa requirements"}),
        # A body of a process is an organisation too, by either parameter.
        ("organisation=rcm-ppt", {"Invite the private sector to the next RCM"}),
        ("body=rcm-ppt", {"Invite the private sector to the next RCM"}),
        ("body=rcm-liaison-network", {"Exchange information on visa requirements"}),
        ("process=celac", {"Host the second CELAC meeting"}),
        ("meeting=viii-rcm", {"Draft a plan of action"}),
        ("due_year=2003", {"Host the VIII RCM", "Invite the private sector to the next RCM"}),
        ("due_year=2002&country=SLV", {"Organize a seminar in San Salvador"}),
        ("process=rcm&status=open&country=MEX", {"Host the VIII RCM", "Draft a plan of action"}),
    ],
)
def test_each_filter_narrows_the_list(client, tracker, query, expected):
    response = client.get(f"/commitments/?{query}&on=2004-01-01")
    assert response.status_code == 200
    assert set(listed(response)) == expected


def test_facet_counts_say_what_each_choice_would_give_within_the_other_filters(client, tracker):
    response = client.get("/commitments/?process=rcm&on=2004-01-01")
    assert facet(response, "status") == {"open": 3, "in_progress": 1, "done": 1, "dropped": 1}
    assert facet(response, "country") == {"MEX": 2, "SLV": 1}  # Costa Rica's is CELAC's
    assert facet(response, "organisation") == {"iom": 1}  # bodies have their own select
    assert facet(response, "body") == {"rcm-liaison-network": 1, "rcm-ppt": 1}
    assert facet(response, "process") == {"rcm": 6, "celac": 1}  # the process facet ignores its own filter
    assert facet(response, "meeting") == {"viii-rcm": 1, "vii-rcm": 5}
    assert facet(response, "due_year") == {"2004": 1, "2003": 2, "2002": 2}
    # On 1 January 2004: visas (2002-06-30), host (2003-03-31), invite (the VIII RCM) are past due and open.
    assert facet(response, "overdue") == {"yes": 3, "no": 3}


def test_facet_labels_name_the_body_with_its_process(client, tracker):
    response = client.get("/commitments/")
    (control,) = [c for c in response.context["facets"] if c.field.name == "body"]
    assert {o.label for o in control.options} == {
        "Presidency Pro-Tempore (RCM)",
        "Liaison Officer Network for Consular Protection (RCM)",
    }
    assert "Presidency Pro-Tempore (RCM) (1)" in body(response)


def test_a_body_chosen_as_an_organisation_keeps_its_real_count(client, tracker):
    response = client.get("/commitments/?organisation=rcm-ppt")
    assert facet(response, "organisation") == {"iom": 1, "rcm-ppt": 1}


# -- overdue on a fixed date -------------------------------------------------


@pytest.mark.parametrize(
    ("on", "overdue"),
    [
        ("2002-05-31", set()),
        ("2002-06-30", set()),  # due that day: not yet overdue
        ("2002-07-01", {"Exchange information on visa requirements"}),
        # The seminar (due 2002-12-31) was done, so it is never overdue.
        ("2003-04-01", {"Exchange information on visa requirements", "Host the VIII RCM"}),
        (
            "2003-05-22",
            {
                "Exchange information on visa requirements",
                "Host the VIII RCM",
                "Invite the private sector to the next RCM",
            },
        ),
        (
            "2014-01-01",
            {
                "Exchange information on visa requirements",
                "Host the VIII RCM",
                "Invite the private sector to the next RCM",
                "Draft a plan of action",
                "Host the second CELAC meeting",
            },
        ),
    ],
)
def test_overdue_means_past_due_on_the_given_date_and_not_done(client, tracker, on, overdue):
    response = client.get(f"/commitments/?overdue=yes&on={on}")
    assert response.status_code == 200
    assert set(listed(response)) == overdue
    not_overdue = set(listed(client.get(f"/commitments/?overdue=no&on={on}")))
    assert not_overdue.isdisjoint(overdue) and len(not_overdue | overdue) == 7


def test_the_page_says_on_which_date_overdue_is_judged(client, tracker):
    page = body(client.get("/commitments/?on=2003-04-01"))
    assert 'Overdue as of <time datetime="2003-04-01">1 April 2003</time>.' in page
    assert page.count('<span class="status status--overdue">Overdue</span>') == 2


def test_a_relative_deadline_becomes_overdue_only_once_the_next_meeting_is_recorded_and_public(client, tracker):
    """Before the next vice-ministerial meeting of the process: no date (and never overdue) until it is public."""
    make.clear_content()
    rcm = make.process("rcm")
    vii = make.meeting("VII", start=D(2002, 5, 30), kind=VICE_MINISTERIAL, processes=(rcm,))
    invite = make.action_item(vii, "Invite the private sector", due_next_meeting_kind=VICE_MINISTERIAL)

    def overdue_in_2010() -> list[str]:
        return listed(client.get("/commitments/?overdue=yes&on=2010-01-01"))

    assert overdue_in_2010() == []
    detail = body(client.get(f"/commitments/{invite.pk}/?on=2010-01-01"))
    assert "which has not been recorded yet" in detail
    # Recorded as a draft: its date stays unpublished, and the commitment is not overdue.
    viii = make.meeting(
        f"{SECRET} VIII", start=D(2003, 5, 21), kind=VICE_MINISTERIAL, processes=(rcm,), status=make.DRAFT
    )
    assert overdue_in_2010() == []
    rows = json.loads(body(client.get("/commitments/?format=json&on=2010-01-01")))["results"]
    assert (rows[0]["effective_due_date"], rows[0]["overdue"]) == (None, False)
    detail = body(client.get(f"/commitments/{invite.pk}/?on=2010-01-01"))
    assert SECRET not in detail and "2003-05-21" not in detail
    # Published: it takes that meeting's date, and is overdue after it.
    viii.status = PublicationStatus.PUBLISHED
    viii.save()
    assert overdue_in_2010() == ["Invite the private sector"]
    assert listed(client.get("/commitments/?overdue=yes&on=2003-05-21")) == []
    detail = body(client.get(f"/commitments/{invite.pk}/?on=2010-01-01"))
    assert f'<a href="{viii.get_absolute_url()}">{SECRET} VIII</a>, which opened on' in detail
    assert '<span class="status status--overdue">Overdue</span>' in detail


# -- downloads -----------------------------------------------------------------

COLUMNS = [
    "id",
    "description",
    "status",
    "due_date",
    "due_text",
    "effective_due_date",
    "overdue",
    "responsible_countries",
    "responsible_organisations",
    "meeting",
    "meeting_date",
    "agreement_label",
    "agreement_url",
    "reported_done_at",
    "url",
]


@pytest.mark.parametrize(
    "query", ["on=2004-01-01", "process=rcm&overdue=yes&on=2004-01-01", "country=MEX&sort=-due&on=2004-01-01"]
)
def test_the_downloads_hold_exactly_the_filtered_rows_in_order(client, tracker, query):
    page = client.get(f"/commitments/?{query}")
    shown = [item.pk for item in page.context["object_list"]]
    as_csv = client.get(f"/commitments/?{query}&format=csv")
    as_json = client.get(f"/commitments/?{query}&format=json")
    assert as_csv["Content-Disposition"] == 'attachment; filename="commitments.csv"'
    rows = csv_rows(as_csv)
    data = json.loads(body(as_json))
    assert [int(row["id"]) for row in rows] == shown
    assert [row["id"] for row in data["results"]] == shown
    assert list(rows[0]) == COLUMNS and data["columns"] == COLUMNS


def test_download_columns_use_iso_dates_codes_and_absolute_addresses(client, tracker):
    data = json.loads(body(client.get("/commitments/?format=json&on=2004-01-01")))
    by_id = {row["id"]: row for row in data["results"]}
    seminar = by_id[tracker.seminar.pk]
    assert seminar == {
        "id": tracker.seminar.pk,
        "description": "Organize a seminar in San Salvador",
        "status": "done",
        "due_date": "2002-12-31",
        "due_text": "in the last trimester of 2002",
        "effective_due_date": "2002-12-31",
        "overdue": False,
        "responsible_countries": ["SLV"],
        "responsible_organisations": [],
        "meeting": "vii-rcm",
        "meeting_date": "2002-05-30",
        "agreement_label": "9.2",
        "agreement_url": f"http://testserver{tracker.nine_two.get_absolute_url()}",
        "reported_done_at": "viii-rcm",
        "url": f"http://testserver/en/commitments/{tracker.seminar.pk}/",
    }
    invite = by_id[tracker.invite.pk]
    assert (invite["due_date"], invite["effective_due_date"], invite["overdue"]) == (None, "2003-05-21", True)
    assert invite["responsible_organisations"] == ["rcm-ppt"]
    (visas,) = csv_rows(client.get("/commitments/?format=csv&on=2004-01-01&body=rcm-liaison-network"))
    assert visas["overdue"] == "true"
    assert visas["responsible_organisations"] == "iom; rcm-liaison-network"  # by name: International…, Liaison…
    assert visas["agreement_label"] == visas["agreement_url"] == visas["reported_done_at"] == ""


# -- the commitment's page -------------------------------------------------------


def test_a_commitments_page_says_what_by_whom_by_when_where_and_its_dated_history(client, tracker):
    response = client.get(f"/commitments/{tracker.seminar.pk}/?on=2004-01-01")
    assert response.status_code == 200
    page = body(response)
    assert '<h1 class="commitment-title">Organize a seminar in San Salvador</h1>' in page
    assert f'<a href="{tracker.salvador.get_absolute_url()}">El Salvador</a>' in page
    assert '<time datetime="2002-12-31">31 December 2002</time>' in page
    assert "As written: “in the last trimester of 2002”" in page
    assert f'<a href="{tracker.nine_two.get_absolute_url()}">Agreement 9.2</a> of' in page
    assert f'<a href="{tracker.vii.get_absolute_url()}">VII Regional Conference on Migration</a>' in page
    assert "Reported done at" in page and tracker.viii.get_absolute_url() in page
    # The history, in date order: open (set), in progress, done.
    history = page[page.index('class="status-history"') :]
    steps = ["30 May 2002", "Open", "15 November 2002", "In progress", "Venue booked.", "21 May 2003", "Done"]
    positions = [history.index(step) for step in steps]
    assert positions == sorted(positions)
    assert [change.progress for change in response.context["history"]] == ["in_progress", "done"]


def test_a_commitment_with_only_a_written_deadline_shows_the_words(client, tracker):
    page = body(client.get(f"/commitments/{tracker.budget.pk}/?on=2004-01-01"))
    assert "No deadline recorded" in page
    page = body(client.get(f"/commitments/{tracker.visas.pk}/?on=2004-01-01"))
    assert '<span class="status status--overdue">Overdue</span>' in page
    assert 'as of <time datetime="2004-01-01">1 January 2004</time>' in page


def test_a_status_step_reported_at_a_draft_meeting_does_not_name_it(client, tracker):
    draft = make.meeting(f"{SECRET} meeting", start=D(2003, 1, 1), status=make.DRAFT)
    ActionItemStatusChange.objects.create(
        action_item=tracker.host, progress=ActionItemStatus.IN_PROGRESS, date=D(2003, 1, 1), meeting=draft
    )
    page = body(client.get(f"/commitments/{tracker.host.pk}/?on=2004-01-01"))
    assert "1 January 2003" in page and "In progress" in page
    assert SECRET not in page


# -- drafts and withdrawn records never appear -----------------------------------


@pytest.fixture
def hidden(tracker):
    """Commitments that must never be seen, each hidden for a different reason."""
    cuba = make.country("CUB", "Cuba")
    secret_org = make.organisation("secret-org", "Secret organisation")
    draft_meeting = make.meeting(
        f"{SECRET} meeting", start=D(2005, 1, 1), processes=(tracker.rcm,), slug="draft-meeting", status=make.DRAFT
    )
    of_draft_meeting = make.action_item(
        draft_meeting, f"{SECRET} of a draft meeting", countries=(cuba,), due_date=D(2005, 2, 1)
    )
    draft_agreement = make.agreement(tracker.communique, f"{SECRET} agreement", label="99", status=make.DRAFT)
    of_draft_agreement = make.action_item(
        tracker.vii,
        f"{SECRET} of a draft agreement",
        agreement=draft_agreement,
        countries=(cuba,),
        due_date=D(2005, 2, 1),
    )
    draft_item = make.action_item(
        tracker.vii, f"{SECRET} draft item", countries=(cuba,), status=make.DRAFT, due_date=D(2005, 2, 1)
    )
    withdrawn = make.action_item(
        tracker.viii,
        f"{SECRET} withdrawn item",
        countries=(cuba,),
        status=PublicationStatus.WITHDRAWN,
        due_date=D(2005, 2, 1),
    )
    for item in (of_draft_meeting, of_draft_agreement, draft_item, withdrawn):
        item.responsible_organisations.set([secret_org])
        ActionItemStatusChange.objects.create(action_item=item, progress=ActionItemStatus.DONE, date=D(2005, 3, 1))
    return [of_draft_meeting, of_draft_agreement, draft_item, withdrawn]


@pytest.mark.parametrize(
    "path",
    [
        "/commitments/?on=2010-01-01",
        "/commitments/?on=2010-01-01&overdue=yes",
        "/commitments/?on=2010-01-01&due_year=2005",
        "/commitments/?format=csv&on=2010-01-01",
        "/commitments/?format=json&on=2010-01-01",
        "/countries/CUB/",
        "/organisations/secret-org/",
        "/processes/rcm/?on=2010-01-01",
        "/meetings/vii-rcm/",
        "/meetings/viii-rcm/",
    ],
)
def test_drafts_and_withdrawn_commitments_never_appear(client, hidden, path):
    response = client.get(path)
    assert response.status_code == 200
    page = body(response)
    assert SECRET not in page
    assert "CUB" not in page.replace("/en/countries/CUB/", "") or path.startswith("/countries/")
    assert "secret-org" not in page or path.startswith("/organisations/")


def test_drafts_and_withdrawn_commitments_are_not_counted(client, hidden):
    response = client.get("/commitments/?on=2010-01-01")
    assert response.context["total"] == 7
    assert "CUB" not in facet(response, "country")
    assert "secret-org" not in facet(response, "organisation")
    assert "2005" not in facet(response, "due_year")
    assert "draft-meeting" not in facet(response, "meeting")
    assert sum(facet(response, "status").values()) == 7
    assert sum(facet(response, "overdue").values()) == 7
    summary = {m.slug: m for m, _ in client.get("/processes/rcm/?on=2010-01-01").context["commitments_by_meeting"]}
    assert set(summary) == {"vii-rcm", "viii-rcm"}
    assert (summary["vii-rcm"].commitments_set, summary["viii-rcm"].commitments_set) == (5, 1)


def test_draft_and_withdrawn_commitments_have_no_page(client, hidden):
    for item in hidden:
        response = client.get(f"/commitments/{item.pk}/")
        assert response.status_code == 404
        assert SECRET not in body(response)
    assert client.get("/commitments/999999/").status_code == 404


def test_a_draft_meeting_is_an_unknown_meeting_to_the_filter(client, hidden):
    response = client.get("/commitments/?meeting=draft-meeting")
    assert response.status_code == 400
    assert "There is no published meeting with that address." in body(response)


# -- bad input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("status=finished", "The status is one of open, in_progress, done or dropped."),
        ("status=" + LONG, "The status is one of"),
        ("overdue=maybe", "Ask for overdue=yes or overdue=no."),
        ("on=garbage", "Enter a real date as YYYY-MM-DD"),
        ("on=2003-02-30", "Enter a real date as YYYY-MM-DD"),
        ("on=" + LONG, "Enter a real date as YYYY-MM-DD"),
        ("on=2003-01-01%00", "Enter a real date as YYYY-MM-DD"),
        ("country=XXX", "There is no country with that code"),
        ("country=" + LONG, "There is no country with that code"),
        ("organisation=no-such-org", "There is no organisation with that name"),
        ("body=iom", "There is no body of a process with that name"),  # an organisation, not a body
        ("process=%00", "There is no process with that name"),
        ("meeting=" + LONG, "There is no published meeting with that address."),
        ("due_year=abc", "Enter a year such as 2003."),
        ("due_year=99999", "Ensure this value is less than or equal to 2100."),
        ("sort=title", "Sort by “due”"),
        ("format=xml", "Downloads come as format=csv or format=json."),
        ("page=abc", "The page must be a whole number"),
        ("page=-1", "Pages are numbered from 1."),
        ("overdue=yes&overdue=no", "“overdue” was given more than once"),
        ("status=done&status=finished", "The status is one of open"),
        ("on=2003-01-01&on=2004-01-01", "“on” was given more than once"),
    ],
)
def test_bad_parameters_get_a_400_page_that_says_what_was_wrong(client, tracker, query, says):
    response = client.get(f"/commitments/?{query}")
    assert response.status_code == 400
    page = body(response)
    assert says in page
    assert LONG not in page


def test_a_page_past_the_end_is_a_404_that_says_so(client, tracker):
    response = client.get("/commitments/?page=99")
    assert response.status_code == 404
    assert "There is no page 99" in body(response)


@pytest.mark.parametrize("query", ["on=garbage", "on=2003-13-01", "on=" + LONG, "on=2003-01-01&on=2003-01-02"])
def test_detail_and_process_pages_refuse_a_bad_date_with_a_message(client, tracker, query):
    for path in (f"/commitments/{tracker.host.pk}/", "/processes/rcm/"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400
        page = body(response)
        assert "Overdue as of:" in page and LONG not in page


def test_an_impossible_commitment_number_is_a_404(client, tracker):
    assert client.get("/commitments/" + "9" * 30 + "/").status_code == 404


# -- country, organisation and process pages ----------------------------------------


def test_the_country_page_lists_the_commitments_it_is_responsible_for_with_status(client, tracker):
    response = client.get("/countries/MEX/")
    assert [item.description for item in response.context["action_items"]] == [
        "Draft a plan of action",
        "Host the VIII RCM",
    ]
    page = body(response)
    assert reverse("meetings:commitment-detail", args=[tracker.host.pk]) in page
    assert '<span class="status status--open">Open</span>' in page


def test_the_organisation_page_lists_the_commitments_of_a_body(client, tracker):
    response = client.get("/organisations/rcm-ppt/")
    assert [item.description for item in response.context["action_items"]] == [
        "Invite the private sector to the next RCM"
    ]
    page = body(response)
    # Its relative deadline is dated by the (public) VIII RCM.
    assert 'before the next vice-ministerial conference: <time datetime="2003-05-21">' in page


def test_the_process_page_summarises_each_meetings_commitments_on_a_date(client, tracker):
    response = client.get("/processes/rcm/?on=2004-01-01")
    groups = response.context["commitments_by_meeting"]
    assert [meeting.slug for meeting, _ in groups] == ["vii-rcm", "viii-rcm"]
    vii, viii = groups[0][0], groups[1][0]
    counts = lambda m: (  # noqa: E731
        m.commitments_set,
        m.commitments_done,
        m.commitments_open,
        m.commitments_overdue,
        m.commitments_dropped,
    )
    assert counts(vii) == (5, 1, 3, 3, 1)  # open: visas (in progress), invite, host — all past due
    assert counts(viii) == (1, 0, 1, 0, 0)
    assert counts(response.context["meetings"][1]) == counts(viii)
    assert [item.description for item in groups[1][1]] == ["Draft a plan of action"]
    page = body(response)
    assert "/en/commitments/?meeting=vii-rcm&amp;overdue=yes&amp;on=2004-01-01" in page
    # Another date, another count.
    later = client.get("/processes/rcm/?on=2005-01-01").context["commitments_by_meeting"]
    assert later[1][0].commitments_overdue == 1


def test_the_process_page_of_another_process_lists_only_its_own(client, tracker):
    response = client.get("/processes/celac/?on=2014-01-01")
    ((meeting, items),) = response.context["commitments_by_meeting"]
    assert [item.description for item in items] == ["Host the second CELAC meeting"]
    assert meeting.commitments_overdue == 1


# -- query counts --------------------------------------------------------------------


def build(rows: int) -> None:
    """`rows` commitments over rows/5 meetings of one process, each with a country, an organisation and a step."""
    make.clear_content()
    mexico = make.country("MEX", "Mexico")
    rcm = make.process("rcm", acronym="RCM")
    iom = make.organisation("iom", acronym="IOM")
    meetings = [
        make.meeting(start=D(1990 + number, 5, 1), kind=VICE_MINISTERIAL, processes=(rcm,))
        for number in range(rows // 5)
    ]
    for number in range(rows):
        meeting = meetings[number % len(meetings)]
        item = make.action_item(
            meeting,
            f"Commitment {number}",
            countries=(mexico,),
            due_date=D(1991 + number % 30, 1, 1) if number % 3 else None,
            due_next_meeting_kind=VICE_MINISTERIAL if number % 3 == 0 else "",
            progress=[ActionItemStatus.OPEN, ActionItemStatus.DONE, ActionItemStatus.IN_PROGRESS][number % 3],
        )
        item.responsible_organisations.set([iom])
        ActionItemStatusChange.objects.create(action_item=item, progress=item.progress, date=D(1995, 1, 1))


TRACKER_LIMITS = {
    # 8 facets + count + rows + countries and organisations prefetches
    "/commitments/?on=2000-01-01": 12,
    # + country, organisation and process validated
    "/commitments/?on=2000-01-01&country=MEX&organisation=iom&process=rcm&overdue=yes&sort=-due": 15,
    "/commitments/?format=csv&on=2000-01-01": 3,
    "/commitments/?format=json&status=open": 3,
    "/commitments/?on=2030-01-01&page=2": 12,
    # process, meetings with their commitment counts, memberships, grid, bodies, commitments
    "/processes/rcm/?on=2000-01-01": 6,
}


@pytest.mark.parametrize("rows", [25, 100])
def test_the_tracker_and_the_process_summary_run_a_fixed_number_of_queries(client, django_assert_max_num_queries, rows):
    """No query per commitment (its countries, organisations, meeting, agreement) nor per meeting (its counts)."""
    build(rows)
    for path, limit in TRACKER_LIMITS.items():
        with django_assert_max_num_queries(limit, info=path):
            response = client.get(path)
            body(response)
        assert response.status_code == 200, path
    assert ActionItem.objects.count() == rows


def test_a_commitments_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    """The item (with meeting and agreement), its prefetches, the meeting's processes, the deadline meeting, history."""
    build(25)
    item = ActionItem.objects.filter(due_next_meeting_kind=VICE_MINISTERIAL).first()
    with django_assert_max_num_queries(6):
        assert client.get(f"/commitments/{item.pk}/?on=2000-01-01").status_code == 200
