"""The PostgreSQL backend: weighted tsvector columns (kept by triggers), websearch_to_tsquery, ts_rank, ts_headline."""

from __future__ import annotations

from functools import cached_property

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVectorField,
)
from django.db import models
from django.db.models import Expression, F, Func, Q, Value
from django.db.models.functions import NullIf, Replace

from meetings.search.query import ParsedQuery
from meetings.search.records import ResultType, Spec
from meetings.search.snippets import MARK_END, MARK_START, SNIPPET_JOINER

#: The configurations records are indexed with (see meetings_search_config()
#: in the migration); a query is parsed in each of them and the results OR-ed,
#: so an English query finds Spanish records whose stems agree, and vice versa.
PG_CONFIGS = ("english", "spanish", "portuguese", "french")


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


class PostgresBackend:
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

    def match(self, spec: Spec) -> Q | Expression:
        return TSMatch(SearchVectorColumn(), self.query)

    def rank(self, spec: Spec) -> Expression:
        # Normalization 1 divides by 1 + log(length): a long report that says a
        # word often does not bury the short agreement that is about it.
        return SearchRank(SearchVectorColumn(), self.positive, normalization=Value(1))

    def snippet_annotation(self, spec: Spec) -> Expression | None:
        parts = [NullIf(F(name), Value("")) for name in spec.snippet_fields]
        source = Func(Value(SNIPPET_JOINER), *parts, function="concat_ws", output_field=models.TextField())
        source = Replace(Replace(source, Value(MARK_START), Value("")), Value(MARK_END), Value(""))
        return SearchHeadline(
            source,
            self.positive,
            config=_config_expression(spec),
            start_sel=MARK_START,
            stop_sel=MARK_END,
            max_words=35,
            min_words=15,
            short_word=2,
            max_fragments=2,
            fragment_delimiter=" … ",
        )


def _config_expression(spec: Spec) -> Expression:
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
