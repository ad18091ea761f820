"""The portable writer: records made in Python and saved with `bulk_create` in batches (the SQLite default).

Slower than the set-based SQL of `postgres.py` (about 100 k agreements in a
few minutes) but it runs on any database Django supports. It writes no edit
history: benchmark records were never edited by anyone.
"""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from meetings.benchdata import shape
from meetings.benchdata.shape import TextPool, pick
from meetings.models import (
    ActionItem,
    Agreement,
    AgreementSection,
    Document,
    DocumentKind,
    Meeting,
    MeetingKind,
    Participation,
    PublicationStatus,
)

#: Meetings written per transaction: small enough to keep memory flat, large enough for few round trips.
CHUNK = 200
BATCH = 2000


def write(count: int, rng: random.Random, pool: TextPool, tag: str, report: Callable[[str], None]) -> None:
    countries = shape.expand(shape.country_weights())
    topics = shape.expand(shape.topic_weights(rng))
    processes = shape.expand(shape.process_weights())
    organisations = shape.organisation_ids()
    now = timezone.now()
    first_day = datetime.date(shape.FIRST_YEAR, 1, 1)
    span = (datetime.date(shape.LAST_YEAR, 12, 31) - first_day).days
    kind_labels = dict(MeetingKind.choices)
    document_labels = dict(DocumentKind.choices)
    section_labels = dict(AgreementSection.choices)

    def state(weights) -> tuple[str, datetime.datetime | None]:
        status = pick(weights, rng.random())
        return status, now if status == PublicationStatus.PUBLISHED else None

    written = 0
    for start in range(0, count, CHUNK):
        with transaction.atomic():
            meetings = []
            for number in range(start + 1, min(count, start + CHUNK) + 1):
                kind = pick(shape.MEETING_KINDS, rng.random())
                begins = first_day + datetime.timedelta(days=rng.randrange(span))
                host = rng.choice(countries)
                status, published_at = state(shape.MEETING_STATES)
                meetings.append(
                    Meeting(
                        title=f"{kind_labels[kind]}: {rng.choice(pool.titles)}",
                        slug=f"bench-{tag}-{number}",
                        kind=kind,
                        start_date=begins,
                        end_date=begins + datetime.timedelta(days=rng.randint(0, 2)),
                        city=rng.choice(shape.CITIES),
                        host_country_id=host,
                        presidency_id=host,
                        theme=rng.choice(pool.titles),
                        summary=" ".join(rng.sample(pool.sentences, 2)),
                        status=status,
                        published_at=published_at,
                    )
                )
            Meeting.objects.bulk_create(meetings, batch_size=BATCH)

            links = []
            for meeting in meetings:
                held_by = {rng.choice(processes)}
                if rng.random() < shape.JOINT_MEETING_SHARE:
                    held_by.add(rng.choice(processes))
                links += [Meeting.processes.through(meeting_id=meeting.pk, process_id=p) for p in held_by]
            Meeting.processes.through.objects.bulk_create(links, batch_size=BATCH)

            participations = []
            for meeting in meetings:
                attending = set()
                while len(attending) < rng.randint(*shape.PARTICIPANTS_PER_MEETING):
                    attending.add(rng.choice(countries))
                participations += [
                    Participation(meeting=meeting, country_id=c, role=pick(shape.PARTICIPATION_ROLES, rng.random()))
                    for c in attending
                ]
            Participation.objects.bulk_create(participations, batch_size=BATCH)

            documents = []
            for meeting in meetings:
                kinds = [pick(shape.DOCUMENT_KINDS, rng.random())]
                if rng.random() < shape.SECOND_DOCUMENT_SHARE:
                    kinds.append(pick(shape.SECOND_DOCUMENT_KINDS, rng.random()))
                for order, kind in enumerate(kinds, start=1):
                    status, published_at = state(shape.DOCUMENT_STATES)
                    sentences = rng.sample(pool.sentences, rng.randint(*shape.SENTENCES_PER_DOCUMENT))
                    documents.append(
                        Document(
                            meeting=meeting,
                            title=f"{document_labels[kind]}: {meeting.title}"[:400],
                            slug=f"{meeting.slug}-{order}",
                            kind=kind,
                            language=pick(shape.LANGUAGES, rng.random()),
                            date=meeting.start_date,
                            text="\n\n".join(sentences),
                            source="generate_benchmark_data",
                            order=order,
                            status=status,
                            published_at=published_at,
                        )
                    )
            Document.objects.bulk_create(documents, batch_size=BATCH)

            agreements, by_meeting = [], {}
            for document in documents:
                size = agreements_in_a_document(rng)
                for order in range(1, size + 1):
                    section = pick(shape.SECTIONS, rng.random())
                    status, published_at = state(shape.AGREEMENT_STATES)
                    agreement = Agreement(
                        document=document,
                        label=str(order),
                        order=order,
                        section=section,
                        section_heading=section_labels[section].upper(),
                        text=rng.choice(pool.sentences),
                        kind=pick(shape.AGREEMENT_KINDS, rng.random()),
                        status=status,
                        published_at=published_at,
                    )
                    agreements.append(agreement)
                    by_meeting.setdefault(document.meeting_id, []).append(agreement)
            Agreement.objects.bulk_create(agreements, batch_size=BATCH)

            country_links, topic_links, organisation_links = [], [], []
            for agreement in agreements:
                concerned = {rng.choice(countries) for _ in range(rng.randint(*shape.COUNTRIES_PER_AGREEMENT))}
                about = {rng.choice(topics) for _ in range(rng.randint(*shape.TOPICS_PER_AGREEMENT))}
                country_links += [
                    Agreement.countries.through(agreement_id=agreement.pk, country_id=c) for c in concerned
                ]
                topic_links += [Agreement.topics.through(agreement_id=agreement.pk, topic_id=t) for t in about]
                if organisations and rng.random() < 0.2:
                    organisation_links.append(
                        Agreement.organisations.through(
                            agreement_id=agreement.pk, organisation_id=rng.choice(organisations)
                        )
                    )
            Agreement.countries.through.objects.bulk_create(country_links, batch_size=BATCH)
            Agreement.topics.through.objects.bulk_create(topic_links, batch_size=BATCH)
            Agreement.organisations.through.objects.bulk_create(organisation_links, batch_size=BATCH)

            items = []
            for meeting in meetings:
                for order in range(1, rng.randint(*shape.ACTION_ITEMS_PER_MEETING) + 1):
                    items.append(action_item(rng, pool, meeting, order, by_meeting.get(meeting.pk, []), now))
            ActionItem.objects.bulk_create(items, batch_size=BATCH)
            responsible = [
                ActionItem.responsible_countries.through(actionitem_id=item.pk, country_id=rng.choice(countries))
                for item in items
                if rng.random() < 0.5
            ]
            ActionItem.responsible_countries.through.objects.bulk_create(responsible, batch_size=BATCH)
            if organisations:
                carried = [
                    ActionItem.responsible_organisations.through(
                        actionitem_id=item.pk, organisation_id=rng.choice(organisations)
                    )
                    for item in items
                    if rng.random() < 0.4
                ]
                ActionItem.responsible_organisations.through.objects.bulk_create(carried, batch_size=BATCH)
        written += len(meetings)
        report(f"  {written} of {count} meetings written")


