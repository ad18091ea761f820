"""Writing an ImportDraft as draft records: all of them, or (on any error) none.

Rows are written in bulk, a level of agreements at a time (a sub-item needs its parent's key),
and so is their history: each row gets its "created" history record, and its many-to-many
values (topics, responsible countries and organisations) are copied into that record, as
django-simple-history does for a row saved one at a time. A 60 KB communiqué takes a few dozen
statements instead of thousands.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, get_history_manager_for_model

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
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


class _Writer:
    """One draft's records, written in as few statements as the relations allow."""

    def __init__(self, draft: ImportDraft, user=None, reason: str = ""):
        self.draft, self.user, self.reason = draft, user, reason
        self.countries = {c.alpha3: c for c in Country.objects.filter(alpha3__in=_country_codes(draft))}
        self.organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=_organisation_slugs(draft))}

    def bulk(self, objs: list, model) -> list:
        if not objs:
            return []
        return bulk_create_with_history(objs, model, default_user=self.user, default_change_reason=self.reason)

    def meeting(self) -> Meeting:
        draft = self.draft
        meeting = Meeting(
            status=DRAFT,
            title=draft.title[:300],
            slug=unique_slug(Meeting, draft.slug_base),
            edition=draft.edition[:20],
            edition_number=draft.edition_number,
            kind=draft.kind,
            start_date=draft.start_date,
            end_date=draft.end_date or draft.start_date,
            city=draft.city[:100],
            host_country=self.countries.get(draft.host_country),
            venue=draft.venue[:300],
            presidency=self.countries.get(draft.presidency),
        )
        self.stamp(meeting)
        meeting.save()
        processes = list(Process.objects.filter(slug__in=draft.processes))
        if processes:
            meeting.processes.set(processes)
        self.bulk([
            Participation(
                meeting=meeting, role=p.role, note=p.note[:300],
                country=self.countries.get(p.country) if p.country else None,
                organisation=self.organisations.get(p.organisation) if p.organisation else None,
            )
            for p in draft.participants
        ], Participation)  # fmt: skip
        return meeting

    def stamp(self, instance) -> None:
        """Who and why, for the history record a save() writes."""
        if self.user is not None:
            instance._history_user = self.user
        if self.reason:
            instance._change_reason = self.reason

    def document(self, meeting: Meeting, **fields) -> Document:
        draft = self.draft
        order = (meeting.documents.order_by("-order").values_list("order", flat=True).first() or 0) + 1
        document = Document(
            status=DRAFT,
            meeting=meeting,
            title=draft.document.title[:400] or draft.title[:400],
            slug=unique_slug(Document, f"{meeting.slug}-{slugify(draft.document.kind)}-{draft.document.language}"),
            kind=draft.document.kind,
            language=draft.document.language,
            date=draft.document.date,
            text=draft.document.text,
            order=order,
            # Held back until staff have checked it on the review page (or a publisher publishes it).
            needs_review=True,
            **fields,
        )
        self.stamp(document)
        document.save()
        return document

    def agreements(self, document: Document) -> dict[int, Agreement]:
        """Every agreement, parents before their sub-items, with its topics."""
        topics = {t.slug: t for t in Topic.objects.all()}
        created: dict[int, Agreement] = {}
        orders = {id(item): order for order, item in enumerate(self.draft.agreements, start=1)}
        pending = list(self.draft.agreements)
        while pending:
            level = [item for item in pending if item.parent is None or id(item.parent) in created]
            if not level:  # a cycle cannot be printed; written flat rather than lost
                level = pending
            pending = [item for item in pending if item not in level]
            rows = self.bulk([
                Agreement(
                    status=DRAFT, document=document, label=item.label[:20], order=orders[id(item)],
                    parent=created.get(id(item.parent)) if item.parent else None, section=item.section,
                    section_heading=item.section_heading[:300], text=item.text, kind=item.kind,
                )
                for item in level
            ], Agreement)  # fmt: skip
            created.update({id(item): row for item, row in zip(level, rows, strict=True)})
        links = [(created[id(item)], [topics[s] for s in item.topics if s in topics]) for item in self.draft.agreements]
        self.many_to_many(Agreement, "topics", links)
        return created

    def action_items(self, meeting: Meeting, agreements: dict[int, Agreement]) -> None:
        items = self.draft.action_items
        rows = self.bulk([
            ActionItem(
                status=DRAFT, meeting=meeting, order=order, description=item.description,
                agreement=agreements.get(id(item.agreement)) if item.agreement else None,
                due_text=item.due_text[:200], due_date=item.due_date,
            )
            for order, item in enumerate(items, start=1)
        ], ActionItem)  # fmt: skip
        countries = [
            (row, [self.countries[c] for c in item.countries if c in self.countries])
            for row, item in zip(rows, items, strict=True)
        ]  # noqa: E501 - a pattern or message reads better on one line
        organisations = [
            (row, [self.organisations[o] for o in item.organisations if o in self.organisations])
            for row, item in zip(rows, items, strict=True)
        ]  # noqa: E501 - a pattern or message reads better on one line
        self.many_to_many(ActionItem, "responsible_countries", countries)
        self.many_to_many(ActionItem, "responsible_organisations", organisations)

    def many_to_many(self, model, field_name: str, links: list[tuple[object, list]]) -> None:
        """The through rows of one many-to-many field, and their copies in each row's history record."""
        field = model._meta.get_field(field_name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows = through.objects.bulk_create(
            [through(**{source: owner, target: value}) for owner, values in links for value in values]
        )
        if not rows:
            return
        history = get_history_manager_for_model(model).model
        records = {
            record.id: record
            for record in history.objects.filter(id__in=[owner.pk for owner, _ in links], history_type="+")
        }
        snapshot = getattr(history, field_name).model
        snapshot.objects.bulk_create(
            [
                snapshot(
                    history=records[getattr(row, f"{source}_id")],
                    **{f.name: getattr(row, f.name) for f in through._meta.fields},
                )  # noqa: E501 - a pattern or message reads better on one line
                for row in rows
                if getattr(row, f"{source}_id") in records
            ]
        )


def write_draft(
    draft: ImportDraft, *, sha256: str, source: str, report: str, findings: dict | None = None, user=None
) -> Meeting:
    """Create the draft meeting with its participants, document, agreements and action items.

    One transaction: if anything fails half-way, nothing of this import stays in the database.
    """
    with transaction.atomic():
        writer = _Writer(draft, user=user, reason=f"Imported from {source}"[:100])
        meeting = writer.meeting()
        document = writer.document(
            meeting, source=source[:500], source_sha256=sha256, import_report=report, import_findings=findings or {}
        )
        agreements = writer.agreements(document)
        writer.action_items(meeting, agreements)
    return meeting


def attach_draft(
    draft: ImportDraft,
    meeting: Meeting,
    *,
    sha256: str,
    source: str,
    report: str,
    findings: dict | None = None,
    version_of: Document | None = None,
    user=None,
) -> Document:
    """Add the draft's document to an existing meeting: as another language version of `version_of`
    (its agreements are those of the version already recorded), or as another document with its
    agreements and action items. The meeting's own fields and participants are left as staff made them."""
    with transaction.atomic():
        writer = _Writer(draft, user=user, reason=f"Imported from {source}"[:100])
        document = writer.document(
            meeting, source=source[:500], source_sha256=sha256, import_report=report,
            import_findings=findings or {}, version_of=version_of,
        )  # fmt: skip
        if version_of is None:
            agreements = writer.agreements(document)
            writer.action_items(meeting, agreements)
    return document


def _country_codes(draft: ImportDraft) -> set[str]:
    codes = {p.country for p in draft.participants if p.country}
    codes |= {c for item in draft.action_items for c in item.countries}
    return codes | {c for c in (draft.host_country, draft.presidency) if c}


def _organisation_slugs(draft: ImportDraft) -> set[str]:
    slugs = {p.organisation for p in draft.participants if p.organisation}
    return slugs | {o for item in draft.action_items for o in item.organisations}
