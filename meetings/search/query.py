"""Reading what a person typed into a search: words, "quoted phrases", OR, -exclusions."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.utils.translation import gettext_lazy as _

#: Longest query searched; the rest is cut off (and `truncated` says so).
MAX_QUERY_LENGTH = 500
#: Most words and phrases in one query; further ones are ignored.
MAX_TERMS = 32
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
#: Deepest offset served: paging past ten thousand hits is a crawler, not a reader.
MAX_OFFSET = 10_000

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
        return ParsedQuery(text, truncated=truncated, message=_("Type at least one word to search for."))

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
            message = _("Add a word to look for: a search cannot consist only of excluded words (“-word”).")
        elif saw_common:
            message = _("Your search has only very common words (such as “the” or “of”): add a more specific word.")
        elif saw_word:
            message = _("Type at least one word to search for.")
        else:
            message = _("Type at least one word to search for: punctuation alone cannot be searched.")
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
