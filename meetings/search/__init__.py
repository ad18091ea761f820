"""Full-text search over the public archive: meetings, documents, agreements and action items.

The one module the pages call for search; no search logic lives in views or
templates. Three entry points:

- `search(query, types=..., filters=..., limit=..., offset=...)`: ranked hits of
  every type, each with a highlighted snippet (safe HTML) and the address of the
  exact place (an agreement's anchor inside its document's page);
- `facet_counts(query, types=..., filters=...)`: how many hits each type,
  process, country and topic would give within the other current filters;
- `filter_queryset(queryset, query)`: applies `q` to the meeting, document,
  agreement (or action item) list querysets.

Only public records are ever searched: every queryset starts from
`Model.objects.public()`.

Query syntax, the same on both databases: words (all must match), "quoted
phrases", OR between two terms (either may match), and -word or -"a phrase" to
exclude. Input is cleaned first (control characters and NUL bytes removed, cut
to `MAX_QUERY_LENGTH` characters and `MAX_TERMS` terms); a query that leaves
nothing to search gives an empty result with a `message` saying why, never an
error.

On PostgreSQL the records carry a weighted `search_vector` column kept current
by triggers (migration 0003_search) with GIN indexes; queries go through
`websearch_to_tsquery` in every configuration the archive indexes with, ranked
by `ts_rank` and highlighted by `ts_headline`. Elsewhere (the embedded SQLite
default) a fallback matches substrings, ranks by weighted term counts and
builds snippets in Python: see `SQLITE_LIMITS`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from meetings.search.facets import facet_counts
from meetings.search.query import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_OFFSET,
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    STOP_WORDS,
    ParsedQuery,
    Term,
    clean_query,
    parse_query,
)
from meetings.search.records import SPEC_BY_MODEL, ResultType, SearchFilters
from meetings.search.results import SearchHit, SearchResults, backend_for, search
from meetings.search.sqlite import SQLITE_LIMITS


def filter_queryset(queryset: QuerySet, query: Any, *, order_by_rank: bool = False) -> QuerySet:
    """Apply `q` to a meeting, document, agreement or action item list queryset.

    A blank query leaves the queryset as it is; one that cannot be searched
    (see `parse_query(q).message`) gives no rows. Matching rows are annotated
    with `search_rank`, and ordered by it (best first) on request. The result
    is always restricted to public records.
    """
    spec = SPEC_BY_MODEL.get(queryset.model)
    if spec is None:
        raise TypeError(f"Search does not cover {queryset.model.__name__} records.")
    parsed = parse_query(query)
    if not parsed.text:
        return queryset
    if not parsed.is_searchable:
        return queryset.none()
    backend = backend_for(parsed)
    queryset = queryset.public().filter(backend.match(spec)).annotate(search_rank=backend.rank(spec))
    if order_by_rank:
        queryset = queryset.order_by("-search_rank", *queryset.query.order_by)
    return queryset


__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "MAX_OFFSET",
    "MAX_TERMS",
    "STOP_WORDS",
    "MAX_QUERY_LENGTH",
    "SQLITE_LIMITS",
    "ParsedQuery",
    "ResultType",
    "SearchFilters",
    "SearchHit",
    "SearchResults",
    "Term",
    "clean_query",
    "facet_counts",
    "filter_queryset",
    "parse_query",
    "search",
]
