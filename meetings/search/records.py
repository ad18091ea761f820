"""What is searched in each kind of record, and the public pages' filters applied to it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet

from meetings.models import ActionItem, Agreement, Document, Meeting, Participation


class ResultType(models.TextChoices):
    MEETING = "meeting", "Meeting"
    DOCUMENT = "document", "Document"
    AGREEMENT = "agreement", "Agreement"
    ACTION_ITEM = "action_item", "Action item"


def _key(value: Any, attribute: str) -> str | None:
    """A slug or code from a string or from a model instance (a FilterSet's cleaned value)."""
    if value is None or value == "":
        return None
    return getattr(value, attribute, value)


@dataclass(frozen=True)
class SearchFilters:
    """The public pages' filters, with the same meanings (issue 3).

    `process` and `topic` are slugs, `country` an ISO alpha-3 code (any case);
    each also accepts the model instance a FilterSet's cleaned_data holds.
    Country means "took part in the meeting"; for agreements also "concerned
    by it", for action items also "responsible for it". Dates compare with the
    meeting's start date (`year` too). A topic matches agreements on it, the documents and
    meetings that have such a public agreement, and action items set by one.
    """

    process: Any = None
    country: Any = None
    topic: Any = None
    date_after: datetime.date | None = None
    date_before: datetime.date | None = None
    year: int | None = None

    def __post_init__(self):
        object.__setattr__(self, "process", _key(self.process, "slug"))
        object.__setattr__(self, "topic", _key(self.topic, "slug"))
        country = _key(self.country, "alpha3")
        object.__setattr__(self, "country", country.upper() if isinstance(country, str) else country)

    @classmethod
    def from_cleaned_data(cls, data: dict) -> SearchFilters:
        names = ("process", "country", "topic", "date_after", "date_before", "year")
        return cls(**{name: data.get(name) for name in names})

    def without(self, name: str) -> SearchFilters:
        return replace(self, **{name: None})


@dataclass(frozen=True)
class Spec:
    type: ResultType
    model: type[models.Model]
    #: Path from the record to its meeting's id, and to the meeting itself ("" for meetings).
    meeting_id: str
    meeting: str
    #: The text fields the SQLite fallback searches, with PostgreSQL's weights (A=1, B=0.4, C=0.2, D=0.1).
    fields: tuple[tuple[str, float], ...]
    #: The fields a snippet is cut from, joined (ts_headline keeps the fragments that match).
    snippet_fields: tuple[str, ...]
    select_related: tuple[str, ...]
    #: The many-to-many of countries that counts besides taking part ("concerned by", "responsible").
    countries: str = ""

    def path(self, lookup: str) -> str:
        return f"{self.meeting}__{lookup}" if self.meeting else lookup

    def public(self) -> QuerySet:
        return self.model.objects.public()


SPECS: dict[str, Spec] = {
    spec.type.value: spec
    for spec in (
        Spec(
            ResultType.MEETING,
            Meeting,
            meeting_id="pk",
            meeting="",
            fields=(("title", 1.0), ("edition", 1.0), ("theme", 1.0), ("summary", 0.4), ("city", 0.2), ("venue", 0.2)),
            snippet_fields=("theme", "summary"),
            select_related=("host_country",),
        ),
        Spec(
            ResultType.DOCUMENT,
            Document,
            meeting_id="meeting_id",
            meeting="meeting",
            fields=(("title", 1.0), ("symbol", 1.0), ("text", 0.1)),
            snippet_fields=("text",),
            select_related=("meeting__host_country",),
        ),
        Spec(
            ResultType.AGREEMENT,
            Agreement,
            meeting_id="document__meeting_id",
            meeting="document__meeting",
            fields=(("text", 1.0), ("section_heading", 0.4)),
            snippet_fields=("section_heading", "text"),
            select_related=("document__meeting__host_country",),
            countries="countries",
        ),
        Spec(
            ResultType.ACTION_ITEM,
            ActionItem,
            meeting_id="meeting_id",
            meeting="meeting",
            fields=(("description", 1.0), ("due_text", 0.4), ("notes", 0.4)),
            snippet_fields=("description", "notes"),
            select_related=("meeting__host_country", "agreement__document"),
            countries="responsible_countries",
        ),
    )
}
SPEC_BY_MODEL = {spec.model: spec for spec in SPECS.values()}


def selected_types(types: Iterable[str] | str | None) -> list[str]:
    """The requested types in display order; unknown names are ignored, and none means all."""
    if isinstance(types, str):
        types = [types]
    wanted = {str(t) for t in types or ()}
    selected = [t for t in SPECS if t in wanted]
    return selected or list(SPECS)


def apply_filters(spec: Spec, queryset: QuerySet, filters: SearchFilters) -> QuerySet:
    # Subqueries rather than joins keep one row per record (no DISTINCT needed).
    if filters.process:
        queryset = queryset.filter(
            **{
                f"{spec.meeting_id}__in": Meeting.processes.through.objects.filter(
                    process__slug=filters.process
                ).values("meeting_id")
            }
        )
    if filters.country:
        took_part = Q(
            **{
                f"{spec.meeting_id}__in": Participation.objects.filter(country__alpha3=filters.country).values(
                    "meeting_id"
                )
            }
        )
        if spec.countries:
            through = getattr(spec.model, spec.countries).through
            own = through._meta.get_field(spec.model._meta.model_name).attname
            took_part |= Q(pk__in=through.objects.filter(country__alpha3=filters.country).values(own))
        queryset = queryset.filter(took_part)
    if filters.topic:
        on_topic = Agreement.topics.through.objects.filter(topic__slug=filters.topic).values("agreement_id")
        if spec.type == ResultType.AGREEMENT:
            queryset = queryset.filter(pk__in=on_topic)
        elif spec.type == ResultType.ACTION_ITEM:
            queryset = queryset.filter(agreement_id__in=on_topic)
        else:
            public_on_topic = Agreement.objects.public().filter(pk__in=on_topic)
            target = "document__meeting_id" if spec.type == ResultType.MEETING else "document_id"
            queryset = queryset.filter(pk__in=public_on_topic.values(target))
    if filters.date_after:
        queryset = queryset.filter(**{spec.path("start_date__gte"): filters.date_after})
    if filters.date_before:
        queryset = queryset.filter(**{spec.path("start_date__lte"): filters.date_before})
    if filters.year:
        # A range rather than __year, so that the date index can serve it.
        queryset = queryset.filter(
            **{
                spec.path("start_date__gte"): datetime.date(filters.year, 1, 1),
                spec.path("start_date__lte"): datetime.date(filters.year, 12, 31),
            }
        )
    return queryset
