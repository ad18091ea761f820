"""What the review page shows: the text with the passages values were read from highlighted, and
the values, each linked to its passage."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from meetings.models import Country, Document, Organisation, ParticipationRole

FIELD_LABELS = {
    "start_date": "Start date",
    "end_date": "End date",
    "city": "City",
    "host_country": "Host country",
}


@dataclass
class Row:
    label: str
    value: str
    anchor: str = ""  # the id of the highlighted passage, "" when the text gives no passage
    missing: str = ""  # why the value is empty


def _passages(findings: dict) -> list[tuple[int, int, str]]:
    """(start, stop, anchor) of every passage a value was read from, without overlaps, in text order."""
    spans = []
    fields = findings.get("fields", {})
    # In FIELD_LABELS' order, whatever order the database keeps a JSON object's keys in (PostgreSQL
    # sorts them): where two values share a passage, the passage is named after the first.
    for name in sorted(fields, key=lambda name: list(FIELD_LABELS).index(name) if name in FIELD_LABELS else 99):
        span = fields[name]
        if span:
            spans.append((span[0], span[1], f"ev-{name}"))
    for index, participant in enumerate(findings.get("participants", [])):
        if participant.get("evidence"):
            spans.append((*participant["evidence"], f"ev-participant-{index}"))
    for index, agreement in enumerate(findings.get("agreements", [])):
        spans.append(
            (agreement["position"], agreement["position"] + min(agreement["length"], 80), f"ev-agreement-{index}")
        )  # noqa: E501 - a pattern or message reads better on one line
    kept: list[tuple[int, int, str]] = []
    for start, stop, anchor in sorted(spans, key=lambda span: (span[0], span[1])):  # stable: first named wins
        if kept and start < kept[-1][1]:
            continue  # the passage is already highlighted for another value
        kept.append((start, stop, anchor))
    return kept


def anchors(findings: dict) -> dict[str, str]:
    """Each value's anchor → the anchor of the highlighted passage that holds it."""
    kept = _passages(findings)
    out = {}
    for name, span in findings.get("fields", {}).items():
        out[f"ev-{name}"] = next((a for s, e, a in kept if s <= span[0] < e), "")
    for index, participant in enumerate(findings.get("participants", [])):
        span = participant.get("evidence")
        out[f"ev-participant-{index}"] = next((a for s, e, a in kept if span and s <= span[0] < e), "")
    for index, agreement in enumerate(findings.get("agreements", [])):
        out[f"ev-agreement-{index}"] = next((a for s, e, a in kept if s <= agreement["position"] < e), "")
    return out


def highlighted_text(text: str, findings: dict) -> SafeString:
    """The document's text, escaped, with each passage a value was read from in a <mark>."""
    out, cursor = [], 0
    for start, stop, anchor in _passages(findings):
        if start < cursor or stop > len(text):
            continue
        out.append(escape(text[cursor:start]))
        out.append(f'<mark id="{anchor}">{escape(text[start:stop])}</mark>')
        cursor = stop
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of the text is escaped above


def review_rows(document: Document, findings: dict) -> list[Row]:
    """The values the importer gave, as they are now on the meeting, each with its passage."""
    meeting = document.meeting
    links = anchors(findings)
    missing = findings.get("missing", {})
    rows = [
        Row(
            "Start date",
            f"{meeting.start_date:%Y-%m-%d}",
            links.get("ev-start_date", ""),
            missing.get("start_date", ""),
        ),
        Row("End date", f"{meeting.end_date:%Y-%m-%d}", links.get("ev-end_date", ""), missing.get("end_date", "")),
        Row("City", meeting.city, links.get("ev-city", ""), missing.get("city", "")),
        Row(
            "Host country",
            str(meeting.host_country or ""),
            links.get("ev-host_country", ""),
            missing.get("host_country", ""),
        ),  # noqa: E501 - a pattern or message reads better on one line
    ]
    countries = dict(Country.objects.values_list("alpha3", "name"))
    organisations = dict(Organisation.objects.values_list("slug", "name"))
    roles = dict(ParticipationRole.choices)
    for index, participant in enumerate(findings.get("participants", [])):
        who = countries.get(participant["country"]) or organisations.get(participant["organisation"]) or "?"
        rows.append(
            Row(roles.get(participant["role"], participant["role"]), who, links.get(f"ev-participant-{index}", ""))
        )  # noqa: E501 - a pattern or message reads better on one line
    for index, agreement in enumerate(findings.get("agreements", [])):
        rows.append(Row("Agreement", agreement["label"] or "·", links.get(f"ev-agreement-{index}", "")))
    return rows
