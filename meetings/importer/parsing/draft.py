"""The draft: a plain description of the records an import proposes (nothing is written here)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.text import slugify

from meetings.models import MeetingKind


@dataclass
class ParticipantDraft:
    role: str
    country: str | None = None  # alpha-3
    organisation: str | None = None  # slug
    note: str = ""
    #: (start, stop) offsets in the document's text of the passage it was read from.
    evidence: tuple[int, int] | None = None


@dataclass(eq=False)
class AgreementDraft:
    label: str
    text: str
    section: str
    section_heading: str
    kind: str
    position: int  # where it is printed, for the printed order
    parent: AgreementDraft | None = None
    topics: list[str] = field(default_factory=list)

    @property
    def full_label(self) -> str:
        return self.label or "·"


@dataclass
class ActionItemDraft:
    description: str
    agreement: AgreementDraft | None
    countries: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    due_text: str = ""
    due_date: datetime.date | None = None


@dataclass
class DocumentDraft:
    title: str
    kind: str
    language: str
    text: str
    date: datetime.date | None = None


@dataclass
class ImportDraft:
    """Everything a document gave, ready to be written as draft records (or only reported)."""

    title: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    document: DocumentDraft
    processes: list[str] = field(default_factory=list)
    edition: str = ""
    edition_number: int | None = None
    kind: str = MeetingKind.OTHER
    city: str = ""
    host_country: str | None = None
    venue: str = ""
    presidency: str | None = None
    participants: list[ParticipantDraft] = field(default_factory=list)
    agreements: list[AgreementDraft] = field(default_factory=list)
    action_items: list[ActionItemDraft] = field(default_factory=list)
    #: Lines of the text that no rule placed, for the reviewer.
    unplaced: list[str] = field(default_factory=list)
    #: Things the reviewer should know: what was cleaned away, what was guessed.
    notes: list[str] = field(default_factory=list)
    #: Where each value was read: field name → (start, stop) offsets in `document.text`.
    evidence: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Where two passages disagree ("the header prints 19 November; the text says 18-19 November").
    conflicts: list[str] = field(default_factory=list)
    #: Members of the meeting's process (on its date) that the text does not name as present.
    absent_members: list[str] = field(default_factory=list)
    #: Why a field is empty: field name → reason, for the reviewer.
    missing: dict[str, str] = field(default_factory=dict)
    #: The address the text says it was obtained from.
    source: str = ""
    #: Lines read as a declaration's preamble: not agreements.
    preamble_lines: int = 0

    def countries(self, *roles: str) -> list[str]:
        return [p.country for p in self.participants if p.country and (not roles or p.role in roles)]

    def organisations(self, *roles: str) -> list[str]:
        return [p.organisation for p in self.participants if p.organisation and (not roles or p.role in roles)]

    @property
    def slug_base(self) -> str:
        year = f"-{self.start_date:%Y}" if self.start_date else ""
        return (slugify(self.title)[: 140 - len(year)].strip("-") or "imported-meeting") + year
