"""A query that names something of the archive's vocabulary, in either language, finds what is tagged with it.

"México", "CRM", "Proceso Puebla", "ACNUR" or "trata de personas" are names,
acronyms or aliases of a country, a process, an organisation or a topic; the
records tagged with that entity match even when their text says it another
way (an English agreement tagged *Trafficking in persons* for the Spanish
topic name), and rank above text-only matches. Names compare without case,
accents, punctuation or stop words, so "Mexico", "méxico" and "MÉXICO" are one.

The whole query must be the name (a few plain words: no "quoted phrase", OR or -word). The names are read
in one query into an index kept in memory (rebuilt when the vocabulary
changes, see forget_vocabulary), so a search costs no extra query.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from django.db.models import Case, CharField, Expression, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Cast

from meetings.models import Agreement, Country, CountryAlias, Organisation, Participation, Process, Topic
from meetings.search.query import STOP_WORDS, ParsedQuery
from meetings.search.records import ResultType, SearchFilters, Spec, apply_filters
from meetings.text import fold

#: Names are short: a longer query is words to look for, not a name.
MAX_NAME_WORDS = 8
#: Added to a tagged record's rank, above any text-only score, so the entity's records come first.
NAMED_BONUS = 10.0

_WORD = re.compile(r"\w+")


def name_key(text: str) -> str:
    """How names compare: "Proceso de Puebla" ~ "proceso puebla", "México" ~ "MEXICO"."""
    return " ".join(word for word in _WORD.findall(fold(text)) if word not in STOP_WORDS)


@dataclass(frozen=True)
class Named:
    """The entities a query names, by their keys in the public filters (ISO codes and slugs)."""

    countries: tuple[str, ...] = ()
    processes: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.countries or self.processes or self.topics or self.organisations)


def _names(model, key: str, *columns: str) -> list[QuerySet]:
    """(kind, key, name) rows of one vocabulary table, a row per non-empty name column."""
    kind = Value(model._meta.model_name, output_field=CharField())
    parts = [
        model.objects.exclude(**{column: ""})
        .annotate(vocabulary_kind=kind, vocabulary_key=Cast(F(key), CharField()), vocabulary_label=F(column))
        .values_list("vocabulary_kind", "vocabulary_key", "vocabulary_label")
        .order_by()
        for column in columns
    ]
    return parts


def _vocabulary() -> list[tuple[str, str, str]]:
    """Every name, acronym and alias of the vocabulary, in one query."""
    parts = [
        *_names(Country, "alpha3", "name", "name_es", "official_name"),
        *_names(Process, "slug", "name", "name_es", "acronym", "acronym_es", "other_names"),
        *_names(Topic, "slug", "name", "name_es"),
        *_names(Organisation, "slug", "name", "name_es", "acronym", "acronym_es"),
    ]
    aliases = (
        CountryAlias.objects.annotate(
            vocabulary_kind=Value("country", output_field=CharField()),
            vocabulary_key=F("country__alpha3"),
            vocabulary_label=F("name"),
        )
        .values_list("vocabulary_kind", "vocabulary_key", "vocabulary_label")
        .order_by()
    )
    first, *rest = parts
    return list(first.union(*rest, aliases, all=True))


#: name key -> {kind: entity keys}; built from _vocabulary(), dropped when the vocabulary changes
#: (post_save/post_delete, see forget_vocabulary) and at the latest after INDEX_SECONDS, for the
#: other server processes, which do not see this one's signals.
INDEX_SECONDS = 300
_index: tuple[float, dict[str, dict[str, set[str]]]] | None = None


def _name_index() -> dict[str, dict[str, set[str]]]:
    global _index
    if _index is not None and time.monotonic() - _index[0] < INDEX_SECONDS:
        return _index[1]
    index: dict[str, dict[str, set[str]]] = {}
    for kind, entity, label in _vocabulary():
        names = label.split(";") if kind == "process" else [label]  # other names are separated by semicolons
        for name in names:
            if key := name_key(name):
                index.setdefault(key, {}).setdefault(kind, set()).add(entity)
    _index = (time.monotonic(), index)
    return index


def forget_vocabulary(**kwargs) -> None:
    """post_save/post_delete of a vocabulary record: the next search rebuilds the name index."""
    global _index
    _index = None


VOCABULARY_MODELS = (Country, CountryAlias, Process, Topic, Organisation)


def named_in(parsed: ParsedQuery) -> Named:
    """What the query's words name, if they are together a name of the vocabulary."""
    # Only plain words: a "quoted phrase" asks for that exact text, and OR or -word for a text search.
    if parsed.excluded or any(len(group) != 1 or group[0].phrase for group in parsed.groups):
        return Named()
    key = name_key(" ".join(term.text for term in parsed.positive_terms))
    if not key or len(key.split()) > MAX_NAME_WORDS:
        return Named()
    found = _name_index().get(key, {})
    return Named(
        countries=tuple(sorted(found.get("country", ()))),
        processes=tuple(sorted(found.get("process", ()))),
        topics=tuple(sorted(found.get("topic", ()))),
        organisations=tuple(sorted(found.get("organisation", ()))),
    )


