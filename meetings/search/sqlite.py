"""The fallback for databases without full-text search (the embedded SQLite default): substrings, weighted counts."""

from __future__ import annotations

from django.db import models
from django.db.models import Expression, F, Func, Q, Value
from django.db.models.functions import Cast, Least, Length, Replace
from django.db.models.lookups import Contains

from meetings.search.query import ParsedQuery, Term
from meetings.search.records import Spec
from meetings.text import FOLD_FUNCTION, fold

SQLITE_LIMITS = """\
Search on SQLite (the embedded default) is a simpler fallback behind the same
interface; production on PostgreSQL gets real full-text search.

- Words are matched as substrings, without case or accents: "proteccion"
  finds "PROTECCIÓN" and "protección" finds "Proteccion".
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


class Folded(Func):
    """The text with case and accents folded, by the SQLite function meetings/apps.py registers (text.fold)."""

    function = FOLD_FUNCTION
    output_field = models.TextField()


class SubstringBackend:
    """The fallback for databases without full-text search: see SQLITE_LIMITS."""

    def __init__(self, parsed: ParsedQuery):
        self.parsed = parsed

    @staticmethod
    def _term_q(spec: Spec, term: Term) -> Q:
        # Both sides folded (case and accents out): "proteccion" finds "PROTECCIÓN" and the reverse.
        needle = fold(term.needle)
        condition = Q()
        for name, _weight in spec.fields:
            condition |= Q(Contains(Folded(F(name)), Value(needle)))
        return condition

    def match(self, spec: Spec) -> Q:
        condition = Q()
        for group in self.parsed.groups:
            alternatives = Q()
            for term in group:
                alternatives |= self._term_q(spec, term)
            condition &= alternatives
        for term in self.parsed.excluded:
            condition &= ~self._term_q(spec, term)
        return condition

    def rank(self, spec: Spec) -> Expression:
        float_field = models.FloatField()
        scores = [Value(0.0, output_field=float_field)]
        for term in self.parsed.positive_terms:
            needle = fold(term.needle)
            for name, weight in spec.fields:
                folded = Folded(F(name))
                occurrences = (Length(folded) - Length(Replace(folded, Value(needle), Value("")))) / Value(
                    float(len(needle))
                )
                scores.append(Value(weight) * Least(Cast(occurrences, float_field), Value(5.0)))
        # One flat sum: nesting a + b + c ... two hundred deep would exhaust Python's recursion limit.
        return Func(*scores, template="(%(expressions)s)", arg_joiner=" + ", output_field=float_field)

    def snippet_annotation(self, spec: Spec) -> Expression | None:
        return None
