"""The benchmark data command: a realistic archive in seconds, whose drafts stay as hidden as real ones.

`generate_benchmark_data` grows databases of a million agreements for the
benchmarks (bench/run); here it builds about 3,000 agreements once for the
module (rolled back at its end) on whichever database the suite runs on, so
CI exercises the set-based SQL writer on PostgreSQL and the ORM writer on
SQLite.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import Count, Max, Min
from django.urls import reverse

from meetings.benchdata import generate
from meetings.models import ActionItem, Agreement, Document, Meeting, Participation, PublicationStatus
from meetings.search import search
from meetings.seeds import REFERENCE_FIXTURES

MEETINGS = 100


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """The reference data and 100 generated meetings, for the whole module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
        tag = generate(MEETINGS, seed=7)
        yield tag
        transaction.set_rollback(True)


@pytest.fixture
def bench(generated, db):
    return Agreement.objects.filter(document__meeting__slug__startswith=f"bench-{generated}-")


def test_it_builds_the_asked_number_of_meetings_with_the_real_archives_proportions(generated, bench):
    meetings = Meeting.objects.filter(slug__startswith=f"bench-{generated}-")
    assert meetings.count() == MEETINGS
    documents = Document.objects.filter(meeting__in=meetings).count()
    assert MEETINGS <= documents <= 2 * MEETINGS
    # About 32 agreements a meeting, spread exponentially: a few thousand here.
    assert 1500 <= bench.count() <= 6000
    links = bench.aggregate(countries=Count("countries", distinct=True), topics=Count("topics", distinct=True))
    assert links["countries"] > 50 and links["topics"] > 10
    per_agreement = bench.annotate(c=Count("countries", distinct=True), t=Count("topics", distinct=True)).aggregate(
        min_c=Min("c"), max_c=Max("c"), min_t=Min("t"), max_t=Max("t")
    )
    # Two to five drawn (a country drawn twice counts once), one to three topics.
    assert per_agreement == {"min_c": 1, "max_c": 5, "min_t": 1, "max_t": 3}
    participants = Participation.objects.filter(meeting__in=meetings).values("meeting").annotate(n=Count("id"))
    assert all(5 <= row["n"] <= 20 for row in participants)
    assert ActionItem.objects.filter(meeting__in=meetings).count() >= MEETINGS


def test_dates_spread_over_the_archives_years(generated, db):
    meetings = Meeting.objects.filter(slug__startswith=f"bench-{generated}-")
    span = meetings.aggregate(first=Min("start_date"), last=Max("start_date"))
    assert datetime.date(1990, 1, 1) <= span["first"] < datetime.date(1996, 1, 1)
    assert datetime.date(2020, 1, 1) < span["last"] <= datetime.date(2026, 12, 31)


def test_about_five_percent_are_drafts_and_some_are_withdrawn(bench):
    hidden = bench.count() - bench.public().count()
    assert 0.02 * bench.count() < hidden < 0.15 * bench.count()
    assert bench.filter(status=PublicationStatus.DRAFT).exists()
    assert bench.filter(status=PublicationStatus.WITHDRAWN).exists()
    # Hidden by their own state and by their meeting's: both kinds are there.
    published_in_hidden_meetings = bench.filter(status=PublicationStatus.PUBLISHED).exclude(
        document__meeting__status=PublicationStatus.PUBLISHED
    )
    assert published_in_hidden_meetings.exists()


def test_generated_drafts_stay_off_the_public_pages(client, bench):
    draft = bench.filter(status=PublicationStatus.DRAFT).first()
    in_withdrawn_meeting = bench.filter(
        status=PublicationStatus.PUBLISHED, document__meeting__status=PublicationStatus.WITHDRAWN
    ).first()
    assert draft and in_withdrawn_meeting
    for hidden in (draft, in_withdrawn_meeting):
        assert client.get(hidden.get_absolute_url()).status_code == 404
    response = client.get(reverse("meetings:agreement-list"))
    assert response.status_code == 200
    assert response.context["total"] == Agreement.objects.public().count()
    visible = bench.public().first()
    assert client.get(visible.get_absolute_url()).status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search vectors exist on PostgreSQL only")
@pytest.mark.postgres
def test_search_vectors_are_filled_as_the_triggers_fill_them(generated, bench):
    """The SQL writer computes agreements' vectors itself: they must equal the trigger's, row for row."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FILTER (WHERE a.search_vector IS DISTINCT FROM
                       setweight(to_tsvector(meetings_search_config(d.language), left(a.text, 1000000)), 'A')
                       || setweight(to_tsvector(meetings_search_config(d.language), a.section_heading), 'B')),
                   count(*)
            FROM meetings_agreement a JOIN meetings_document d ON d.id = a.document_id
            JOIN meetings_meeting m ON m.id = d.meeting_id
            WHERE m.slug LIKE %s
            """,
            [f"bench-{generated}-%"],
        )
        wrong, total = cursor.fetchone()
        assert total == bench.count() and wrong == 0
        for table in ("meetings_meeting", "meetings_document", "meetings_actionitem"):
            cursor.execute(f"SELECT count(*) FROM {table} WHERE search_vector IS NULL")  # noqa: S608 - fixed names
            assert cursor.fetchone()[0] == 0, table
    # The rebuilt full-text index finds the generated words.
    assert search("migrants", types=["agreement"]).total > 0


def test_the_command_reports_bad_arguments(db):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate_benchmark_data", meetings=0)
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="needs PostgreSQL"):
            call_command("generate_benchmark_data", meetings=1, method="sql")
