"""Facet counts of a search: how many hits each type, process, country and topic would give."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, QuerySet

from meetings.listing import FacetOption
from meetings.models import Agreement
from meetings.search.query import parse_query
from meetings.search.records import SPECS, ResultType, SearchFilters, selected_types
from meetings.search.results import backend_for, hits, type_counts


def facet_counts(
    query: Any,
    *,
    types: Iterable[str] | str | None = None,
    filters: SearchFilters | None = None,
) -> dict[str, list[FacetOption]]:
    """For each facet (type, process, country, concerned, topic), how many hits each choice would give.

    A facet's counts apply every current filter except its own, so a
    researcher sees where the records are. The type facet counts every type;
    the others count the selected types. One query per facet; empty when the
    query cannot be searched.
    """
    parsed = parse_query(query)
    facets: dict[str, list[FacetOption]] = {"type": [], "process": [], "country": [], "concerned": [], "topic": []}
    if not parsed.is_searchable:
        return facets
    filters = filters or SearchFilters()
    backend = backend_for(parsed)
    selected = selected_types(types)

    # Several types may be chosen (any of them will do): each type's count ignores the type filter.
    per_type = type_counts(backend, filters, list(SPECS))
    facets["type"] = [FacetOption(t, SPECS[t].type.label, per_type[t]) for t in SPECS if per_type.get(t)]

    def grouped(queryset: QuerySet, value: str, label: str, count: str = "pk") -> QuerySet:
        """(value, label, number of distinct records) rows of one type's hits."""
        return (
            queryset.order_by()
            .annotate(facet_value=F(value), facet_label=F(label))
            .filter(facet_value__isnull=False)
            .values("facet_value", "facet_label")
            .annotate(n=Count(count, distinct=True))
            .values_list("facet_value", "facet_label", "n")
        )

    def collect(parts: list[QuerySet]) -> list[FacetOption]:
        totals: dict[str, int] = defaultdict(int)
        labels: dict[str, str] = {}
        combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        for value, label, n in combined:
            totals[value] += n
            labels[value] = label
        options = [FacetOption(v, labels[v], n) for v, n in totals.items() if n > 0]
        return sorted(options, key=lambda option: (-option.count, option.label))

    # Process: a meeting belongs to a process once, so the join repeats nothing.
    facets["process"] = collect(
        [
            grouped(
                hits(spec, backend, filters.without("process")),
                spec.path("processes__slug"),
                spec.path("processes__name"),
            )
            for spec in (SPECS[t] for t in selected)
        ]
    )

    # Country that took part in the meeting (a country takes part once per meeting, whatever its roles).
    facets["country"] = collect(
        [
            grouped(
                hits(spec, backend, filters.without("country")),
                spec.path("participations__country__alpha3"),
                spec.path("participations__country__name"),
            )
            for spec in (SPECS[t] for t in selected)
        ]
    )

    # Country concerned: by the agreement, responsible for the commitment, or
    # (meetings, documents) concerned by one of their public agreements.
    concerned_parts = []
    for spec in (SPECS[t] for t in selected):
        matched = hits(spec, backend, filters.without("concerned"))
        if spec.countries:
            concerned_parts.append(grouped(matched, f"{spec.countries}__alpha3", f"{spec.countries}__name"))
        else:
            target = "document__meeting_id" if spec.type == ResultType.MEETING else "document_id"
            agreements = Agreement.objects.public().filter(**{f"{target}__in": matched.values("pk")})
            concerned_parts.append(grouped(agreements, "countries__alpha3", "countries__name", count=target))
    facets["concerned"] = collect(concerned_parts)

    # Topic: agreements on it; the meetings and documents with such a public
    # agreement; action items set by such an agreement.
    topic_parts = []
    for spec in (SPECS[t] for t in selected):
        matched = hits(spec, backend, filters.without("topic"))
        if spec.type == ResultType.AGREEMENT:
            topic_parts.append(grouped(matched, "topics__slug", "topics__name"))
        elif spec.type == ResultType.ACTION_ITEM:
            topic_parts.append(grouped(matched, "agreement__topics__slug", "agreement__topics__name"))
        else:
            target = "document__meeting_id" if spec.type == ResultType.MEETING else "document_id"
            agreements = Agreement.objects.public().filter(**{f"{target}__in": matched.values("pk")})
            topic_parts.append(grouped(agreements, "topics__slug", "topics__name", count=target))
    facets["topic"] = collect(topic_parts)
    return facets
