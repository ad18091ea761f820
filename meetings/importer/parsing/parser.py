"""The parser: its steps, each from the module of its concern, over the state `ParserBase` holds."""

from __future__ import annotations

from meetings.importer.parsing.actions import ActionItems
from meetings.importer.parsing.agreements import Agreements
from meetings.importer.parsing.base import ParserBase
from meetings.importer.parsing.draft import ImportDraft
from meetings.importer.parsing.participants import Participants
from meetings.importer.parsing.places import WhenAndWhere
from meetings.importer.parsing.run_in import RunInAgreements
from meetings.importer.parsing.run_in_numbered import RunInNumbered
from meetings.importer.parsing.titles import Titles
from meetings.importer.vocabulary import Vocabulary


class Parser(WhenAndWhere, Titles, Participants, Agreements, RunInAgreements, RunInNumbered, ActionItems, ParserBase):
    """One document's parse; `parse()` runs the steps in order (see ParserBase.parse)."""


def parse_document(text: str, *, process: str | None = None, vocabulary: Vocabulary | None = None) -> ImportDraft:
    """The draft a document's text gives; raises DocumentImportError when it gives none."""
    return Parser(text, vocabulary=vocabulary, process=process).parse()
