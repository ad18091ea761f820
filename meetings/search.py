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

import datetime
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVectorField,
)
from django.db import connections, models
from django.db.models import Count, Expression, F, Func, Q, QuerySet, Value
from django.db.models.functions import Cast, Least, Length, Lower, NullIf, Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from meetings.models import ActionItem, Agreement, Document, Meeting, Participation

#: Longest query searched; the rest is cut off (and `truncated` says so).
MAX_QUERY_LENGTH = 500
#: Most words and phrases in one query; further ones are ignored.
MAX_TERMS = 32
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
#: Deepest offset served: paging past ten thousand hits is a crawler, not a reader.
MAX_OFFSET = 10_000

#: The configurations records are indexed with (see meetings_search_config()
#: in the migration); a query is parsed in each of them and the results OR-ed,
#: so an English query finds Spanish records whose stems agree, and vice versa.
PG_CONFIGS = ("english", "spanish", "portuguese", "french")

SQLITE_LIMITS = """\
Search on SQLite (the embedded default) is a simpler fallback behind the same
interface; production on PostgreSQL gets real full-text search.

- Words are matched as substrings, case-insensitively for unaccented Latin
  letters only: "protección" does not find "PROTECCIÓN" nor "proteccion".
- Stemming is a crude English suffix trim (-s, -es, -ies, -ed, -ing), so
  "trafficked" finds "trafficking", but "migraciones" does not find
  "migración"; PostgreSQL stems English and Spanish properly.
- A "quoted phrase" matches only where the words are separated exactly as
  typed (a single space); a line break or double space in the source text
  breaks the match.
- Very common English and Spanish words ("the", "of", "de", "la") are ignored.
- Ranking counts weighted occurrences (titles and agreement texts above the
  long document texts), capped at five per field; it is not a relevance model.
- Every search scans the tables (no index), which is fine for thousands of
  records, not for millions.
"""

# Very common words: a query made only of them cannot be searched. English is
# PostgreSQL's english.stop; Spanish keeps the articles, prepositions and
# conjunctions of spanish.stop (not its verb forms such as "estados").
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
    herself it its itself they them their theirs themselves what which who whom this that these those am is are
    was were be been being have has had having do does did doing a an the and but if or because as until while
    of at by for with about against between into through during before after above below to from up down in out
    on off over under again further then once here there when where why how all any both each few more most other
    some such no nor not only own same so than too very s t can will just don should now
    de del al la las el los lo un una unos unas y e o u ni que se en por para con sin sobre entre hasta desde
    durante ante contra su sus le les como más pero ya muy
    """.split()
)

# ts_headline and the Python snippets mark matches with these private-use
# characters; the text around them is escaped before they become <mark>.
_MARK_START, _MARK_END = "\ue000", "\ue001"
_SNIPPET_CHARS = 240
_SNIPPET_JOINER = " — "


class ResultType(models.TextChoices):
    MEETING = "meeting", "Meeting"
    DOCUMENT = "document", "Document"
    AGREEMENT = "agreement", "Agreement"
    ACTION_ITEM = "action_item", "Action item"


# --------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A word or a "quoted phrase", as typed (whitespace collapsed)."""

    text: str
    phrase: bool = False

    def websearch(self) -> str:
        return f'"{self.text}"' if self.phrase else self.text

    @cached_property
    def needle(self) -> str:
        """What the SQLite fallback looks for: lower case, a word trimmed to its stem."""
        text = self.text.lower()
        return text if self.phrase else _trim_suffix(text)


