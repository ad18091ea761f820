"""The parser's view of a text: numbered lines with their offsets, sentences, the header."""

from __future__ import annotations

import re
from dataclasses import dataclass

from meetings.importer.parsing.patterns import BOOKMARK, SENTENCE_END


@dataclass
class _Line:
    index: int
    offset: int
    raw: str

    @property
    def text(self) -> str:
        return BOOKMARK.sub("", self.raw).strip()

    @property
    def indent(self) -> int:
        stripped = self.raw.lstrip(" \t")
        return len(self.raw[: len(self.raw) - len(stripped)].expandtabs(4))


def split_lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for index, raw in enumerate(text.split("\n")):
        lines.append(_Line(index, offset, raw))
        offset += len(raw) + 1
    return lines


def sentences(text: str, base: int = 0) -> list[tuple[int, str]]:
    """The sentences of `text` with where each starts (offset by `base`)."""
    out, start = [], 0
    for match in SENTENCE_END.finditer(text):
        out.append((base + start, text[start : match.start()]))
        start = match.end()
    out.append((base + start, text[start:]))
    return [(pos, s) for pos, s in out if s.strip()]


def opening_sentences(text: str) -> list[str]:
    """The sentences of the first paragraphs (a paragraph broken by a stray "/" line counts as one)."""
    text = re.sub(r"\n(?=/)", " ", text[:6000])
    return [s for paragraph in text.split("\n") for _, s in sentences(paragraph)]


def prose_sentences(text: str) -> list[tuple[int, str]]:
    """Every sentence of `text` with its offset: lines of one paragraph (no blank line between them)
    are read as one, so a hard-wrapped sentence stays whole. Offsets are those of `text`."""
    out: list[tuple[int, str]] = []
    flat = text.replace("\n", " ")
    start = 0
    for match in re.finditer(r"\n[ \t]*\n", text):
        out += sentences(flat[start : match.start()], start)
        start = match.end()
    out += sentences(flat[start:], start)
    return [(pos + len(s) - len(s.lstrip()), s.strip()) for pos, s in out]
