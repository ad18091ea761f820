"""Each public page runs a fixed number of SQL queries, however many records it lists.

The tests load 25 and then 100 records and hold every page to the same limit.
The limits count: the filter validation (one per model choice given), the
paginator's COUNT, the page's rows, one query per prefetched relation, and
one aggregate query per facet. A loop that queried per row (an N+1: a
meeting's processes, an agreement's topics or countries, a row's meeting or
host country) or a facet counted per option would break them.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import ParticipationRole
from tests import factories as make

pytestmark = pytest.mark.django_db


def build(rows: int) -> None:
    """`rows` meetings, each with two countries, two processes, a document and two agreements with topics."""
    make.clear_content()
    mexico, argentina = make.country("MEX", "Mexico"), make.country("ARG", "Argentina")
    rcm, sacm = make.process("rcm", acronym="RCM"), make.process("sacm", acronym="SACM")
    trafficking, consular = make.topic("trafficking-in-persons"), make.topic("consular-protection")
    iom = make.organisation("iom", acronym="IOM")
    make.membership(rcm, mexico)
    make.membership(rcm, argentina, "observer")
    for number in range(rows):
        meeting = make.meeting(
            start=datetime.date(1990 + number % 30, 1 + number % 12, 1),
            processes=(rcm, sacm),
            attendees=(mexico, argentina),
            host_country=mexico,
        )
        make.participation(meeting, iom, ParticipationRole.INVITED)
        document = make.document(meeting)
        first = make.agreement(document, label="1", topics=(trafficking, consular), countries=(mexico,))
        make.agreement(document, label="1.1", parent=first, topics=(consular,), countries=(argentina,))
        make.action_item(meeting, "Follow up", agreement=first, countries=(mexico,))


LIMITS = {
    # 6 facets + count + rows + processes prefetch
    "/meetings/": 9,
    # country, topic and process validated (one query each, however many values) + the above
    "/meetings/?country=mex&topic=consular-protection&process=rcm&sort=date": 12,
    "/meetings/?country=mex&country=ARG&concerned=MEX&topic=consular-protection&topic=trafficking-in-persons": 12,
    # 7 facets + count + rows
    "/documents/": 9,
    "/documents/?country=ARG&language=en&year=2001": 10,
    # 7 facets + count + rows + topics and countries prefetches
    "/agreements/": 11,
    "/agreements/?country=ARG&topic=trafficking-in-persons&page=2": 13,
    "/agreements/?date_after=1995-01-01&date_before=2015-12-31&sort=date&kind=decision": 11,
    "/agreements/?kind=decision&kind=request&section=substantive&concerned=MEX&concerned=ARG": 12,
    "/meetings/?format=csv": 2,
    "/documents/?format=json": 1,
    "/agreements/?format=csv&process=sacm": 4,
    "/agreements/?format=json": 3,
    # five counts, latest meetings (+ processes), processes, countries and topics with counts
    "/": 10,
    "/countries/MEX/": 12,
    "/countries/MEX/commitments.csv": 4,
    # process, meetings, chart, memberships, grid participations, bodies
    "/processes/rcm/": 6,
    "/topics/consular-protection/": 4,
}


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, path
    return len(captured)


@pytest.mark.parametrize("rows", [25, 100])
def test_every_list_and_download_stays_within_its_query_limit_whatever_the_size(
    client, django_assert_max_num_queries, rows
):
    build(rows)  # once per size: building 100 meetings is the slow part
    for path, limit in LIMITS.items():
        with django_assert_max_num_queries(limit, info=path):
            response = client.get(path)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, path


def test_query_counts_do_not_grow_with_the_number_of_records(client):
    build(25)
    small = {path: queries_for(client, path) for path in LIMITS}
    build(100)
    large = {path: queries_for(client, path) for path in LIMITS}
    assert large == small


def test_detail_pages_query_count_does_not_grow_with_the_meeting(client):
    """A meeting page with 2 or 40 agreements: topics are prefetched, not fetched per agreement."""
    build(1)
    from meetings.models import Document, Meeting

    meeting = Meeting.objects.get()
    document = Document.objects.get()
    trafficking = make.topic("trafficking-in-persons")
    small_meeting = queries_for(client, meeting.get_absolute_url())
    small_document = queries_for(client, document.get_absolute_url())
    for number in range(40):
        make.agreement(document, label=f"{number + 2}", topics=(trafficking,))
    assert queries_for(client, meeting.get_absolute_url()) == small_meeting
    assert queries_for(client, document.get_absolute_url()) == small_document
