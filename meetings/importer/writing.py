"""Writing an ImportDraft as draft records: all of them, or (on any error) none."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from meetings.importer.parsing import ImportDraft
from meetings.models import (
    ActionItem,
    Agreement,
    Country,
    Document,
    Meeting,
    Organisation,
    Participation,
    Process,
    PublicationStatus,
    Topic,
)

DRAFT = PublicationStatus.DRAFT


def unique_slug(model, base: str, max_length: int = 150) -> str:
    base = base[: max_length - 4].strip("-") or "imported"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def write_draft(draft: ImportDraft, *, sha256: str, source: str, report: str) -> Meeting:
    """Create the draft meeting with its participants, document, agreements and action items.

    One transaction: if anything fails half-way, nothing of this import stays in the database.
    """
    with transaction.atomic():
        countries = {c.alpha3: c for c in Country.objects.filter(alpha3__in=_country_codes(draft))}
        organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=_organisation_slugs(draft))}
        meeting = Meeting.objects.create(
            status=DRAFT,
            title=draft.title[:300],
            slug=unique_slug(Meeting, draft.slug_base),
            edition=draft.edition[:20],
            edition_number=draft.edition_number,
            kind=draft.kind,
            start_date=draft.start_date,
            end_date=draft.end_date or draft.start_date,
            city=draft.city[:100],
            host_country=countries.get(draft.host_country),
            venue=draft.venue[:300],
            presidency=countries.get(draft.presidency),
        )
        meeting.processes.set(Process.objects.filter(slug__in=draft.processes))
        Participation.objects.bulk_create(
            Participation(
                meeting=meeting,
                role=p.role,
                country=countries.get(p.country) if p.country else None,
                organisation=organisations.get(p.organisation) if p.organisation else None,
                note=p.note[:300],
            )
            for p in draft.participants
        )
        document = Document.objects.create(
            status=DRAFT,
            meeting=meeting,
            title=draft.document.title[:400] or draft.title[:400],
            slug=unique_slug(Document, f"{meeting.slug}-{slugify(draft.document.kind)}"),
            kind=draft.document.kind,
            language=draft.document.language,
            date=draft.document.date,
            text=draft.document.text,
            source=source[:500],
            order=1,
            source_sha256=sha256,
            import_report=report,
        )
        topics = {t.slug: t for t in Topic.objects.all()}
        created: dict[int, Agreement] = {}
        for order, item in enumerate(draft.agreements, start=1):
            agreement = Agreement.objects.create(
                status=DRAFT,
                document=document,
                parent=created.get(id(item.parent)) if item.parent else None,
                label=item.label[:20],
                order=order,
                section=item.section,
                section_heading=item.section_heading[:300],
                text=item.text,
                kind=item.kind,
            )
            agreement.topics.set([topics[slug] for slug in item.topics if slug in topics])
            created[id(item)] = agreement
        for order, item in enumerate(draft.action_items, start=1):
            action = ActionItem.objects.create(
                status=DRAFT,
                meeting=meeting,
                agreement=created.get(id(item.agreement)) if item.agreement else None,
                order=order,
                description=item.description,
                due_text=item.due_text[:200],
                due_date=item.due_date,
            )
            action.responsible_countries.set([countries[c] for c in item.countries if c in countries])
            action.responsible_organisations.set([organisations[o] for o in item.organisations if o in organisations])
    return meeting


def _country_codes(draft: ImportDraft) -> set[str]:
    codes = {p.country for p in draft.participants if p.country}
    codes |= {c for item in draft.action_items for c in item.countries}
    return codes | {c for c in (draft.host_country, draft.presidency) if c}


def _organisation_slugs(draft: ImportDraft) -> set[str]:
    slugs = {p.organisation for p in draft.participants if p.organisation}
    return slugs | {o for item in draft.action_items for o in item.organisations}