@dataclass(frozen=True)
class ParsedQuery:
    """A cleaned query: every group must match (any term of a group will do), no excluded term may."""

    text: str
    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    truncated: bool = False
    #: Why nothing can be searched ("" when the query is fine), for the page to show.
    message: str = ""

    def __str__(self) -> str:
        return self.text

    @property
    def is_searchable(self) -> bool:
        return not self.message

    @property
    def positive_terms(self) -> tuple[Term, ...]:
        return tuple(term for group in self.groups for term in group)

    def group_strings(self) -> list[str]:
        """Each group in websearch_to_tsquery syntax: `a`, `"b c" OR d`."""
        return [" OR ".join(term.websearch() for term in group) for group in self.groups]

    def websearch(self) -> str:
        """The positive part as one string, for display and logs: `a "b c" OR d`."""
        return " ".join(self.group_strings())

    def websearch_excluded(self) -> str:
        """The excluded terms as one alternative: `x OR "y z"`."""
        return " OR ".join(term.websearch() for term in self.excluded)


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")
_WHITESPACE = re.compile(r"\s+")


def clean_query(raw: Any) -> tuple[str, bool]:
    """The query without control characters, whitespace collapsed, cut to MAX_QUERY_LENGTH; and whether it was cut."""
    if not isinstance(raw, str):
        raw = ""  # a query is text; anything else (None, a list from a repeated parameter) is no query
    # Look at a bounded prefix only: a megabyte of input costs no more than a kilobyte.
    raw = raw[: MAX_QUERY_LENGTH * 4]
    chars = []
    for ch in raw:
        category = unicodedata.category(ch)
        if category in ("Cc", "Zl", "Zp"):
            chars.append(" ")  # NUL, tabs, newlines and other control characters separate words
        elif category in ("Cf", "Cs", "Co", "Cn"):
            continue  # format marks, lone surrogates, private-use (our markers) and unassigned code points
        else:
            chars.append(ch)
    text = _WHITESPACE.sub(" ", "".join(chars)).strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] if " " in text[:MAX_QUERY_LENGTH] else text[:MAX_QUERY_LENGTH]
    return text, truncated


def _make_term(text: str, phrase: bool) -> Term | None:
    words = [_EDGE_PUNCTUATION.sub("", word) for word in text.split()]
    words = [word for word in words if any(ch.isalnum() for ch in word)]
    if not words:
        return None
    if phrase and len(words) > 1:
        return Term(" ".join(words), phrase=True)
    return Term(words[0] if len(words) == 1 else " ".join(words), phrase=len(words) > 1)


def _is_common(term: Term) -> bool:
    return all(word.casefold() in STOP_WORDS for word in term.text.split())


def parse_query(raw: Any) -> ParsedQuery:
    """Parse what a person typed; never raises, whatever the input.

    An already parsed query is returned as it is, so a form field can parse
    once and keep `truncated` for the page to show.
    """
    if isinstance(raw, ParsedQuery):
        return raw
    text, truncated = clean_query(raw)
    if not text:
        return ParsedQuery(text, truncated=truncated, message="Type at least one word to search for.")

    groups: list[list[Term]] = []
    excluded: list[Term] = []
    saw_word = saw_common = False
    pending_or = False
    count = 0
    seen: set[Term] = set()
    for match in _TOKEN.finditer(text):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word == "OR":
            pending_or = bool(groups)
            continue
        if phrase is None:
            negated = word.startswith("-")
            term = _make_term(word.lstrip("-"), phrase=False)
        else:
            term = _make_term(phrase, phrase=True)
        if term is None:  # punctuation, a lone "-", empty quotes
            continue
        saw_word = True
        if _is_common(term):
            saw_common = True
            pending_or = False
            continue
        if term in seen:
            pending_or = False
            continue
        seen.add(term)
        count += 1
        if count > MAX_TERMS:
            truncated = True
            break
        if negated:
            excluded.append(term)
            pending_or = False
        elif pending_or:
            groups[-1].append(term)
            pending_or = False
        else:
            groups.append([term])

    message = ""
    if not groups:
        if excluded:
            message = "Add a word to look for: a search cannot consist only of excluded words (“-word”)."
        elif saw_common:
            message = "Your search has only very common words (such as “the” or “of”): add a more specific word."
        elif saw_word:
            message = "Type at least one word to search for."
        else:
            message = "Type at least one word to search for: punctuation alone cannot be searched."
    return ParsedQuery(
        text,
        groups=tuple(tuple(group) for group in groups),
        excluded=tuple(excluded),
        truncated=truncated,
        message=message,
    )