def agreements_in_a_document(rng: random.Random) -> int:
    """Exponentially spread around the mean: most documents are short, a few run to hundreds of items."""
    drawn = -shape.AGREEMENTS_PER_DOCUMENT_MEAN * math.log(1 - rng.random())
    return max(1, min(shape.AGREEMENTS_PER_DOCUMENT_MAX, int(drawn) + 1))


def action_item(rng, pool, meeting, order, agreements, now) -> ActionItem:
    status = pick(shape.ACTION_ITEM_STATES, rng.random())
    due = rng.random()
    agreement = rng.choice(agreements) if agreements and rng.random() < shape.ACTION_ITEM_ON_AGREEMENT_SHARE else None
    return ActionItem(
        meeting=meeting,
        agreement=agreement,
        order=order,
        description=rng.choice(pool.sentences),
        due_date=meeting.start_date + datetime.timedelta(days=rng.randint(30, 730))
        if due < shape.DUE_DATE_SHARE
        else None,
        due_text="before the next vice-ministerial meeting"
        if shape.DUE_DATE_SHARE <= due < shape.DUE_DATE_SHARE + shape.DUE_NEXT_MEETING_SHARE
        else "",
        due_next_meeting_kind=MeetingKind.VICE_MINISTERIAL
        if shape.DUE_DATE_SHARE <= due < shape.DUE_DATE_SHARE + shape.DUE_NEXT_MEETING_SHARE
        else "",
        progress=pick(shape.PROGRESS, rng.random()),
        status=status,
        published_at=now if status == PublicationStatus.PUBLISHED else None,
    )
