"""How long the meeting's admin page takes to render, and how many queries it runs, as its agreements grow.

Builds, in a throwaway test database, a meeting with two documents sharing N
agreements (topics, parents), a commitment for every third agreement and a few
participants, then fetches its change page as a superuser: a warm-up, then
`--repeat` timed fetches. Prints N, the queries, the page's size, the
median and slowest render times, and the median CPU time (steadier than the
wall time on a busy machine).

    .venv/bin/python bench/meeting_admin_page.py            # N = 5, 50, 400
    .venv/bin/python bench/meeting_admin_page.py --agreements 400 --profile
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/migconf_bench .venv/bin/python bench/meeting_admin_page.py
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migconf.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402
from django.urls import reverse  # noqa: E402


def build(agreements: int, number: int):
    from django.contrib.auth.models import User

    from meetings.models import (
        ActionItem,
        Agreement,
        Country,
        Document,
        Meeting,
        Organisation,
        Participation,
        Topic,
    )

    mexico, _ = Country.objects.get_or_create(
        alpha3="MEX", defaults={"alpha2": "MX", "numeric": "484", "name": "Mexico"}
    )
    iom, _ = Organisation.objects.get_or_create(slug="iom", defaults={"name": "IOM", "acronym": "IOM"})
    topics = [Topic.objects.get_or_create(slug=f"topic-{i}", defaults={"name": f"Topic {i}"})[0] for i in range(3)]
    meeting = Meeting.objects.create(
        title=f"Bench meeting {number}",
        slug=f"bench-{number}",
        start_date=datetime.date(2002, 5, 30),
        end_date=datetime.date(2002, 5, 31),
        host_country=mexico,
    )
    Participation.objects.create(meeting=meeting, country=mexico, role="member")
    Participation.objects.create(meeting=meeting, organisation=iom, role="invited")
    documents = [
        Document.objects.create(meeting=meeting, title=f"Document {i}", slug=f"bench-{number}-{i}", order=i)
        for i in range(2)
    ]
    parents = {}
    for i in range(agreements):
        document = documents[i % 2]
        agreement = Agreement.objects.create(
            document=document,
            order=i + 1,
            label=str(i + 1),
            parent=parents.get(document.pk),
            text=f"To request that the Technical Secretariat prepare, with IOM, the plan of action number {i}. " * 3,
        )
        parents.setdefault(document.pk, agreement)
        agreement.topics.set(topics[: 1 + i % 3])
        if i % 3 == 0:
            item = ActionItem.objects.create(meeting=meeting, agreement=agreement, order=i + 1, description=f"Plan {i}")
            item.responsible_countries.add(mexico)
            item.responsible_organisations.add(iom)
    user = User.objects.filter(username="bench").first() or User.objects.create_superuser("bench", "b@example.org", "x")
    return meeting, user


def measure(agreements: int, number: int, repeat: int, profile: bool) -> None:
    from meetings.models import Meeting

    meeting, user = build(agreements, number)
    client = Client()
    client.force_login(user)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    assert client.get(url).status_code == 200  # warm-up
    times, cpu = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        client.get(url)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    print(
        f"{agreements:>6} {len(queries.captured_queries):>8} {len(response.content) / 1024:>8.0f} "
        f"{statistics.median(times) * 1000:>9.0f} {max(times) * 1000:>9.0f} {statistics.median(cpu) * 1000:>9.0f}"
    )
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, nargs="*", default=[5, 50, 400])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    # Not setup_test_environment(): its instrumented template rendering would
    # be most of what is measured.
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"database: {connection.vendor}")
        print(f"{'agreements':>6} {'queries':>8} {'KB':>8} {'p50 ms':>9} {'max ms':>9} {'cpu ms':>9}")
        for number, agreements in enumerate(args.agreements):
            measure(agreements, number, args.repeat, args.profile)
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
