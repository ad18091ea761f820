"""Reads for the public pages.

Every queryset here starts from `.public()` (or from reference data, which is
always public), so the publication rule stays in one place: the models'
`PublishableQuerySet`. Views call these functions instead of building
querysets inline; a getter of one record raises the model's DoesNotExist,
which the views turn into the one 404 they all answer.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Exists, F, Func, IntegerField, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import ExtractYear
from django.utils.translation import pgettext_lazy

from meetings.listing import FacetOption
from meetings.models import (
    ActionItem,
    ActionItemStatus,
    ActionItemStatusChange,
    Agreement,
    AgreementRelation,
    Country,
    Document,
    Meeting,
    MembershipRole,
    Organisation,
    Participation,
    ParticipationRole,
    Process,
    Topic,
)
from meetings.text import sort_key

# --------------------------------------------------------------------------
# List pages
# --------------------------------------------------------------------------


def meeting_list() -> QuerySet[Meeting]:
    """Public meetings, newest first, with what a result row shows."""
    return (
        Meeting.objects.public()
        .select_related("host_country")
        .prefetch_related("processes")
        .order_by("-start_date", "title", "pk")
    )


def document_list() -> QuerySet[Document]:
    """Public documents, newest meeting first, in each meeting's own order."""
    return (
        Document.objects.public()
        .select_related("meeting__host_country")
        .order_by("-meeting__start_date", "meeting__title", "order", "pk")
    )


def agreement_list() -> QuerySet[Agreement]:
    """Public agreements, newest meeting first, then in printed order."""
    return (
        Agreement.objects.public()
        .select_related("document__meeting__host_country", "parent")
        .prefetch_related("topics", "countries")
        .order_by("-document__meeting__start_date", "document__meeting__title", "document__order", "order", "pk")
    )


def action_item_list() -> QuerySet[ActionItem]:
    """Public commitments; `reported_done_public` says whether the meeting that closed one may be named.

    `effective_due_date` dates a relative deadline from public meetings only.
    """
    return (
        ActionItem.objects.public()
        .with_effective_due_date(meetings=Meeting.objects.public())
        .annotate(reported_done_public=Exists(Meeting.objects.public().filter(pk=OuterRef("reported_done_at_id"))))
        .select_related("meeting__host_country", "agreement", "reported_done_at")
        .prefetch_related("responsible_countries", "responsible_organisations")
        .order_by("-meeting__start_date", "meeting__title", "order", "pk")
    )


# Filters shared by the list pages. A country "took part" in a meeting when it
# has a participation in it, in any role; an agreement "concerns" the
# countries it names. Subqueries (not joins) keep one row per record, so no
# DISTINCT is needed and counts stay right. Each takes one record or several
# (any of them will do: a facet's values combine with OR).


def _many(value: Model | Iterable[Model]) -> list:
    return [value] if isinstance(value, Model) else list(value)


def meeting_ids_attended_by(countries: Country | Iterable[Country]) -> QuerySet:
    return Participation.objects.filter(country__in=_many(countries)).values("meeting_id")


def meeting_ids_of_processes(processes: Process | Iterable[Process]) -> QuerySet:
    return Meeting.processes.through.objects.filter(process__in=_many(processes)).values("meeting_id")


def agreement_ids_concerning(countries: Country | Iterable[Country]) -> QuerySet:
    return Agreement.countries.through.objects.filter(country__in=_many(countries)).values("agreement_id")


def agreement_ids_on(topics: Topic | Iterable[Topic]) -> QuerySet:
    return Agreement.topics.through.objects.filter(topic__in=_many(topics)).values("agreement_id")


def public_agreements_on(topics: Topic | Iterable[Topic]) -> QuerySet[Agreement]:
    return Agreement.objects.public().filter(pk__in=agreement_ids_on(topics))


def public_agreements_concerning(countries: Country | Iterable[Country]) -> QuerySet[Agreement]:
    return Agreement.objects.public().filter(pk__in=agreement_ids_concerning(countries))


# --------------------------------------------------------------------------
# Facet counts: one aggregate query per facet, never one per option
# --------------------------------------------------------------------------


def choice_facet(queryset: QuerySet, field_name: str, choices) -> list[FacetOption]:
    """How many records each value of a choice field would give, in the choices' order."""
    counts = dict(
        queryset.order_by().values_list(field_name).annotate(n=Count("pk", distinct=True)).values_list(field_name, "n")
    )
    return [FacetOption(value, str(label), counts[value]) for value, label in choices if counts.get(value)]