def _trim_suffix(word: str) -> str:
    """A crude English stem for the SQLite fallback: "trafficked" → "traffick", "countries" → "countr"."""
    for suffix in ("ies", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


# --------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# What is searched in each kind of record
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
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


_SPECS: dict[str, _Spec] = {
    spec.type.value: spec
    for spec in (
        _Spec(
            ResultType.MEETING,
            Meeting,
            meeting_id="pk",
            meeting="",
            fields=(("title", 1.0), ("edition", 1.0), ("theme", 1.0), ("summary", 0.4), ("city", 0.2), ("venue", 0.2)),
            snippet_fields=("theme", "summary"),
            select_related=("host_country",),
        ),
        _Spec(
            ResultType.DOCUMENT,
            Document,
            meeting_id="meeting_id",
            meeting="meeting",
            fields=(("title", 1.0), ("symbol", 1.0), ("text", 0.1)),
            snippet_fields=("text",),
            select_related=("meeting__host_country",),
        ),
        _Spec(
            ResultType.AGREEMENT,
            Agreement,
            meeting_id="document__meeting_id",
            meeting="document__meeting",
            fields=(("text", 1.0), ("section_heading", 0.4)),
            snippet_fields=("section_heading", "text"),
            select_related=("document__meeting__host_country",),
            countries="countries",
        ),
        _Spec(
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
_SPEC_BY_MODEL = {spec.model: spec for spec in _SPECS.values()}


def _selected_types(types: Iterable[str] | str | None) -> list[str]:
    """The requested types in display order; unknown names are ignored, and none means all."""
    if isinstance(types, str):
        types = [types]
    wanted = {str(t) for t in types or ()}
    selected = [t for t in _SPECS if t in wanted]
    return selected or list(_SPECS)


def _apply_filters(spec: _Spec, queryset: QuerySet, filters: SearchFilters) -> QuerySet:
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


# --------------------------------------------------------------------------
# Backends: how a query matches and ranks
# --------------------------------------------------------------------------


class SearchVectorColumn(Expression):
    """The `search_vector` column the migration adds, on the query's own table (whatever its alias)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.base_table or compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.search_vector", []


class TSMatch(Func):
    """vector @@ query"""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = models.BooleanField()


def _balanced(queries: list, operator: str):
    """Join tsqueries with && or || as a balanced tree (a chain of 128 would be 128 levels deep)."""
    if len(queries) == 1:
        return queries[0]
    middle = len(queries) // 2
    left, right = _balanced(queries[:middle], operator), _balanced(queries[middle:], operator)
    return left & right if operator == "&" else left | right


class _AndNot(Func):
    """tsquery && !!tsquery: the positive query, without anything the excluded one finds."""

    arg_joiner = " && !!"
    template = "(%(expressions)s)"
    output_field = SearchQueryField()


def _uses_postgres(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"


class _PostgresBackend:
    def __init__(self, parsed: ParsedQuery):
        self.parsed = parsed

    @cached_property
    def positive(self):
        """Every group must match, in the record's own configuration.

        Each group goes to websearch_to_tsquery on its own ("a OR \"b c\"" gives
        'a' | 'b' <-> 'c') and the groups are joined with &&, so OR binds its two
        neighbours only, as the parser reads it; websearch_to_tsquery alone
        would read "a b OR c" as (a & b) | c.
        """
        per_config = [
            _balanced(
                [SearchQuery(group, config=config, search_type="websearch") for group in self.parsed.group_strings()],
                "&",
            )
            for config in PG_CONFIGS
        ]
        return _balanced(per_config, "|")

    @cached_property
    def query(self):
        if not self.parsed.excluded:
            return self.positive
        # Exclusions apply in every configuration: a record is dropped if any of them finds the word.
        excluded = _balanced(
            [SearchQuery(self.parsed.websearch_excluded(), config=c, search_type="websearch") for c in PG_CONFIGS],
            "|",
        )
        return _AndNot(self.positive, excluded)

    def match(self, spec: _Spec) -> Q | Expression:
        return TSMatch(SearchVectorColumn(), self.query)

    def rank(self, spec: _Spec) -> Expression:
        # Normalization 1 divides by 1 + log(length): a long report that says a
        # word often does not bury the short agreement that is about it.
        return SearchRank(SearchVectorColumn(), self.positive, normalization=Value(1))

    def snippet_annotation(self, spec: _Spec) -> Expression | None:
        parts = [NullIf(F(name), Value("")) for name in spec.snippet_fields]
        source = Func(Value(_SNIPPET_JOINER), *parts, function="concat_ws", output_field=models.TextField())
        source = Replace(Replace(source, Value(_MARK_START), Value("")), Value(_MARK_END), Value(""))
        return SearchHeadline(
            source,
            self.positive,
            config=_config_expression(spec),
            start_sel=_MARK_START,
            stop_sel=_MARK_END,
            max_words=35,
            min_words=15,
            short_word=2,
            max_fragments=2,
            fragment_delimiter=" … ",
        )


def _config_expression(spec: _Spec) -> Expression:
    """The record's text-search configuration, as the triggers choose it."""
    text = models.TextField()
    if spec.type == ResultType.MEETING:
        language = Func(F("pk"), function="meetings_meeting_language", output_field=text)
    elif spec.type == ResultType.DOCUMENT:
        language = F("language")
    elif spec.type == ResultType.AGREEMENT:
        language = F("document__language")
    else:
        language = Func(F("meeting_id"), F("agreement_id"), function="meetings_actionitem_language", output_field=text)
    return Func(language, function="meetings_search_config", output_field=text)


class _SubstringBackend:
    """The fallback for databases without full-text search: see SQLITE_LIMITS."""

    def __init__(self, parsed: ParsedQuery):
        self.parsed = parsed

    @staticmethod
    def _term_q(spec: _Spec, term: Term) -> Q:
        condition = Q()
        for name, _weight in spec.fields:
            condition |= Q(**{f"{name}__icontains": term.needle})
        return condition

    def match(self, spec: _Spec) -> Q:
        condition = Q()
        for group in self.parsed.groups:
            alternatives = Q()
            for term in group:
                alternatives |= self._term_q(spec, term)
            condition &= alternatives
        for term in self.parsed.excluded:
            condition &= ~self._term_q(spec, term)
        return condition

    def rank(self, spec: _Spec) -> Expression:
        float_field = models.FloatField()
        scores = [Value(0.0, output_field=float_field)]
        for term in self.parsed.positive_terms:
            needle = term.needle
            for name, weight in spec.fields:
                occurrences = (Length(F(name)) - Length(Replace(Lower(F(name)), Value(needle), Value("")))) / Value(
                    float(len(needle))
                )
                scores.append(Value(weight) * Least(Cast(occurrences, float_field), Value(5.0)))
        # One flat sum: nesting a + b + c ... two hundred deep would exhaust Python's recursion limit.
        return Func(*scores, template="(%(expressions)s)", arg_joiner=" + ", output_field=float_field)

    def snippet_annotation(self, spec: _Spec) -> Expression | None:
        return None


def _backend(parsed: ParsedQuery):
    return _PostgresBackend(parsed) if _uses_postgres() else _SubstringBackend(parsed)


def _hits(spec: _Spec, backend, filters: SearchFilters) -> QuerySet:
    """The public records of one type that match, within the filters; unordered."""
    return _apply_filters(spec, spec.public(), filters).filter(backend.match(spec)).order_by()


# --------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------


def _render_marked(text: str) -> SafeString:
    """Escape a text whose matches are wrapped in the marker characters, and turn the markers into <mark>."""
    text = _WHITESPACE.sub(" ", text).strip()
    parts = re.split(f"({_MARK_START}|{_MARK_END})", text)
    html, open_mark = [], False
    for part in parts:
        if part == _MARK_START and not open_mark:
            html.append("<mark>")
            open_mark = True
        elif part == _MARK_END and open_mark:
            html.append("</mark>")
            open_mark = False
        elif part not in (_MARK_START, _MARK_END):
            html.append(str(escape(part)))
    if open_mark:
        html.append("</mark>")
    return mark_safe("".join(html))  # noqa: S308 - every piece of source text went through escape()


def _python_snippet(text: str, parsed: ParsedQuery) -> SafeString:
    """A window of the text around the first match, matches marked (the SQLite fallback's ts_headline)."""
    text = _WHITESPACE.sub(" ", (text or "").replace(_MARK_START, "").replace(_MARK_END, "")).strip()
    patterns = []
    for term in parsed.positive_terms:
        needle = re.escape(term.needle).replace(r"\ ", r"\s+")
        patterns.append(needle if term.phrase else rf"\w*{needle}\w*")
    if not patterns:
        return _render_marked(text[:_SNIPPET_CHARS])
    pattern = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    first = pattern.search(text)
    start = 0
    if first and first.start() > _SNIPPET_CHARS // 3:
        start = text.rfind(" ", 0, first.start() - _SNIPPET_CHARS // 3) + 1
    end = start + _SNIPPET_CHARS
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    window = text[start:end]
    marked = pattern.sub(lambda m: f"{_MARK_START}{m.group(0)}{_MARK_END}", window)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return _render_marked(f"{prefix}{marked}{suffix}")


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
            return "Nothing matches: try fewer words, another spelling, or remove a filter."
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
    backend = _backend(parsed)
    selected = _selected_types(types)

    parts = [
        _hits(_SPECS[t], backend, filters)
        .annotate(
            result_type=Value(t, output_field=models.CharField()),
            result_id=F("pk"),
            result_rank=Cast(backend.rank(_SPECS[t]), models.FloatField()),
        )
        .values_list("result_type", "result_id", "result_rank")
        for t in selected
    ]
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    page = list(combined.order_by("-result_rank", "result_type", "result_id")[offset : offset + limit])

    if offset == 0 and len(page) < limit:
        counts = Counter(row[0] for row in page)
    else:
        counts = _type_counts(backend, filters, selected)
    results.counts = {t: counts.get(t, 0) for t in selected}
    results.total = sum(results.counts.values())
    results.hits = _load_hits(page, backend, parsed)
    return results


def _type_counts(backend, filters: SearchFilters, selected: list[str]) -> Counter:
    parts = [
        _hits(_SPECS[t], backend, filters)
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
        spec = _SPECS[result_type]
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
        spec = _SPECS[result_type]
        if hasattr(obj, "search_snippet"):
            snippet = _render_marked(obj.search_snippet or "")
        else:
            source = _SNIPPET_JOINER.join(filter(None, (getattr(obj, name) for name in spec.snippet_fields)))
            snippet = _python_snippet(source, parsed)
        hits.append(SearchHit(ResultType(result_type), obj, float(rank or 0.0), snippet))
    return hits


# --------------------------------------------------------------------------
# Facets
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetCount:
    value: str
    label: str
    count: int


def facet_counts(
    query: Any,
    *,
    types: Iterable[str] | str | None = None,
    filters: SearchFilters | None = None,
) -> dict[str, list[FacetCount]]:
    """For each facet (type, process, country, topic), how many hits each choice would give.

    A facet's counts apply every current filter except its own, so a
    researcher sees where the records are. The type facet counts every type;
    the others count the selected types. One query per facet; empty when the
    query cannot be searched.
    """
    parsed = parse_query(query)
    facets: dict[str, list[FacetCount]] = {"type": [], "process": [], "country": [], "topic": []}
    if not parsed.is_searchable:
        return facets
    filters = filters or SearchFilters()
    backend = _backend(parsed)
    selected = _selected_types(types)

    type_counts = _type_counts(backend, filters, list(_SPECS))
    facets["type"] = [FacetCount(t, _SPECS[t].type.label, type_counts[t]) for t in _SPECS if type_counts.get(t)]

    def grouped(queryset: QuerySet, value: str, label: str, sign: int = 1, count: str = "pk") -> QuerySet:
        """(value, label, number of distinct records, sign) rows of one type's hits."""
        return (
            queryset.order_by()
            .annotate(facet_value=F(value), facet_label=F(label))
            .filter(facet_value__isnull=False)
            .values("facet_value", "facet_label")
            .annotate(n=Count(count, distinct=True), sign=Value(sign))
            .values_list("facet_value", "facet_label", "n", "sign")
        )

    def collect(parts: list[QuerySet]) -> list[FacetCount]:
        totals: dict[str, int] = defaultdict(int)
        labels: dict[str, str] = {}
        combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        for value, label, n, sign in combined:
            totals[value] += n * sign
            labels[value] = label
        options = [FacetCount(v, labels[v], n) for v, n in totals.items() if n > 0]
        return sorted(options, key=lambda option: (-option.count, option.label))

    # Process: a meeting belongs to a process once, so the join repeats nothing.
    facets["process"] = collect(
        [
            grouped(
                _hits(spec, backend, filters.without("process")),
                spec.path("processes__slug"),
                spec.path("processes__name"),
            )
            for spec in (_SPECS[t] for t in selected)
        ]
    )

    # Country: took part in the meeting, or (agreements, action items) concerned
    # by it / responsible for it: |took part| + |concerned| - |both|.
    country_parts = []
    for spec in (_SPECS[t] for t in selected):
        hits = _hits(spec, backend, filters.without("country"))
        took_part = spec.path("participations__country")
        country_parts.append(grouped(hits, f"{took_part}__alpha3", f"{took_part}__name"))
        if spec.countries:
            country_parts.append(grouped(hits, f"{spec.countries}__alpha3", f"{spec.countries}__name"))
            both = hits.filter(**{took_part: F(spec.countries)})
            country_parts.append(grouped(both, f"{spec.countries}__alpha3", f"{spec.countries}__name", -1))
    facets["country"] = collect(country_parts)

    # Topic: agreements on it; the meetings and documents with such a public
    # agreement; action items set by such an agreement.
    topic_parts = []
    for spec in (_SPECS[t] for t in selected):
        hits = _hits(spec, backend, filters.without("topic"))
        if spec.type == ResultType.AGREEMENT:
            topic_parts.append(grouped(hits, "topics__slug", "topics__name"))
        elif spec.type == ResultType.ACTION_ITEM:
            topic_parts.append(grouped(hits, "agreement__topics__slug", "agreement__topics__name"))
        else:
            target = "document__meeting_id" if spec.type == ResultType.MEETING else "document_id"
            agreements = Agreement.objects.public().filter(**{f"{target}__in": hits.values("pk")})
            topic_parts.append(grouped(agreements, "topics__slug", "topics__name", count=target))
    facets["topic"] = collect(topic_parts)
    return facets


# --------------------------------------------------------------------------
# List pages
# --------------------------------------------------------------------------


def filter_queryset(queryset: QuerySet, query: Any, *, order_by_rank: bool = False) -> QuerySet:
    """Apply `q` to a meeting, document, agreement or action item list queryset.

    A blank query leaves the queryset as it is; one that cannot be searched
    (see `parse_query(q).message`) gives no rows. Matching rows are annotated
    with `search_rank`, and ordered by it (best first) on request. The result
    is always restricted to public records.
    """
    spec = _SPEC_BY_MODEL.get(queryset.model)
    if spec is None:
        raise TypeError(f"Search does not cover {queryset.model.__name__} records.")
    parsed = parse_query(query)
    if not parsed.text:
        return queryset
    if not parsed.is_searchable:
        return queryset.none()
    backend = _backend(parsed)
    queryset = queryset.public().filter(backend.match(spec)).annotate(search_rank=backend.rank(spec))
    if order_by_rank:
        queryset = queryset.order_by("-search_rank", *queryset.query.order_by)
    return queryset


__all__ = [
    "MAX_QUERY_LENGTH",
    "SQLITE_LIMITS",
    "FacetCount",
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
