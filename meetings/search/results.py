"""Ranked hits of every type: one query for the page, one for the counts, one per type to load the records."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, models
from django.db.models import Count, F, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext

from meetings.models import Meeting
from meetings.search.postgres import PostgresBackend
from meetings.search.query import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, ParsedQuery, parse_query
from meetings.search.records import SPECS, ResultType, SearchFilters, Spec, apply_filters, selected_types
from meetings.search.snippets import SNIPPET_JOINER, python_snippet, render_marked
from meetings.search.sqlite import SubstringBackend
from meetings.search.vocabulary import VocabularyBackend


def _uses_postgres(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"


def backend_for(parsed: ParsedQuery):
    text = PostgresBackend(parsed) if _uses_postgres() else SubstringBackend(parsed)
    return VocabularyBackend(text, parsed)


def hits(spec: Spec, backend, filters: SearchFilters) -> QuerySet:
    """The public records of one type that match, within the filters; unordered."""
    return apply_filters(spec, spec.public(), filters).filter(backend.match(spec)).order_by()


@dataclass
class SearchHit:
    """One result: what it is, the record, why it matched, where to go."""

    type: ResultType
    object: models.Model
    rank: float
    #: Safe HTML: the source text escaped, matched words in <mark>.
    snippet: SafeString

    @property
    def type_label(self) -> str:
        return self.type.label

    @property
    def meeting(self) -> Meeting:
        if self.type == ResultType.MEETING:
            return self.object
        if self.type == ResultType.AGREEMENT:
            return self.object.document.meeting
        return self.object.meeting

    @property
    def title(self) -> str:
        obj = self.object
        if self.type == ResultType.MEETING:
            return obj.title
        if self.type == ResultType.DOCUMENT:
            return obj.title
        if self.type == ResultType.AGREEMENT:
            return f"{obj.label} {obj.document.title}".strip() if obj.label else obj.document.title
        return Truncator(obj.description).chars(100)

    @property
    def url(self) -> str:
        """The exact place: an agreement's anchor in its document, an action item's on its meeting's page."""
        obj = self.object
        if self.type == ResultType.AGREEMENT:
            return f"{obj.document.get_absolute_url()}#{obj.anchor}"
        if self.type == ResultType.ACTION_ITEM:
            return f"{obj.meeting.get_absolute_url()}#action-item-{obj.pk}"
        return obj.get_absolute_url()

    @property
    def permalink(self) -> str:
        """The record's own permanent address (an agreement's /agreements/<id>/)."""
        obj = self.object
        if self.type == ResultType.ACTION_ITEM:
            return self.url
        return obj.get_absolute_url()


@dataclass
class SearchResults:
    """A page of hits, how many there are in all and per type, and a message when there is nothing to show."""

    query: ParsedQuery
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    @property
    def message(self) -> str:
        if self.query.message:
            return self.query.message
        if not self.total:
            return gettext("Nothing matches: try fewer words, another spelling, or remove a filter.")
        return ""

    @property
    def truncated(self) -> bool:
        return self.query.truncated

    def __iter__(self):
        return iter(self.hits)

    def __len__(self):
        return len(self.hits)

    def __bool__(self):
        return bool(self.hits)


def _clamp(value: Any, low: int, high: int, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return max(low, min(high, number))


def search(
    query: Any,
    *,
    types: Iterable[str] | str | None = None,
    filters: SearchFilters | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> SearchResults:
    """Public records matching `query`, best first, with snippets; never raises on bad input.

    Queries: one for the page of (type, id, rank), one for the counts (skipped
    when the first page holds everything), and one per type on the page to load
    the records with their snippets.
    """
    parsed = parse_query(query)
    limit = _clamp(limit, 1, MAX_LIMIT, DEFAULT_LIMIT)
    offset = _clamp(offset, 0, MAX_OFFSET, 0)
    results = SearchResults(parsed, limit=limit, offset=offset)
    if not parsed.is_searchable:
        return results
    filters = filters or SearchFilters()
    backend = backend_for(parsed)
    selected = selected_types(types)

    parts = [
        hits(SPECS[t], backend, filters)
        .annotate(
            result_type=Value(t, output_field=models.CharField()),
            result_id=F("pk"),
            result_rank=Cast(backend.rank(SPECS[t]), models.FloatField()),
        )
        .values_list("result_type", "result_id", "result_rank")
        for t in selected
    ]
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    page = list(combined.order_by("-result_rank", "result_type", "result_id")[offset : offset + limit])

    if offset == 0 and len(page) < limit:
        counts = Counter(row[0] for row in page)
    else:
        counts = type_counts(backend, filters, selected)
    results.counts = {t: counts.get(t, 0) for t in selected}
    results.total = sum(results.counts.values())
    results.hits = _load_hits(page, backend, parsed)
    return results


def type_counts(backend, filters: SearchFilters, selected: list[str]) -> Counter:
    parts = [
        hits(SPECS[t], backend, filters)
        .annotate(result_type=Value(t, output_field=models.CharField()))
        .values("result_type")
        .annotate(n=Count("pk"))
        .values_list("result_type", "n")
        for t in selected
    ]
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return Counter(dict(combined))


def _load_hits(page: list[tuple[str, int, float]], backend, parsed: ParsedQuery) -> list[SearchHit]:
    ids_by_type: dict[str, list[int]] = defaultdict(list)
    for result_type, pk, _rank in page:
        ids_by_type[result_type].append(pk)
    loaded: dict[tuple[str, int], models.Model] = {}
    for result_type, ids in ids_by_type.items():
        spec = SPECS[result_type]
        queryset = spec.public().filter(pk__in=ids).select_related(*spec.select_related)
        headline = backend.snippet_annotation(spec)
        if headline is not None:
            queryset = queryset.annotate(search_snippet=headline)
        for obj in queryset:
            loaded[(result_type, obj.pk)] = obj
    hits = []
    for result_type, pk, rank in page:
        obj = loaded.get((result_type, pk))
        if obj is None:  # unpublished between the two queries
            continue
        spec = SPECS[result_type]
        if hasattr(obj, "search_snippet"):
            snippet = render_marked(obj.search_snippet or "")
        else:
            source = SNIPPET_JOINER.join(filter(None, (getattr(obj, name) for name in spec.snippet_fields)))
            snippet = python_snippet(source, parsed)
        hits.append(SearchHit(ResultType(result_type), obj, float(rank or 0.0), snippet))
    return hits
