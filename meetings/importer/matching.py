"""Is this a document of a meeting the archive already holds?

The same meeting is one with the same dates and either a process in common or a close title
("VII Regional Conference on Migration" and "VII Conferencia Regional sobre Migración" once the
process names are read as one). Its document in another language makes the new one a language
version of it; otherwise the new one is another document of the meeting.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from meetings.importer.parsing import ImportDraft
from meetings.models import Document, Meeting
from meetings.text import normalize_name

#: How alike two titles must be (0-1, on folded words) to name the same meeting on the same dates.
CLOSE_TITLE = 0.72
_COMMUNIQUE_KINDS = ("communique", "declaration", "resolution", "report", "summary", "rapporteurship")


@dataclass
class MeetingMatch:
    meeting: Meeting
    reason: str
    #: The document of the meeting the new one is another language version of, if any.
    version_of: Document | None = None

    @property
    def offer(self) -> str:
        if self.version_of is not None:
            return f'attach it as the other language version of "{self.version_of.title}"'
        return "attach it to that meeting as another document"

    @classmethod
    def for_meeting(cls, meeting: Meeting, draft: ImportDraft) -> MeetingMatch:
        return cls(meeting, "chosen by staff", language_counterpart(meeting, draft))


def title_likeness(one: str, other: str) -> float:
    a, b = (" ".join(re.findall(r"\w+", normalize_name(t))) for t in (one, other))
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def find_match(draft: ImportDraft) -> MeetingMatch | None:
    """The meeting already in the archive that this draft is a document of, or None."""
    if draft.start_date is None:
        return None
    end = draft.end_date or draft.start_date
    candidates = (
        Meeting.objects.filter(
            start_date__range=(draft.start_date - datetime.timedelta(days=1), draft.start_date),
            end_date__range=(end, end + datetime.timedelta(days=1)),
        )
        .prefetch_related("processes")
        .order_by("pk")
    )
    for meeting in candidates:
        shared = {p.slug for p in meeting.processes.all()} & set(draft.processes)
        if shared:
            return MeetingMatch(
                meeting, f"same process ({', '.join(sorted(shared))}) and dates", language_counterpart(meeting, draft)
            )  # noqa: E501 - a pattern or message reads better on one line
        likeness = title_likeness(meeting.title, draft.title)
        if likeness >= CLOSE_TITLE:
            return MeetingMatch(
                meeting, f"close title ({likeness:.0%} alike) and same dates", language_counterpart(meeting, draft)
            )  # noqa: E501 - a pattern or message reads better on one line
    return None


def language_counterpart(meeting: Meeting, draft: ImportDraft) -> Document | None:
    """The meeting's first-recorded document of the same kind in another language, if it has one."""
    documents = [d for d in meeting.documents.filter(version_of__isnull=True).order_by("order", "pk")]
    others = [d for d in documents if d.language != draft.document.language]
    same_kind = [d for d in others if d.kind == draft.document.kind]
    if same_kind:
        return same_kind[0]
    if draft.document.kind in _COMMUNIQUE_KINDS or draft.document.kind == "other":
        alike = [d for d in others if d.kind in _COMMUNIQUE_KINDS]
        return alike[0] if alike and len(documents) == 1 else None
    return None
