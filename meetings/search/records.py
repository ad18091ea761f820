"""What is searched in each kind of record, and the public pages' filters applied to it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from meetings.models import ActionItem, Agreement, Document, Meeting, Participation


class ResultType(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    DOCUMENT = "document", _("Document")
    AGREEMENT = "agreement", _("Agreement")
    # The parameter stays "action_item" (permanent links); the archive calls them commitments everywhere.
    ACTION_ITEM = "action_item", _("Commitment")


def _keys(value: Any, attribute: str, upper: bool = False) -> tuple[str, ...]:
    """Slugs or codes from a string, a model instance or a list of either (a FilterSet's cleaned value)."""
    if value is None or value == "":
        return ()
    values = value if isinstance(value, list | tuple | set | QuerySet) else [value]
    keys = (str(getattr(v, attribute, v)) for v in values if v not in (None, ""))
    return tuple(dict.fromkeys(key.upper() if upper else key for key in keys))


@dataclass(frozen=True)
class SearchFilters:
    """The public pages' filters, with the same meanings (issue 3).

    `process` and `topic` are slugs, `country` and `concerned` ISO alpha-3
    codes (any case); each takes one value or several (any of them will do),
    or the model instances a FilterSet's cleaned_data holds, and is kept as a
    tuple. Country means "took part in the meeting". Concerned means, for
    agreements, a country the agreement concerns; for commitments a country
    responsible for it; for meetings and documents, that they hold a public
    agreement concerning it. Dates compare with the meeting's start date
    (`year` too). A topic matches agreements on it, the documents and meetings
    that have such a public agreement, and commitments set by one.
    """

    process: Any = ()
    country: Any = ()
    concerned: Any = ()
    topic: Any = ()
    date_after: datetime.date | None = None
    date_before: datetime.date | None = None
    year: int | None = None

    def __post_init__(self):
        object.__setattr__(self, "process", _keys(self.process, "slug"))
        object.__setattr__(self, "topic", _keys(self.topic, "slug"))
        object.__setattr__(self, "country", _keys(self.country, "alpha3", upper=True))
        object.__setattr__(self, "concerned", _keys(self.concerned, "alpha3", upper=True))

    @classmethod
    def from_cleaned_data(cls, data: dict) -> SearchFilters:
        names = ("process", "country", "concerned", "topic", "date_after", "date_before", "year")
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
    #: The many-to-many of countries "concerned" means ("concerned by", "responsible"); "" for
    #: meetings and documents, which are concerned through their public agreements.
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


def _public_agreements_of(spec: Spec, agreement_ids: QuerySet) -> QuerySet:
    """The meetings' or documents' ids (as `spec` says) of the public agreements among `agreement_ids`."""
    target = "document__meeting_id" if spec.type == ResultType.MEETING else "document_id"
    return Agreement.objects.public().filter(pk__in=agreement_ids).values(target)


def apply_filters(spec: Spec, queryset: QuerySet, filters: SearchFilters) -> QuerySet:
    # Subqueries rather than joins keep one row per record (no DISTINCT needed).
    if filters.process:
        queryset = queryset.filter(
            **{
                f"{spec.meeting_id}__in": Meeting.processes.through.objects.filter(
                    process__slug__in=filters.process
                ).values("meeting_id")
            }
        )
    if filters.country:
        took_part = Participation.objects.filter(country__alpha3__in=filters.country).values("meeting_id")
        queryset = queryset.filter(**{f"{spec.meeting_id}__in": took_part})
    if filters.concerned:
        if spec.countries:
            through = getattr(spec.model, spec.countries).through
            own = through._meta.get_field(spec.model._meta.model_name).attname
            queryset = queryset.filter(pk__in=through.objects.filter(country__alpha3__in=filters.concerned).values(own))
        else:
            concerning = Agreement.countries.through.objects.filter(country__alpha3__in=filters.concerned)
            queryset = queryset.filter(pk__in=_public_agreements_of(spec, concerning.values("agreement_id")))
    if filters.topic:
        on_topic = Agreement.topics.through.objects.filter(topic__slug__in=filters.topic).values("agreement_id")
        if spec.type == ResultType.AGREEMENT:
            queryset = queryset.filter(pk__in=on_topic)
        elif spec.type == ResultType.ACTION_ITEM:
            queryset = queryset.filter(agreement_id__in=on_topic)
        else:
            queryset = queryset.filter(pk__in=_public_agreements_of(spec, on_topic))
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