def year_facet(queryset: QuerySet, date_path: str) -> list[FacetOption]:
    """Records per year, newest year first."""
    rows = (
        queryset.order_by()
        .annotate(facet_year=ExtractYear(date_path))
        .values("facet_year")
        .annotate(n=Count("pk", distinct=True))
        .values_list("facet_year", "n")
    )
    return [FacetOption(str(year), str(year), n) for year, n in sorted(rows, reverse=True) if year is not None]


def _model_facet(options: QuerySet, path: str, ids: QuerySet, key: str, label) -> list[FacetOption]:
    """Options (processes, countries, topics) reached from the records through `path`.

    The filter and the count go through the same join, so each option counts
    only the records in `ids`, each once.
    """
    rows = options.filter(**{f"{path}__in": ids}).annotate(n=Count(path, distinct=True)).order_by("name")
    return _by_label([FacetOption(getattr(row, key), label(row), row.n) for row in rows])


def _by_label(options: list[FacetOption]) -> list[FacetOption]:
    """In the order of the names shown (the Spanish names sort differently from the English ones)."""
    return sorted(options, key=lambda option: sort_key(option.label))


def process_facet(ids: QuerySet, path: str) -> list[FacetOption]:
    """`path` goes from Process to the records: "meetings", "meetings__documents", ..."""
    return _model_facet(Process.objects.all(), path, ids, "slug", lambda p: p.local_acronym or p.local_name)


def country_facet(ids: QuerySet, path: str) -> list[FacetOption]:
    """Countries that took part: `path` goes from Country through participations to the records."""
    return _model_facet(Country.objects.all(), path, ids, "alpha3", lambda c: c.local_name)


def topic_facet(agreements: QuerySet[Agreement], count_path: str) -> list[FacetOption]:
    """Topics of the given public agreements; `count_path` says what is counted per topic.

    "agreements" counts agreements, "agreements__document" documents,
    "agreements__document__meeting" meetings.
    """
    rows = Topic.objects.filter(agreements__in=agreements).annotate(n=Count(count_path, distinct=True)).order_by("name")
    return _by_label([FacetOption(row.slug, row.local_name, row.n) for row in rows])


def concerned_facet(agreements: QuerySet[Agreement], count_path: str) -> list[FacetOption]:
    """Countries the given public agreements concern; `count_path` says what is counted per country.

    "agreements" counts agreements, "agreements__document" documents,
    "agreements__document__meeting" meetings.
    """
    rows = (
        Country.objects.filter(agreements__in=agreements).annotate(n=Count(count_path, distinct=True)).order_by("name")
    )
    return _by_label([FacetOption(row.alpha3, row.local_name, row.n) for row in rows])


# --------------------------------------------------------------------------
# Home
# --------------------------------------------------------------------------


def archive_counts() -> dict[str, int]:
    return {
        "meetings": Meeting.objects.public().count(),
        "documents": Document.objects.public().count(),
        "agreements": Agreement.objects.public().count(),
        "action_items": ActionItem.objects.public().count(),
        "countries": Country.objects.filter(pk__in=Participation.objects.public().values("country_id")).count(),
    }


def latest_meetings(limit: int = 6) -> list[Meeting]:
    return list(meeting_list()[:limit])


def processes_with_meeting_counts() -> list[Process]:
    public = Meeting.objects.public().values("pk")
    return list(
        Process.objects.annotate(
            meeting_count=Count("meetings", filter=Q(meetings__in=public), distinct=True)
        ).order_by("name")
    )


def countries_that_took_part() -> list[Country]:
    """Countries with at least one public meeting, with how many they attended."""
    return list(
        Country.objects.filter(participations__meeting__in=Meeting.objects.public().values("pk"))
        .annotate(meeting_count=Count("participations__meeting", distinct=True))
        .order_by("name")
    )


def topics_with_agreement_counts() -> list[Topic]:
    return list(
        Topic.objects.filter(agreements__in=Agreement.objects.public().values("pk"))
        .annotate(agreement_count=Count("agreements", distinct=True))
        .order_by("name")
    )


# --------------------------------------------------------------------------
# Detail pages
# --------------------------------------------------------------------------


@dataclass
class AgreementNode:
    """An agreement with its sub-items nested under it, for printed-order display."""

    agreement: Agreement
    children: list[AgreementNode] = field(default_factory=list)


