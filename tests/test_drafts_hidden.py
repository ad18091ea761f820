"""Draft (and withdrawn) records never reach the public: no list, page, count, facet or download.

The archive holds one published meeting with a published document and
agreement, next to a draft meeting, a draft document in the published meeting,
a draft agreement in the published document, and a "published" agreement
inside the draft document (hidden because its document is).
"""

import datetime
import json
from types import SimpleNamespace

import pytest

from meetings.models import PublicationStatus
from tests import factories as make

pytestmark = pytest.mark.django_db

SECRET = "SECRET"


@pytest.fixture
def archive():
    make.clear_content()
    mex, cub = make.country("MEX", "Mexico"), make.country("CUB", "Cuba")
    rcm = make.process("rcm", acronym="RCM")
    hidden_process = make.process("hidden-process", "Hidden process", "HID")
    public_topic, secret_topic = make.topic("trafficking-in-persons"), make.topic("secret-topic", "Secret topic")
    public_meeting = make.meeting(
        "Public meeting", start=datetime.date(2002, 5, 30), processes=(rcm,), attendees=(mex,)
    )
    public_document = make.document(public_meeting, "Public communiqué")
    public_agreement = make.agreement(public_document, "Public agreement", label="1", topics=(public_topic,))
    make.action_item(public_meeting, "Public commitment", agreement=public_agreement, countries=(mex,))

    draft_meeting = make.meeting(
        f"{SECRET} draft meeting",
        start=datetime.date(2020, 1, 1),
        processes=(hidden_process,),
        attendees=(cub,),
        status=PublicationStatus.DRAFT,
        slug="draft-meeting",
        host_country=cub,
    )
    document_of_draft_meeting = make.document(
        draft_meeting, f"{SECRET} document of a draft meeting", slug="doc-of-draft"
    )
    make.agreement(
        document_of_draft_meeting, f"{SECRET} agreement of a draft meeting", topics=(secret_topic,), countries=(cub,)
    )
    make.action_item(draft_meeting, f"{SECRET} commitment of a draft meeting", countries=(cub,))

    draft_document = make.document(
        public_meeting, f"{SECRET} draft document", status=PublicationStatus.DRAFT, slug="draft-document"
    )
    agreement_in_draft_document = make.agreement(
        draft_document, f"{SECRET} agreement in a draft document", topics=(secret_topic,)
    )
    draft_agreement = make.agreement(
        public_document,
        f"{SECRET} draft agreement",
        label="2",
        status=PublicationStatus.DRAFT,
        topics=(secret_topic,),
        countries=(cub,),
    )
    make.action_item(
        public_meeting, f"{SECRET} commitment of a draft agreement", agreement=draft_agreement, countries=(cub,)
    )
    withdrawn_agreement = make.agreement(
        public_document, f"{SECRET} withdrawn agreement", label="3", status=PublicationStatus.WITHDRAWN
    )
    return SimpleNamespace(**locals())


PUBLIC_PAGES = [
    "/",
    "/meetings/",
    "/documents/",
    "/agreements/",
    "/meetings/?format=csv",
    "/documents/?format=csv",
    "/agreements/?format=csv",
    "/meetings/?format=json",
    "/documents/?format=json",
    "/agreements/?format=json",
    "/countries/MEX/",
    "/countries/CUB/",
    "/countries/CUB/meetings.csv",
    "/countries/CUB/agreements.json",
    "/countries/CUB/commitments.csv",
    "/countries/MEX/commitments.json",
    "/topics/secret-topic/",
    "/topics/trafficking-in-persons/",
    "/processes/rcm/",
    "/processes/hidden-process/",
]


def body(response) -> str:
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_public_page_or_download_shows_a_draft(client, archive, path):
    response = client.get(path)
    assert response.status_code == 200
    assert SECRET not in body(response)


def test_public_detail_pages_leave_drafts_out(client, archive):
    for path in (
        archive.public_meeting.get_absolute_url(),
        archive.public_document.get_absolute_url(),
        archive.public_agreement.get_absolute_url(),
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert SECRET not in response.content.decode()


def test_draft_records_have_no_public_page(client, archive):
    for record in (
        archive.draft_meeting,
        archive.document_of_draft_meeting,
        archive.draft_document,
        archive.draft_agreement,
        archive.agreement_in_draft_document,
        archive.withdrawn_agreement,
    ):
        assert client.get(record.get_absolute_url()).status_code == 404, record


def test_counts_leave_drafts_out(client, archive):
    counts = client.get("/").context["counts"]
    assert counts == {"meetings": 1, "documents": 1, "agreements": 1, "action_items": 1, "countries": 1}
    assert client.get("/agreements/").context["paginator"].count == 1
    assert client.get("/meetings/").context["paginator"].count == 1


def test_facets_do_not_count_drafts(client, archive):
    for path in ("/meetings/", "/documents/", "/agreements/"):
        response = client.get(path)
        for control in response.context["facets"]:
            values = {option.value for option in control.options}
            assert "CUB" not in values and "secret-topic" not in values and "hidden-process" not in values, path
            assert "2020" not in values, path


def test_filtering_by_what_only_drafts_have_finds_nothing(client, archive):
    assert client.get("/agreements/?topic=secret-topic").context["paginator"].count == 0
    assert client.get("/meetings/?country=CUB").context["paginator"].count == 0
    assert json.loads(client.get("/agreements/?country=CUB&format=json").content)["count"] == 0


def test_a_meeting_reported_done_at_a_draft_meeting_does_not_name_it(client, archive):
    item = archive.public_meeting.action_items.get(description="Public commitment")
    item.reported_done_at = archive.draft_meeting
    item.save()
    assert SECRET not in client.get(archive.public_meeting.get_absolute_url()).content.decode()
    assert SECRET not in body(client.get("/countries/MEX/commitments.csv"))
