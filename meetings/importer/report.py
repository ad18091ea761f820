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
    add = lines.append
    if source:
        add(f"Imported from: {source}")
    if draft.source:
        add(f"Source named in the text: {draft.source}")
    if match is not None:
        add(f"SAME MEETING AS: {match.meeting.title} ({match.meeting.slug}), {match.reason}; {match.offer}.")
    add("RECOGNISED")
    add(f"  Title: {draft.title}")
    add(f"  Process: {', '.join(draft.processes) or 'none recognised'}")
    if draft.edition:
        add(f"  Edition: {draft.edition} ({draft.edition_number})")
    add(f"  Kind of meeting: {MeetingKind(draft.kind).label}")
    dates = (
        f"{draft.start_date:%Y-%m-%d}"
        if draft.start_date
        else f"not found ({draft.missing.get('start_date', 'not printed')})"
    )
    if draft.end_date and draft.end_date != draft.start_date:
        dates += f" to {draft.end_date:%Y-%m-%d}"
    add(f"  Dates: {dates}")
    place = ", ".join(part for part in (draft.city, draft.host_country or "") if part)
    if not place or "city" in draft.missing or "host_country" in draft.missing:
        reasons = "; ".join(dict.fromkeys(draft.missing[k] for k in ("city", "host_country") if k in draft.missing))
        place = f"{place or 'not found'}" + (f" ({reasons})" if reasons else "")
    add(f"  Place: {place}")
    if draft.venue:
        add(f"  Venue: {draft.venue}")
    if draft.presidency:
        add(f"  Presidency: {draft.presidency}")
    for role in ParticipationRole:
        countries = draft.countries(role)
        organisations = draft.organisations(role)
        if countries or organisations:
            who = countries + organisations
            add(f"  {role.label} ({len(who)}): {', '.join(who)}")
    document = draft.document
    add(f"  Document: {document.title} ({DocumentKind(document.kind).label}, {Language(document.language).label}, "
        f"{len(document.text)} characters)")  # fmt: skip
    add(f"  Agreements: {len(draft.agreements)}")
    for section in AgreementSection:
        items = [a for a in draft.agreements if a.section == section]
        if items:
            labels = [a.label for a in items if a.label]
            unlabelled = len(items) - len(labels)
            detail = ", ".join(labels)
            if unlabelled:
                detail = (f"{detail} and " if detail else "") + f"{unlabelled} unnumbered"
            add(f"    {section.label}: {detail}")
    untagged = [a.label or _short(a.text, 40) for a in draft.agreements if not a.topics]
    if untagged:
        add(f"    No topic suggested for: {'; '.join(untagged)}")
    add(f"  Action items: {len(draft.action_items)}")
    for item in draft.action_items:
        due = f" — due {item.due_text}" if item.due_text else ""
        if item.due_date:
            due += f" ({item.due_date:%Y-%m-%d})"
        add(f"    - {_short(item.description, 120)}{due}")
    if draft.absent_members:
        add(
            f"  Members of the process not named as present ({len(draft.absent_members)}): "
            + ", ".join(draft.absent_members)
        )
    if draft.conflicts:
        add("CONFLICTS")
        for conflict in draft.conflicts:
            add(f"  - {conflict}")
    if draft.notes:
        add("NOTES")
        for note in draft.notes:
            add(f"  - {note}")
    add(f"NOT PLACED ({len(draft.unplaced)} lines)")
    for line in draft.unplaced[:UNPLACED_SHOWN]:
        add(f"  | {_short(line)}")
    if len(draft.unplaced) > UNPLACED_SHOWN:
        add(f"  ... and {len(draft.unplaced) - UNPLACED_SHOWN} more lines.")
    return "\n".join(lines)
