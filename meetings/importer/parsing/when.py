"""When: the meeting's dates, from the sentence that says it took place, the header or the dateline.

A sentence about another meeting (the next one, one "to take place", one it was "preceded by")
never gives the dates. The sentence that says the meeting took place wins over a header that
disagrees (a header often prints the day a text was issued, or the days of a wider event); the
conflict goes into the report.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from meetings.importer.dates import DateSpan, find_dates, find_duration, find_numeric_date, find_yearless
from meetings.importer.parsing.patterns import FUTURE_VERB, HELD, OTHER_MEETING

#: How far from the meeting verb a date may be printed and still be the meeting's.
_NEAR = 260
_DATELINE_BEFORE = re.compile(
    r"^(?:[A-ZÁÉÍÓÚ][\w .'’-]{1,40},\s*)?(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|"
    r"martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo),?\s*)?$",
    re.I,
)
_DATELINE_AFTER = re.compile(r"^\s*(?:$|[–—:(.-]|,\s*[A-ZÁÉÍÓÚ][\w ]{2,30}:)")
_OPENED = re.compile(r"\b(?:opened|was opened|se inaugur[oó])\b", re.I)


@dataclass
class MeetingSentence:
    """A sentence saying that the meeting took place, with its offset and where its verb stands."""

    offset: int
    text: str
    verb_start: int
    verb_end: int

    @property
    def opening(self) -> bool:
        return bool(_OPENED.match(self.text[self.verb_start : self.verb_end]))


@dataclass
class Found:
    """A date span read at an offset of the document's text (None: in the scraped page's preamble)."""

    span: DateSpan
    offset: int | None

    @property
    def where(self) -> tuple[int, int] | None:
        if self.offset is None:
            return None
        return (self.offset + self.span.begin, self.offset + self.span.stop)


def is_about_this_meeting(sentence: str, verb: re.Match) -> bool:
    before = sentence[max(0, verb.start() - 60) : verb.start()]
    around = sentence[max(0, verb.start() - 20) : verb.end() + 5]
    return not (OTHER_MEETING.search(before) or FUTURE_VERB.search(around))


def nearest_after_verb(spans: list, sentence: MeetingSentence) -> object | None:
    """The first item printed after the verb (within reach), else the last one before it."""
    after = [s for s in spans if s.begin >= sentence.verb_start and s.begin - sentence.verb_end <= _NEAR]
    if after:
        return after[0]
    before = [s for s in spans if s.stop <= sentence.verb_start and sentence.verb_start - s.stop <= _NEAR]
    return before[-1] if before else None


class When:
    def meeting_sentences(self, limit: int = 12000) -> list[MeetingSentence]:
        out = []
        for offset, sentence in self.prose:
            if offset > limit:
                break
            for verb in HELD.finditer(sentence):
                if is_about_this_meeting(sentence, verb):
                    out.append(MeetingSentence(offset, sentence, verb.start(), verb.end()))
                    break
        return out

    def find_meeting_dates(self, lead: list[tuple[int | None, str]], meeting: list[MeetingSentence]) -> None:
        body = self.dates_in_sentences(meeting)
        head = next((Found(d[0], off) for off, text in lead if (d := find_dates(text))), None)
        yearless = any(find_yearless(s.text[s.verb_start : s.verb_end + _NEAR]) for s in meeting[:1])
        chosen = body or head or (None if yearless else self.dateline())
        if body and head and (body.span.start, body.span.end) != (head.span.start, head.span.end):
            keep_head = body.span.start == body.span.end and head.span.start <= body.span.start <= head.span.end
            keep_head = keep_head and any(s.opening for s in meeting)
            chosen = head if keep_head else body
            other = body if keep_head else head
            self.draft.conflicts.append(
                f'Dates: "{other.span.text}" ({"the text" if keep_head else "the heading"}) and "{chosen.span.text}" '
                f"disagree; kept {chosen.span.start:%Y-%m-%d} to {chosen.span.end:%Y-%m-%d} "
                f"({'the heading: the text dates only the opening' if keep_head else 'the sentence saying the meeting took place'})."  # noqa: E501 - a pattern or message reads better on one line
            )
        if chosen is None:
            self.explain_missing_dates(meeting)
            return
        draft = self.draft
        draft.start_date, draft.end_date = chosen.span.start, chosen.span.end
        if chosen.where:
            draft.evidence["start_date"] = draft.evidence["end_date"] = chosen.where
        self.stretch_by_duration(meeting)

    def dates_in_sentences(self, meeting: list[MeetingSentence]) -> Found | None:
        for sentence in meeting:
            span = nearest_after_verb(find_dates(sentence.text), sentence)
            if span is not None:
                return Found(span, sentence.offset)
        return None

    def dateline(self) -> Found | None:
        """A date opening one of the first lines ("8 diciembre 2020 – ...", "08-11-2016, Kampala: ...",
        "Ciudad de México, 8 de noviembre de 2019"): a place and a weekday at most before it, and a
        dash, a colon or the line's end after it."""
        for line in [line for line in self.lines if line.text][:3]:
            head = line.text[:80]
            spans = find_dates(head) or [s for s in [find_numeric_date(head)] if s]
            if (
                spans
                and _DATELINE_BEFORE.match(head[: spans[0].begin])
                and _DATELINE_AFTER.match(head[spans[0].stop :])
            ):
                return Found(spans[0], line.offset + line.raw.find(head))
        return None

    def stretch_by_duration(self, meeting: list[MeetingSentence]) -> None:
        """A single printed day and "the two-day meeting": the meeting ends a day later."""
        draft = self.draft
        if draft.start_date != draft.end_date:
            return
        for _, sentence in self.prose[:40]:
            days = find_duration(sentence)
            if days and days > 1:
                draft.end_date = draft.start_date + datetime.timedelta(days=days - 1)
                draft.notes.append(
                    f"End date {draft.end_date:%Y-%m-%d}: the text prints one day and a {days}-day meeting."
                )
                return

    def explain_missing_dates(self, meeting: list[MeetingSentence]) -> None:
        yearless = [found for sentence in meeting[:3] for found in find_yearless(sentence.text)]
        if yearless:
            reason = f'the text gives the days ("{yearless[0]}") but not the year'
        elif meeting:
            reason = "the sentence saying the meeting took place gives no date, and no heading does"
        else:
            reason = "no sentence says when the meeting took place, and no heading or dateline prints a date"
        self.draft.missing["start_date"] = self.draft.missing["end_date"] = reason
        self.draft.notes.append(f"No dates: {reason}.")