def named_q(spec: Spec, named: Named) -> Q:
    """The records of `spec`'s type that are about what the query names.

    A country: the meetings it took part in, and the agreements, documents and
    commitments that concern it (not every record of every meeting it
    attended). A process: its meetings and their documents. A topic: the
    agreements tagged with it and the commitments they set. An organisation:
    the meetings it attended and the agreements that concern it.
    """
    condition = Q()
    everything = spec.model.objects.all()
    is_meeting = spec.type == ResultType.MEETING

    def ids(filters: SearchFilters) -> QuerySet:
        return apply_filters(spec, everything, filters).values("pk")

    if named.countries:
        condition |= Q(
            pk__in=ids(
                SearchFilters(country=named.countries) if is_meeting else SearchFilters(concerned=named.countries)
            )
        )
    if named.processes and spec.type in (ResultType.MEETING, ResultType.DOCUMENT):
        condition |= Q(pk__in=ids(SearchFilters(process=named.processes)))
    if named.topics and spec.type in (ResultType.AGREEMENT, ResultType.ACTION_ITEM):
        condition |= Q(pk__in=ids(SearchFilters(topic=named.topics)))
    if named.organisations:
        if is_meeting:
            attended = Participation.objects.filter(organisation__slug__in=named.organisations).values("meeting_id")
            condition |= Q(pk__in=attended)
        elif spec.type == ResultType.AGREEMENT:
            concerning = Agreement.organisations.through.objects.filter(organisation__slug__in=named.organisations)
            condition |= Q(pk__in=concerning.values("agreement_id"))
    return condition


class VocabularyBackend:
    """Another backend's text search, plus the records tagged with what the query names."""

    def __init__(self, inner, parsed: ParsedQuery):
        self.inner = inner
        self.parsed = parsed
        self.named = named_in(parsed) if parsed.is_searchable else Named()

    def match(self, spec: Spec) -> Q | Expression:
        text = self.inner.match(spec)
        about = named_q(spec, self.named) if self.named else Q()
        if not about:
            return text
        return (text if isinstance(text, Q) else Q(text)) | about

    def rank(self, spec: Spec) -> Expression:
        rank = self.inner.rank(spec)
        about = named_q(spec, self.named) if self.named else Q()
        if not about:
            return rank
        # Commitments follow their agreements: the records the name is about come first.
        points = NAMED_BONUS / 2 if spec.type == ResultType.ACTION_ITEM else NAMED_BONUS
        bonus = Case(When(about, then=Value(points)), default=Value(0.0), output_field=FloatField())
        return rank + bonus

    def snippet_annotation(self, spec: Spec) -> Expression | None:
        return self.inner.snippet_annotation(spec)
