"""The parser's state and the order of its steps; each step lives in a module of its own."""

from __future__ import annotations

from meetings.importer.cleaning import clean_text
from meetings.importer.errors import DocumentImportError
from meetings.importer.parsing import lines as _lines
from meetings.importer.parsing.draft import DocumentDraft, ImportDraft
from meetings.importer.parsing.lines import _Line
from meetings.importer.parsing.operative import is_preambular, opens_operative
from meetings.importer.parsing.patterns import BULLET, MARKER_LINES, NUMBERED
from meetings.importer.parsing.words import detect_language
from meetings.importer.vocabulary import Vocabulary
from meetings.models import AgreementSection, DocumentKind


class ParserBase:
    def __init__(self, raw_text: str, vocabulary: Vocabulary | None = None, process: str | None = None):
        self.vocabulary = vocabulary or Vocabulary.load()
        cleaned = clean_text(raw_text)
        self.text = cleaned.text
        self.preamble = cleaned.preamble
        self.lines: list[_Line] = _lines.split_lines(self.text)
        #: Every sentence, a hard-wrapped paragraph read as one, with its offset in `text`.
        self.prose: list[tuple[int, str]] = _lines.prose_sentences(self.text)
        self.placed: set[int] = set()
        self.printed_city = ""
        self.forced_process = process
        self.draft = ImportDraft(
            title="",
            start_date=None,
            end_date=None,
            document=DocumentDraft(
                title="", kind=DocumentKind.OTHER, language=detect_language(self.text), text=self.text
            ),
        )
        self.draft.notes += [f"Left out of the text: {what}." for what in cleaned.removed]
        self.draft.source = cleaned.source

    # -- helpers ------------------------------------------------------------

    def line_at(self, offset: int) -> _Line:
        for line in reversed(self.lines):
            if line.offset <= offset:
                return line
        return self.lines[0]

    def place_span(self, start: int, stop: int) -> None:
        for line in self.lines:
            if line.offset < stop and start < line.offset + len(line.raw) + 1:
                self.placed.add(line.index)

    def header_lines(self) -> list[_Line]:
        """The short lines that open the document, before its first paragraph."""
        header = []
        for line in self.lines:
            text = line.text
            if not text:
                continue
            found = self.heading(text)
            if len(text) > 220 or MARKER_LINES.match(text) or text.lower() == "participants":
                break
            if found and found[0] != AgreementSection.OTHER:
                break
            if len(text) > 100 and text.endswith("."):
                break
            if NUMBERED.match(text) or BULLET.match(text) or is_preambular(text) or opens_operative(text):
                break  # the body has begun: an item, a preamble, "ACUERDAN:"
            header.append(line)
            if len(header) >= 8:
                break
        return header

    def sentences(self, text: str, base: int = 0) -> list[tuple[int, str]]:
        return _lines.sentences(text, base)

    def opening_sentences(self) -> list[str]:
        return _lines.opening_sentences(self.text)

    # -- the steps ----------------------------------------------------------

    def parse(self) -> ImportDraft:
        if not self.text.strip():
            raise DocumentImportError("the document holds no text once the page noise is taken out.")
        header = self.header_lines()
        self.find_when_and_where(header)
        self.find_titles(header)
        self.find_processes()
        self.find_participants()
        self.find_agreements()
        self.find_action_items()
        self.finish()
        return self.draft

    def finish(self) -> None:
        draft = self.draft
        for line in self.lines:
            if line.text and line.index not in self.placed:
                draft.unplaced.append(line.text)
        if draft.start_date is None and not (
            draft.agreements or draft.participants or draft.host_country or draft.city or draft.processes
        ):
            raise DocumentImportError(
                "the text has no recognisable structure: no meeting date, no place, no participants "
                "and no numbered, lettered or bulleted items."
            )
        if not draft.host_country and "host_country" not in draft.missing:
            draft.notes.append("No place (city, country) recognised.")
        if not draft.agreements:
            draft.notes.append("No agreements recognised.")
        if draft.document.kind == DocumentKind.COMMUNIQUE and draft.end_date:
            draft.document.date = draft.end_date
