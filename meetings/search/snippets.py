"""Snippets: the source text escaped, the matched words in <mark>."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from meetings.search.query import ParsedQuery

# ts_headline and the Python snippets mark matches with these private-use
# characters; the text around them is escaped before they become <mark>.
MARK_START, MARK_END = "\ue000", "\ue001"
SNIPPET_CHARS = 240
SNIPPET_JOINER = " — "

_WHITESPACE = re.compile(r"\s+")


def render_marked(text: str) -> SafeString:
    """Escape a text whose matches are wrapped in the marker characters, and turn the markers into <mark>."""
    text = _WHITESPACE.sub(" ", text).strip()
    parts = re.split(f"({MARK_START}|{MARK_END})", text)
    html, open_mark = [], False
    for part in parts:
        if part == MARK_START and not open_mark:
            html.append("<mark>")
            open_mark = True
        elif part == MARK_END and open_mark:
            html.append("</mark>")
            open_mark = False
        elif part not in (MARK_START, MARK_END):
            html.append(str(escape(part)))
    if open_mark:
        html.append("</mark>")
    return mark_safe("".join(html))  # noqa: S308 - every piece of source text went through escape()


def python_snippet(text: str, parsed: ParsedQuery) -> SafeString:
    """A window of the text around the first match, matches marked (the SQLite fallback's ts_headline)."""
    text = _WHITESPACE.sub(" ", (text or "").replace(MARK_START, "").replace(MARK_END, "")).strip()
    patterns = []
    for term in parsed.positive_terms:
        needle = re.escape(term.needle).replace(r"\ ", r"\s+")
        patterns.append(needle if term.phrase else rf"\w*{needle}\w*")
    if not patterns:
        return render_marked(text[:SNIPPET_CHARS])
    pattern = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    first = pattern.search(text)
    start = 0
    if first and first.start() > SNIPPET_CHARS // 3:
        start = text.rfind(" ", 0, first.start() - SNIPPET_CHARS // 3) + 1
    end = start + SNIPPET_CHARS
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    window = text[start:end]
    marked = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", window)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return render_marked(f"{prefix}{marked}{suffix}")
