"""The report a staff member reads before checking the draft: what was recognised, what was not."""

from __future__ import annotations

from meetings.importer.parsing import ImportDraft
from meetings.models import AgreementSection, DocumentKind, Language, MeetingKind, ParticipationRole

#: How many unplaced lines the report quotes in full; the rest are counted.
UNPLACED_SHOWN = 40


def _short(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def findings_of(draft: ImportDraft, read=None) -> dict:
    """What the review page shows beside the text: where each value was read, and what to check."""
    return {
        "fields": {name: list(span) for name, span in draft.evidence.items()},
        "participants": [
            {"role": p.role, "country": p.country, "organisation": p.organisation, "evidence": list(p.evidence or [])}
            for p in draft.participants
        ],
        "agreements": [{"label": a.label, "position": a.position, "length": len(a.text)} for a in draft.agreements],
        "conflicts": list(draft.conflicts),
        "absent_members": list(draft.absent_members),
        "missing": dict(draft.missing),
        "unplaced": list(draft.unplaced),
        "notes": list(draft.notes),
        "method": read.method if read else "text",
        "source": draft.source,
    }


def render_report(draft: ImportDraft, source: str = "", match=None) -> str:
    lines: list[str] = []
    if source:
        lines.append(f"Imported from: {source}")
    if draft.source:
        lines.append(f"Source named in the text: {draft.source}")
    if match is not None:
        lines.append(f"SAME MEETING AS: {match.meeting.title} ({match.meeting.slug}), {match.reason}; {match.offer}.")
    lines.append("RECOGNISED")
    lines += _meeting_lines(draft) + _participant_lines(draft) + _document_lines(draft) + _action_lines(draft)
    lines += _review_lines(draft)
    return "\n".join(lines)


def _meeting_lines(draft: ImportDraft) -> list[str]:
    out = [f"  Title: {draft.title}", f"  Process: {', '.join(draft.processes) or 'none recognised'}"]
    if draft.edition:
        out.append(f"  Edition: {draft.edition} ({draft.edition_number})")
    out.append(f"  Kind of meeting: {MeetingKind(draft.kind).label}")
    dates = (
        f"{draft.start_date:%Y-%m-%d}"
        if draft.start_date
        else f"not found ({draft.missing.get('start_date', 'not printed')})"
    )  # noqa: E501 - a pattern or message reads better on one line
    if draft.end_date and draft.end_date != draft.start_date:
        dates += f" to {draft.end_date:%Y-%m-%d}"
    out.append(f"  Dates: {dates}")
    place = ", ".join(part for part in (draft.city, draft.host_country or "") if part)
    if not place or "city" in draft.missing or "host_country" in draft.missing:
        reasons = "; ".join(dict.fromkeys(draft.missing[k] for k in ("city", "host_country") if k in draft.missing))
        place = f"{place or 'not found'}" + (f" ({reasons})" if reasons else "")
    out.append(f"  Place: {place}")
    if draft.venue:
        out.append(f"  Venue: {draft.venue}")
    if draft.presidency:
        out.append(f"  Presidency: {draft.presidency}")
    return out


def _participant_lines(draft: ImportDraft) -> list[str]:
    out = []
    for role in ParticipationRole:
        who = draft.countries(role) + draft.organisations(role)
        if who:
            out.append(f"  {role.label} ({len(who)}): {', '.join(who)}")
    return out


def _document_lines(draft: ImportDraft) -> list[str]:
    document = draft.document
    out = [
        f"  Document: {document.title} ({DocumentKind(document.kind).label}, {Language(document.language).label}, "
        f"{len(document.text)} characters)",
        f"  Agreements: {len(draft.agreements)}",
    ]
    for section in AgreementSection:
        items = [a for a in draft.agreements if a.section == section]
        if items:
            labels = [a.label for a in items if a.label]
            unlabelled = len(items) - len(labels)
            detail = ", ".join(labels)
            if unlabelled:
                detail = (f"{detail} and " if detail else "") + f"{unlabelled} unnumbered"
            out.append(f"    {section.label}: {detail}")
    if draft.preamble_lines:
        out.append(f"    Preamble (not agreements): {draft.preamble_lines} lines")
    untagged = [a.label or _short(a.text, 40) for a in draft.agreements if not a.topics]
    if untagged:
        out.append(f"    No topic suggested for: {'; '.join(untagged)}")
    return out


def _action_lines(draft: ImportDraft) -> list[str]:
    out = [f"  Action items: {len(draft.action_items)}"]
    for item in draft.action_items:
        due = f" — due {item.due_text}" if item.due_text else ""
        if item.due_date:
            due += f" ({item.due_date:%Y-%m-%d})"
        out.append(f"    - {_short(item.description, 120)}{due}")
    return out


def _review_lines(draft: ImportDraft) -> list[str]:
    out = []
    if draft.absent_members:
        out.append(
            f"  Members of the process not named as present ({len(draft.absent_members)}): "
            + ", ".join(draft.absent_members)
        )  # noqa: E501 - a pattern or message reads better on one line
    if draft.conflicts:
        out += ["CONFLICTS"] + [f"  - {conflict}" for conflict in draft.conflicts]
    if draft.notes:
        out += ["NOTES"] + [f"  - {note}" for note in draft.notes]
    out.append(f"NOT PLACED ({len(draft.unplaced)} lines)")
    out += [f"  | {_short(line)}" for line in draft.unplaced[:UNPLACED_SHOWN]]
    if len(draft.unplaced) > UNPLACED_SHOWN:
        out.append(f"  ... and {len(draft.unplaced) - UNPLACED_SHOWN} more lines.")
    return out
