"""Bad input gets a page that says what was wrong (400/404), never a 500 or a stack trace."""

import datetime

import pytest

from tests import factories as make
from tests.helpers import Page

pytestmark = pytest.mark.django_db

LONG = "x" * 10_000


@pytest.fixture
def archive():
    make.clear_content()
    rcm = make.process("rcm", acronym="RCM")
    mexico = make.country("MEX", "Mexico")
    for number in range(3):
        meeting = make.meeting(
            f"Meeting {number}", start=datetime.date(2002 + number, 5, 30), processes=(rcm,), attendees=(mexico,)
        )
        make.agreement(make.document(meeting), f"Agreement {number}", label="1")


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("country=XXX", "There is no country with that code"),
        ("country=MEXICO", "There is no country with that code"),
        ("country=" + LONG, "There is no country with that code"),
        ("country=M%00X", "There is no country with that code"),
        ("topic=no-such-topic", "There is no topic with that name"),
        ("topic=%00", "There is no topic with that name"),
        ("process=rcm%00", "There is no process with that name"),
        ("kind=%00", "That is not a kind of"),
        ("date_after=2002-05-30%00", "Enter a real date as YYYY-MM-DD"),
        ("topic=" + LONG, "There is no topic with that name"),
        ("process=no-such-process", "There is no process with that name"),
        ("date_after=2002-02-30", "Enter a real date as YYYY-MM-DD"),
        ("date_before=30/05/2002", "Enter a real date as YYYY-MM-DD"),
        ("date_after=yesterday", "Enter a real date as YYYY-MM-DD"),
        ("date_after=" + LONG, "Enter a real date as YYYY-MM-DD"),
        ("date_after=2010-01-01&date_before=2002-01-01", "“From” is later than “to”"),
        ("year=abc", "Enter a year such as 2002."),
        ("year=99999", "Ensure this value is less than or equal to 2100."),
        ("kind=" + LONG, "That is not a kind of"),
        ("sort=title", "Sort by “-date” (newest first) or “date” (oldest first)."),
        ("sort=" + LONG, "Sort by “-date”"),
        ("format=xml", "Downloads come as format=csv or format=json."),
        ("page=abc", "The page must be a whole number"),
        ("page=-1", "Pages are numbered from 1."),
        ("page=0", "Pages are numbered from 1."),
        ("page=" + "9" * 30, "There are not that many pages."),
        ("page=1.5", "The page must be a whole number"),
        ("year=2002&year=2018", "“year” was given more than once"),
        ("country=MEX&country=XXX", "There is no country with that code"),
        ("page=1&page=2", "“page” was given more than once"),
    ],
)
@pytest.mark.parametrize("path", ["/meetings/", "/documents/", "/agreements/"])
def test_bad_list_parameters_get_a_400_page_that_says_what_was_wrong(client, archive, path, query, says):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Some of the filters could not be used" in html
    assert says in html
    assert "Traceback" not in html
    # The form is still there to correct the mistake.
    assert '<form class="filters"' in html


@pytest.mark.parametrize("path", ["/meetings/", "/agreements/"])
def test_a_page_past_the_end_is_a_404_that_says_how_many_pages_there_are(client, archive, path):
    response = client.get(f"{path}?page=7")
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is no page 7: these results fill 1 page." in html
    assert "?" in Page(html).links or "Go to the first page" in html


def test_bad_input_on_a_download_is_refused_before_anything_is_downloaded(client, archive):
    response = client.get("/agreements/?format=csv&country=XXX")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_the_error_message_does_not_echo_a_huge_parameter(client, archive):
    html = client.get(f"/agreements/?country={LONG}").content.decode()
    assert LONG not in html


def test_lower_case_and_padded_country_codes_are_accepted(client, archive):
    assert client.get("/agreements/?country=mex").status_code == 200
    assert client.get("/agreements/?country=%20MEX%20").status_code == 200


def test_unknown_values_in_detail_addresses_are_404(client, archive):
    assert client.get("/agreements/abc/").status_code == 404
    assert client.get("/agreements/99999999999999999999999/").status_code == 404
    assert client.get(f"/countries/{LONG}/").status_code == 404
    assert client.get(f"/meetings/{LONG}/").status_code == 404
    assert client.get("/countries/M%00X/").status_code == 404
    assert client.get("/topics/a%00b/").status_code == 404


def test_too_many_parameters_get_the_400_page_in_the_site_style(client, archive):
    query = "&".join(f"p{number}=1" for number in range(1100))  # beyond DATA_UPLOAD_MAX_NUMBER_FIELDS
    response = client.get(f"/agreements/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "This request could not be understood" in html and 'class="skip-link"' in html


def test_unsafe_methods_are_refused_on_public_pages(client, archive):
    assert client.post("/").status_code in (403, 405)  # CSRF or method not allowed, never a 500
    assert client.post("/meetings/", {}).status_code in (403, 405)
