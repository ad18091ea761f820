"""Small builders for test records: published by default, with only what a test names.

Plain functions rather than a factory library: each returns a saved record and
takes the fields a test cares about as keyword arguments.
"""

from __future__ import annotations

import datetime
import itertools

from meetings.models import (
    ActionItem,
    Agreement,
    Country,
    Document,
    Meeting,
    Organisation,
    Participation,
    ParticipationRole,
    Process,
    ProcessMembership,
    PublicationStatus,
    Topic,
)

PUBLISHED = PublicationStatus.PUBLISHED
DRAFT = PublicationStatus.DRAFT

_numbers = itertools.count(1)


def clear_content() -> None:
    """Remove every meeting (and, by cascade, what it produced) inside the running test's transaction.

    A module that uses `seeded_db` for some of its tests holds the seed
    meetings until it ends; tests that count rows start from an empty archive
    and the rollback at the end of the test brings the seeds back. Reference
    data stays.
    """
    Meeting.objects.all().delete()


def country(alpha3: str, name: str | None = None) -> Country:
    """The country with this code, created if the test database lacks it (the seeds may hold it)."""
    found = Country.objects.filter(alpha3=alpha3).first()
    if found:
        return found
    number = next(_numbers)
    # Digits never clash with real ISO alpha-2 codes, and 9xx never with real numeric codes.
    return Country.objects.create(
        alpha3=alpha3, alpha2=f"{number % 100:02d}", numeric=f"{900 + number % 100}", name=name or f"Country {alpha3}"
    )


def process(slug: str = "rcm", name: str | None = None, acronym: str = "") -> Process:
    found = Process.objects.filter(slug=slug).first()
    return found or Process.objects.create(slug=slug, name=name or f"Process {slug}", acronym=acronym or slug.upper())


def topic(slug: str, name: str | None = None) -> Topic:
    found = Topic.objects.filter(slug=slug).first()
    return found or Topic.objects.create(slug=slug, name=name or slug.replace("-", " ").capitalize())


def organisation(slug: str, name: str | None = None, acronym: str = "") -> Organisation:
    found = Organisation.objects.filter(slug=slug).first()
    return found or Organisation.objects.create(slug=slug, name=name or slug.upper(), acronym=acronym)


def meeting(
    title: str | None = None,
    *,
    start: datetime.date = datetime.date(2002, 5, 30),
    end: datetime.date | None = None,
    processes: tuple[Process, ...] = (),
    attendees: tuple[Country, ...] = (),
    status: str = PUBLISHED,
    **fields,
) -> Meeting:
    number = next(_numbers)
    record = Meeting.objects.create(
        title=title or f"Meeting {number}",
        slug=fields.pop("slug", f"meeting-{number}"),
        start_date=start,
        end_date=end or start,
        status=status,
        **fields,
    )
    record.processes.set(processes)
    for attendee in attendees:
        Participation.objects.create(meeting=record, country=attendee, role=ParticipationRole.MEMBER)
    return record


def participation(meeting: Meeting, who: Country | Organisation, role: str = ParticipationRole.MEMBER) -> Participation:
    if isinstance(who, Country):
        return Participation.objects.create(meeting=meeting, country=who, role=role)
    return Participation.objects.create(meeting=meeting, organisation=who, role=role)


def document(meeting: Meeting, title: str | None = None, *, status: str = PUBLISHED, **fields) -> Document:
    number = next(_numbers)
    return Document.objects.create(
        meeting=meeting,
        title=title or f"Joint communiqué {number}",
        slug=fields.pop("slug", f"document-{number}"),
        status=status,
        **fields,
    )


def agreement(
    document: Document,
    text: str = "To acknowledge the work done.",
    *,
    label: str = "",
    topics: tuple[Topic, ...] = (),
    countries: tuple[Country, ...] = (),
    status: str = PUBLISHED,
    **fields,
) -> Agreement:
    order = fields.pop("order", None) or (document.agreements.count() + 1)
    record = Agreement.objects.create(document=document, text=text, label=label, order=order, status=status, **fields)
    record.topics.set(topics)
    record.countries.set(countries)
    return record


def action_item(
    meeting: Meeting,
    description: str,
    *,
    agreement: Agreement | None = None,
    status: str = PUBLISHED,
    countries: tuple[Country, ...] = (),
    **fields,
) -> ActionItem:
    order = fields.pop("order", None) or (meeting.action_items.count() + 1)
    record = ActionItem.objects.create(
        meeting=meeting, agreement=agreement, description=description, order=order, status=status, **fields
    )
    record.responsible_countries.set(countries)
    return record


def membership(process: Process, country: Country, role: str = "member") -> ProcessMembership:
    found, _ = ProcessMembership.objects.get_or_create(process=process, country=country, role=role, since=None)
    return found
