"""CSV and JSON downloads of the archive's lists.

Column names are part of what researchers build on, so they are fixed here and
change only by adding columns at the end. Dates are ISO 8601 (YYYY-MM-DD).
Multi-valued columns are lists in JSON and "; "-joined in CSV.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse

FORMATS = ("csv", "json")

Value = Callable[[Any, Callable[[str], str]], Any]


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class Dataset:
    name: str
    columns: tuple[tuple[str, Value], ...]

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]

    def rows(self, records: Iterable, absolute: Callable[[str], str]) -> Iterator[dict[str, Any]]:
        for record in records:
            yield {name: value(record, absolute) for name, value in self.columns}


MEETINGS = Dataset(
    "meetings",
    (
        ("id", lambda m, _: m.pk),
        ("slug", lambda m, _: m.slug),
        ("title", lambda m, _: m.title),
        ("edition", lambda m, _: m.edition),
        ("kind", lambda m, _: m.kind),
        ("start_date", lambda m, _: _iso(m.start_date)),
        ("end_date", lambda m, _: _iso(m.end_date)),
        ("city", lambda m, _: m.city),
        ("host_country", lambda m, _: m.host_country.alpha3 if m.host_country_id else None),
        ("host_country_name", lambda m, _: m.host_country.name if m.host_country_id else None),
        ("venue", lambda m, _: m.venue),
        ("processes", lambda m, _: [p.slug for p in m.processes.all()]),
        ("url", lambda m, absolute: absolute(m.get_absolute_url())),
    ),
)

DOCUMENTS = Dataset(
    "documents",
    (
        ("id", lambda d, _: d.pk),
        ("slug", lambda d, _: d.slug),
        ("title", lambda d, _: d.title),
        ("kind", lambda d, _: d.kind),
        ("language", lambda d, _: d.language),
        ("date", lambda d, _: _iso(d.date)),
        ("symbol", lambda d, _: d.symbol),
        ("meeting", lambda d, _: d.meeting.slug),
        ("meeting_title", lambda d, _: d.meeting.title),
        ("meeting_start_date", lambda d, _: _iso(d.meeting.start_date)),
        ("meeting_end_date", lambda d, _: _iso(d.meeting.end_date)),
        ("url", lambda d, absolute: absolute(d.get_absolute_url())),
    ),
)

AGREEMENTS = Dataset(
    "agreements",
    (
        ("id", lambda a, _: a.pk),
        ("label", lambda a, _: a.label),
        ("parent_id", lambda a, _: a.parent_id),
        ("order", lambda a, _: a.order),
        ("section", lambda a, _: a.section),
        ("section_heading", lambda a, _: a.section_heading),
        ("kind", lambda a, _: a.kind),
        ("text", lambda a, _: a.text),
        ("document", lambda a, _: a.document.slug),
        ("document_title", lambda a, _: a.document.title),
        ("meeting", lambda a, _: a.document.meeting.slug),
        ("meeting_title", lambda a, _: a.document.meeting.title),
        ("meeting_start_date", lambda a, _: _iso(a.document.meeting.start_date)),
        ("meeting_end_date", lambda a, _: _iso(a.document.meeting.end_date)),
        ("topics", lambda a, _: [t.slug for t in a.topics.all()]),
        ("countries", lambda a, _: [c.alpha3 for c in a.countries.all()]),
        ("url", lambda a, absolute: absolute(a.get_absolute_url())),
    ),
)

COMMITMENTS = Dataset(
    "commitments",
    (
        ("id", lambda i, _: i.pk),
        ("description", lambda i, _: i.description),
        ("progress", lambda i, _: i.progress),
        ("due_date", lambda i, _: _iso(i.due_date)),
        ("due_text", lambda i, _: i.due_text),
        ("meeting", lambda i, _: i.meeting.slug),
        ("meeting_title", lambda i, _: i.meeting.title),
        ("meeting_start_date", lambda i, _: _iso(i.meeting.start_date)),
        ("agreement_id", lambda i, _: i.agreement_id),
        ("agreement_label", lambda i, _: i.agreement.label if i.agreement_id else None),
        ("responsible_countries", lambda i, _: [c.alpha3 for c in i.responsible_countries.all()]),
        ("responsible_organisations", lambda i, _: [o.slug for o in i.responsible_organisations.all()]),
        (
            "reported_done_at",
            lambda i, _: i.reported_done_at.slug if i.reported_done_at_id and i.reported_done_public else None,
        ),
        (
            "url",
            lambda i, absolute: absolute(
                i.agreement.get_absolute_url() if i.agreement_id else i.meeting.get_absolute_url()
            ),
        ),
    ),
)


def _public_done_at(item) -> str | None:
    # The meeting that closed a commitment is named only once it is public itself.
    return item.reported_done_at.slug if item.reported_done_at_id and item.reported_done_public else None


#: The commitments tracker (/commitments/): one row per public commitment, with
#: its date as the tracker computes it and "overdue" as of the list's `on` date.
COMMITMENT_TRACKER = Dataset(
    "commitments",
    (
        ("id", lambda i, _: i.pk),
        ("description", lambda i, _: i.description),
        ("status", lambda i, _: i.progress),
        ("due_date", lambda i, _: _iso(i.due_date)),
        ("due_text", lambda i, _: i.due_text),
        ("effective_due_date", lambda i, _: _iso(i.effective_due_date)),
        ("overdue", lambda i, _: bool(i.is_overdue)),
        ("responsible_countries", lambda i, _: [c.alpha3 for c in i.responsible_countries.all()]),
        ("responsible_organisations", lambda i, _: [o.slug for o in i.responsible_organisations.all()]),
        ("meeting", lambda i, _: i.meeting.slug),
        ("meeting_date", lambda i, _: _iso(i.meeting.start_date)),
        ("agreement_label", lambda i, _: i.agreement.label if i.agreement_id else None),
        ("agreement_url", lambda i, absolute: absolute(i.agreement.get_absolute_url()) if i.agreement_id else None),
        ("reported_done_at", lambda i, _: _public_done_at(i)),
        ("url", lambda i, absolute: absolute(reverse("meetings:commitment-detail", args=[i.pk]))),
    ),
)


class _Echo:
    """A file-like object whose write() hands the line back, for streaming CSV."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return "" if value is None else value


def _records(queryset: QuerySet) -> Iterable:
    # Stream large results in chunks; prefetches run per chunk.
    return queryset.iterator(chunk_size=500)


def download(
    request: HttpRequest, dataset: Dataset, queryset: QuerySet, fmt: str, filename: str
) -> HttpResponse | StreamingHttpResponse:
    """Every record of `queryset` as CSV or JSON, not just one page of it."""
    absolute = request.build_absolute_uri
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines() -> Iterator[str]:
            yield writer.writerow(dataset.column_names)
            for row in dataset.rows(_records(queryset), absolute):
                yield writer.writerow([_csv_cell(row[name]) for name in dataset.column_names])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    else:
        results = list(dataset.rows(_records(queryset), absolute))
        body = {"dataset": dataset.name, "count": len(results), "columns": dataset.column_names, "results": results}
        response = HttpResponse(
            json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