def agreement_tree(agreements: list[Agreement]) -> list[AgreementNode]:
    """Nest sub-items under their parents; `agreements` must be in printed order.

    A sub-item whose parent is not shown (not public) is shown at the top level
    rather than hidden.
    """
    nodes = {a.pk: AgreementNode(a) for a in agreements}
    roots: list[AgreementNode] = []
    for agreement in agreements:
        node = nodes[agreement.pk]
        parent = nodes.get(agreement.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


@dataclass
class Section:
    """Agreements under one printed heading."""

    heading: str
    nodes: list[AgreementNode]


def agreement_sections(agreements: list[Agreement]) -> list[Section]:
    """Group a document's agreements by their printed heading, keeping printed order."""
    sections = []
    for heading, group in groupby(agreements, key=lambda a: a.section_heading or a.get_section_display()):
        sections.append(Section(heading, agreement_tree(list(group))))
    return sections


def public_meeting(slug: str) -> Meeting:
    return (
        Meeting.objects.public()
        .select_related("host_country", "presidency")
        .prefetch_related("processes")
        .get(slug=slug)
    )


def participations_by_role(participations: QuerySet[Participation]) -> list[tuple[str, list[Participation]]]:
    """[(role label, participations)] in the roles' declared order."""
    grouped: dict[str, list[Participation]] = defaultdict(list)
    for participation in participations.select_related("country", "organisation", "person"):
        grouped[participation.role].append(participation)
    for items in grouped.values():
        items.sort(key=lambda p: (str(p.participant), p.person.name if p.person_id else ""))
    return [(label, grouped[value]) for value, label in ParticipationRole.choices if grouped.get(value)]


def meeting_participants(meeting: Meeting) -> list[tuple[str, list[Participation]]]:
    """Who took part in a public meeting, grouped by role."""
    return participations_by_role(meeting.participations.public())


def public_document(slug: str) -> Document:
    return Document.objects.public().select_related("meeting__host_country").get(slug=slug)


def meeting_documents(meeting: Meeting) -> list[Document]:
    return list(Document.objects.public().filter(meeting=meeting).order_by("order", "title"))


def meeting_agreements(meeting: Meeting) -> list[Agreement]:
    return list(
        Agreement.objects.public()
        .filter(document__meeting=meeting)
        .select_related("document")
        .prefetch_related("topics")
        .order_by("document__order", "document__title", "order")
    )


def document_agreements(document: Document) -> list[Agreement]:
    return list(
        Agreement.objects.public()
        .filter(document=document)
        .prefetch_related("topics", "countries", "organisations")
        .order_by("order")
    )


def action_items_for(**lookups) -> list[ActionItem]:
    return list(action_item_list().filter(**lookups))


def public_agreement(pk: int) -> Agreement:
    """One public agreement with what its page shows; `parent_is_public` says whether its parent item may be shown."""
    return (
        Agreement.objects.public()
        .annotate(parent_is_public=Exists(Agreement.objects.public().filter(pk=OuterRef("parent_id"))))
        .select_related("document__meeting__host_country", "parent")
        .prefetch_related("topics", "countries", "organisations", "document__meeting__processes")
        .get(pk=pk)
    )


def agreement_relations(agreement: Agreement) -> list[tuple[str, Agreement]]:
    """Typed links read from this agreement's side: ("follows up", earlier), ("followed up by", later)."""
    public = Agreement.objects.public().values("pk")
    outgoing = AgreementRelation.objects.filter(source=agreement, target__in=public).select_related(
        "target__document__meeting"
    )
    incoming = AgreementRelation.objects.filter(target=agreement, source__in=public).select_related(
        "source__document__meeting"
    )
    return [(r.get_kind_display(), r.target) for r in outgoing] + [(r.inverse_label, r.source) for r in incoming]


def public_children(agreement: Agreement) -> list[Agreement]:
    return list(Agreement.objects.public().filter(parent=agreement).order_by("order"))


def _participations_by_role(**participant) -> list[tuple[str, list[Participation]]]:
    """Public participations of one country or organisation, grouped by role, newest meeting first."""
    participations = (
        Participation.objects.public()
        .filter(**participant)
        .select_related("meeting__host_country", "person")
        .order_by("-meeting__start_date", "meeting__title")
    )
    grouped: dict[str, list[Participation]] = defaultdict(list)
    for participation in participations:
        grouped[participation.role].append(participation)
    return [(label, grouped[value]) for value, label in ParticipationRole.choices if grouped.get(value)]


def country_participations(country: Country) -> list[tuple[str, list[Participation]]]:
    """Meetings a country attended, grouped by its role, newest first."""
    return _participations_by_role(country=country)


def country_by_code(alpha3: str) -> Country:
    """A country by its alpha-3 code in any case; raises Country.DoesNotExist."""
    return Country.objects.get(alpha3=alpha3.upper())


def country_presidencies(country: Country) -> list[Meeting]:
    """Public meetings the country chaired as presidency pro tempore."""
    return list(meeting_list().filter(presidency=country))


def country_memberships(country: Country) -> QuerySet:
    return country.process_memberships.select_related("process").order_by("process__name")


def country_meetings(country: Country) -> QuerySet[Meeting]:
    """Meetings a country took part in or hosted (its dossier's meeting list)."""
    return meeting_list().filter(Q(pk__in=meeting_ids_attended_by(country)) | Q(host_country=country))


def country_roles(country: Country, meetings: list[Meeting]) -> dict[int, list[str]]:
    """{meeting id: [role labels]} for a country across the given meetings (one query)."""
    roles: dict[int, list[str]] = defaultdict(list)
    labels = dict(ParticipationRole.choices)
    rows = (
        Participation.objects.filter(country=country, meeting__in=[m.pk for m in meetings])
        .values_list("meeting_id", "role")
        .distinct()
        .order_by("meeting_id", "role")
    )
    for meeting_id, role in rows:
        roles[meeting_id].append(str(labels.get(role, role)))
    for meeting in meetings:
        if meeting.host_country_id == country.pk and "Host" not in roles[meeting.pk]:
            roles[meeting.pk].append("Host")
    return roles


def organisation_by_slug(slug: str) -> Organisation:
    return Organisation.objects.select_related("process").get(slug=slug)


def organisation_people(organisation: Organisation) -> QuerySet:
    return organisation.people.order_by("name")


def topic_by_slug(slug: str) -> Topic:
    return Topic.objects.select_related("parent").get(slug=slug)


def subtopics(topic: Topic) -> QuerySet[Topic]:
    return topic.children.order_by("name")


def process_by_slug(slug: str) -> Process:
    return Process.objects.get(slug=slug)


def process_bodies(process: Process) -> QuerySet[Organisation]:
    return process.bodies.order_by("name")


def organisation_participations(organisation: Organisation) -> list[tuple[str, list[Participation]]]:
    return _participations_by_role(organisation=organisation)


def meetings_per_year(meetings: QuerySet[Meeting]) -> list[tuple[int, int]]:
    """[(year, number of meetings)] for every year of the span, empty years included."""
    counts = dict(
        meetings.order_by()
        .annotate(y=ExtractYear("start_date"))
        .values("y")
        .annotate(n=Count("pk", distinct=True))
        .values_list("y", "n")
    )
    if not counts:
        return []
    first, last = min(counts), max(counts)
    return [(year, counts.get(year, 0)) for year in range(first, last + 1)]


def process_meetings(process: Process) -> list[Meeting]:
    """A process's public meetings, oldest first (a timeline reads forwards)."""
    return list(
        Meeting.objects.public()
        .filter(processes=process)
        .select_related("host_country")
        .order_by("start_date", "title")
    )


@dataclass
class GridRow:
    country: Country
    membership: str
    #: One cell per meeting: [(abbreviation, role label)].
    cells: list[list]


ROLE_ABBREVIATIONS = {
    ParticipationRole.MEMBER: pgettext_lazy("role abbreviation", "M"),
    ParticipationRole.PARTICIPANT: pgettext_lazy("role abbreviation", "A"),
    ParticipationRole.OBSERVER: pgettext_lazy("role abbreviation", "O"),
    ParticipationRole.HOST: pgettext_lazy("role abbreviation", "H"),
    ParticipationRole.PRESIDENCY: pgettext_lazy("role abbreviation", "P"),
    ParticipationRole.ORGANISER: pgettext_lazy("role abbreviation", "Or"),
    ParticipationRole.INVITED: pgettext_lazy("role abbreviation", "I"),
    ParticipationRole.CIVIL_SOCIETY: pgettext_lazy("role abbreviation", "CS"),
    ParticipationRole.SECRETARIAT: pgettext_lazy("role abbreviation", "S"),
    ParticipationRole.SPEAKER: pgettext_lazy("role abbreviation", "Sp"),
    ParticipationRole.MODERATOR: pgettext_lazy("role abbreviation", "Mo"),
}

ROLE_LEGEND = [(ROLE_ABBREVIATIONS[value], label) for value, label in ParticipationRole.choices]


def participation_grid(process: Process, meetings: list[Meeting]) -> list[GridRow]:
    """Member and observer countries × the process's meetings, each cell the roles held.

    Two queries whatever the size: the memberships and the participations.
    """
    memberships = process.memberships.select_related("country").order_by("role", "country__name")
    rows: dict[int, GridRow] = {}
    for membership in memberships:
        if membership.country_id not in rows:
            label = "member" if membership.role == MembershipRole.MEMBER else "observer"
            rows[membership.country_id] = GridRow(membership.country, label, [[] for _ in meetings])
    column = {meeting.pk: index for index, meeting in enumerate(meetings)}
    participations = (
        Participation.objects.public()
        .filter(meeting__in=list(column), country_id__in=list(rows))
        .values_list("country_id", "meeting_id", "role")
        .distinct()
    )
    for country_id, meeting_id, role in participations:
        cell = rows[country_id].cells[column[meeting_id]]
        if role not in cell:
            cell.append(role)
    order = [value for value, _ in ParticipationRole.choices]
    labels = dict(ParticipationRole.choices)
    for row in rows.values():
        for index, cell in enumerate(row.cells):
            row.cells[index] = [(ROLE_ABBREVIATIONS[role], str(labels[role])) for role in sorted(cell, key=order.index)]
    return sorted(rows.values(), key=lambda row: (row.membership != "member", row.country.name))


def topic_agreements(topic: Topic) -> list[Agreement]:
    """A topic's public agreements, oldest meeting first: the topic's story over time."""
    return list(
        public_agreements_on(topic)
        .select_related("document__meeting__host_country")
        .order_by("document__meeting__start_date", "document__order", "order")
    )


def topic_meetings(topic: Topic) -> QuerySet[Meeting]:
    return Meeting.objects.public().filter(pk__in=public_agreements_on(topic).values("document__meeting_id"))


def agreements_concerning_country(country: Country) -> QuerySet[Agreement]:
    return agreement_list().filter(pk__in=agreement_ids_concerning(country))


def agreements_concerning_organisation(organisation: Organisation) -> QuerySet[Agreement]:
    return agreement_list().filter(
        pk__in=Agreement.organisations.through.objects.filter(organisation=organisation).values("agreement_id")
    )


def commitments_of_country(country: Country) -> QuerySet[ActionItem]:
    return action_item_list().filter(
        pk__in=ActionItem.responsible_countries.through.objects.filter(country=country).values("actionitem_id")
    )


def commitments_of_organisation(organisation: Organisation) -> QuerySet[ActionItem]:
    return action_item_list().filter(
        pk__in=ActionItem.responsible_organisations.through.objects.filter(organisation=organisation).values(
            "actionitem_id"
        )
    )


# --------------------------------------------------------------------------
# The commitments tracker
# --------------------------------------------------------------------------


def commitment_list() -> QuerySet[ActionItem]:
    """Public commitments with their `effective_due_date`, soonest due first and undated ones last.

    A relative deadline ("before the next vice-ministerial meeting") takes its
    date only from a *public* meeting, so a draft meeting's date never leaks.
    """
    return action_item_list().order_by(
        F("effective_due_date").asc(nulls_last=True), "meeting__start_date", "meeting__title", "order", "pk"
    )


def with_overdue(queryset: QuerySet[ActionItem], on: datetime.date) -> QuerySet[ActionItem]:
    """Annotate `is_overdue`: past due on the date `on` and still open, by the model's own rule."""
    overdue = ActionItem.objects.overdue(on, meetings=Meeting.objects.public())
    return queryset.annotate(is_overdue=Exists(overdue.filter(pk=OuterRef("pk"))))


def public_commitment(pk: int, on: datetime.date) -> ActionItem:
    """One public commitment, with what its page shows; raises ActionItem.DoesNotExist otherwise."""
    return (
        with_overdue(commitment_list(), on)
        .select_related("agreement__document")
        .prefetch_related("meeting__processes")
        .get(pk=pk)
    )


def deadline_meeting(item: ActionItem) -> Meeting | None:
    """The public meeting a relative deadline takes its date from, once it is recorded.

    The same choice as `ActionItemQuerySet.with_effective_due_date` makes (the
    next public meeting of that kind of the same process), so the page can link it.
    """
    if item.due_date or not item.due_next_meeting_kind:
        return None
    return (
        Meeting.objects.public()
        .filter(
            kind=item.due_next_meeting_kind,
            start_date__gt=item.meeting.start_date,
            processes__meetings=item.meeting,
        )
        .order_by("start_date", "pk")
        .first()
    )


def commitment_history(item: ActionItem) -> list[ActionItemStatusChange]:
    """The dated steps of a commitment's follow-up, oldest first; `meeting_public` says whether to name the meeting."""
    return list(
        ActionItemStatusChange.objects.public()
        .filter(action_item=item)
        .annotate(meeting_public=Exists(Meeting.objects.public().filter(pk=OuterRef("meeting_id"))))
        .select_related("meeting")
        .order_by("date", "id")
    )


def _count(queryset: QuerySet) -> Subquery:
    """COUNT(*) of a correlated queryset as a subquery (0, not NULL, when it has no rows)."""
    return Subquery(
        queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"), output_field=IntegerField()
    )


def process_meetings_with_commitment_counts(process: Process, on: datetime.date) -> list[Meeting]:
    """A process's public meetings, oldest first, each with how many of its public commitments are in each state.

    `commitments_set`, `commitments_done`, `commitments_open` (open or in
    progress), `commitments_overdue` (open and past due on `on`) and
    `commitments_dropped`: correlated counts in the meetings' own query, so the
    summary costs no query per meeting.
    """
    set_here = ActionItem.objects.public().filter(meeting=OuterRef("pk"))
    overdue = ActionItem.objects.overdue(on, meetings=Meeting.objects.public()).values("pk")
    return list(
        Meeting.objects.public()
        .filter(processes=process)
        .select_related("host_country")
        .annotate(
            commitments_set=_count(set_here),
            commitments_done=_count(set_here.filter(progress=ActionItemStatus.DONE)),
            commitments_open=_count(set_here.open()),
            commitments_overdue=_count(set_here.filter(pk__in=overdue)),
            commitments_dropped=_count(set_here.filter(progress=ActionItemStatus.DROPPED)),
        )
        .order_by("start_date", "title")
    )


def process_commitments(process: Process, on: datetime.date) -> list[ActionItem]:
    """The public commitments set by a process's meetings, in the meetings' order (one query: no prefetches)."""
    return list(
        with_overdue(commitment_list(), on)
        .filter(meeting__processes=process)
        .prefetch_related(None)
        .order_by("meeting__start_date", "meeting__title", "order", "pk")
    )


def meetings_per_year_of(meetings: list[Meeting]) -> list[tuple[int, int]]:
    """`meetings_per_year` for meetings already loaded: every year of the span, empty years included."""
    counts: dict[int, int] = defaultdict(int)
    for meeting in meetings:
        counts[meeting.start_date.year] += 1
    if not counts:
        return []
    return [(year, counts.get(year, 0)) for year in range(min(counts), max(counts) + 1)]


def meeting_facet(ids: QuerySet) -> list[FacetOption]:
    """Public meetings that set the commitments in `ids`, newest first, with how many each set."""
    rows = (
        Meeting.objects.public()
        .filter(action_items__in=ids)
        .annotate(n=Count("action_items", distinct=True))
        .order_by("-start_date", "title")
    )
    return [FacetOption(row.slug, f"{row.title} ({row.start_date:%Y})", row.n) for row in rows]


def organisation_facet(organisations: QuerySet[Organisation], ids: QuerySet) -> list[FacetOption]:
    """Organisations (or bodies of a process) responsible for the commitments in `ids`."""
    rows = (
        organisations.filter(action_items__in=ids)
        .select_related("process")
        .annotate(n=Count("action_items", distinct=True))
        .order_by("name")
    )
    return [FacetOption(row.slug, _organisation_label(row), row.n) for row in rows]


def _organisation_label(organisation: Organisation) -> str:
    if organisation.process_id:
        process = organisation.process
        return f"{organisation.name} ({process.acronym or process.name})"
    return str(organisation)


def responsible_country_facet(ids: QuerySet) -> list[FacetOption]:
    """Countries responsible for the commitments in `ids`."""
    return _model_facet(Country.objects.all(), "action_items", ids, "alpha3", lambda c: c.local_name)
