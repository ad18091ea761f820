"""Downloads: every filtered record (not one page), fixed column names, ISO dates."""

import csv
import datetime
import io
import json

import pytest

from meetings import exports
from tests import factories as make
from tests.helpers import Page

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


@pytest.fixture
def archive():
    """30 RCM meetings (more than one page) and 5 SACM ones, each with one document and one agreement."""
    make.clear_content()
    mex, arg = make.country("MEX", "Mexico"), make.country("ARG", "Argentina")
    rcm, sacm = make.process("rcm", acronym="RCM"), make.process("sacm", acronym="SACM")
    topic = make.topic("trafficking-in-persons")
    for number in range(35):
        in_rcm = number < 30
        meeting = make.meeting(
            f"Meeting {number:02d}",
            start=datetime.date(2000 + number % 20, 5, 30),
            end=datetime.date(2000 + number % 20, 5, 31),
            processes=(rcm if in_rcm else sacm,),
            attendees=(mex if in_rcm else arg,),
            host_country=mex if in_rcm else arg,
            city="Cancún",
        )
        document = make.document(meeting, f"Communiqué {number:02d}")
        make.agreement(document, f"Agreement {number:02d}", label="1", topics=(topic,), countries=(mex,))
    return rcm


def test_csv_download_holds_every_filtered_meeting_not_just_one_page(client, archive):
    page = client.get("/meetings/?process=rcm")
    assert page.context["paginator"].count == 30 and len(page.context["object_list"]) == 20
    response = client.get("/meetings/?process=rcm&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="meetings.csv"'
    rows = csv_rows(response)
    assert [row["title"] for row in rows] == [m.title for m in page.context["paginator"].object_list]


def test_csv_columns_are_stable_and_dates_are_iso(client, archive):
    rows = csv_rows(client.get("/meetings/?format=csv&year=2005"))
    assert list(rows[0]) == [
        "id",
        "slug",
        "title",
        "edition",
        "kind",
        "start_date",
        "end_date",
        "city",
        "host_country",
        "host_country_name",
        "venue",
        "processes",
        "url",
    ]
    assert {row["start_date"] for row in rows} == {"2005-05-30"}
    assert rows[0]["end_date"] == "2005-05-31"
    assert rows[0]["host_country"] == "MEX"
    assert rows[0]["processes"] == "rcm"
    assert rows[0]["url"].startswith("http://testserver/en/meetings/")


def test_json_download_matches_the_filtered_list(client, archive):
    page = client.get("/agreements/?country=arg")
    response = client.get("/agreements/?country=arg&format=json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = json.loads(response.content)
    assert body["dataset"] == "agreements" and body["count"] == 5
    assert body["columns"] == exports.AGREEMENTS.column_names
    assert [row["id"] for row in body["results"]] == [a.pk for a in page.context["paginator"].object_list]
    first = body["results"][0]
    assert first["topics"] == ["trafficking-in-persons"] and first["countries"] == ["MEX"]
    assert datetime.date.fromisoformat(first["meeting_start_date"])


@pytest.mark.parametrize("path", ["/meetings/", "/documents/", "/agreements/"])
def test_every_list_downloads_as_csv_and_json_with_the_same_rows(client, archive, path):
    csv_ids = [int(row["id"]) for row in csv_rows(client.get(f"{path}?process=sacm&format=csv"))]
    json_ids = [row["id"] for row in json.loads(client.get(f"{path}?process=sacm&format=json").content)["results"]]
    listed = [record.pk for record in client.get(f"{path}?process=sacm").context["object_list"]]
    assert csv_ids == json_ids == listed
    assert len(listed) == 5


def test_the_list_page_links_to_its_downloads_with_the_current_filters(client, archive):
    html = client.get("/agreements/?process=rcm&page=2").content.decode()
    assert "?process=rcm&format=csv" in Page(html).links
    assert "?process=rcm&format=json" in Page(html).links


def test_country_dossier_downloads_its_meetings_agreements_and_commitments(client, archive):
    mexico = make.country("MEX")
    meeting = make.meeting("Commitment meeting", start=datetime.date(2021, 3, 1), attendees=(mexico,))
    make.action_item(
        meeting,
        "Host the next meeting",
        countries=(mexico,),
        due_date=datetime.date(2022, 1, 31),
        due_text="during 2022",
    )
    meetings = csv_rows(client.get("/countries/MEX/meetings.csv"))
    assert len(meetings) == 31
    agreements = json.loads(client.get("/countries/mex/agreements.json").content)
    assert agreements["count"] == 35  # every agreement concerns Mexico
    response = client.get("/countries/MEX/commitments.csv")
    assert response["Content-Disposition"] == 'attachment; filename="mex-commitments.csv"'
    (commitment,) = csv_rows(response)
    assert commitment["description"] == "Host the next meeting"
    assert commitment["due_date"] == "2022-01-31" and commitment["due_text"] == "during 2022"
    assert commitment["responsible_countries"] == "MEX"
    assert list(commitment) == exports.COMMITMENTS.column_names


def test_unknown_country_dossier_download_is_a_404(client, archive):
    assert client.get("/countries/XYZ/meetings.csv").status_code == 404
    assert client.get("/countries/MEX/meetings.xml").status_code == 404
