"""From a document's text to an `ImportDraft`: what the importer proposes to record.

Parsing reads the reference tables (countries and their aliases, organisations, processes, topics)
and writes nothing. Every rule is one that a secretariat document follows; where a rule guesses,
the report says so, and staff correct the draft in the admin.

The modules, by concern:

- `draft`: the dataclasses of the draft (meeting, participants, document, agreements, action items);
- `patterns`, `words`, `lines`: shared patterns, small readings of words, the text as lines and sentences;
- `base`: the parser's state and the order of its steps;
- `when`: the meeting's dates; `places`: its city, country and venue; `titles`: titles, kind, edition
  and processes;
- `presence`, `participants`, `organisations`, `speakers`: who took part, in which role;
- `operative`, `agreements`, `run_in`, `run_in_numbered`: the agreements in printed order, preambles
  left out; `actions`: the action items.
"""

from meetings.importer.parsing.draft import (
    ActionItemDraft,
    AgreementDraft,
    DocumentDraft,
    ImportDraft,
    ParticipantDraft,
)
from meetings.importer.parsing.parser import Parser, parse_document
from meetings.importer.parsing.words import detect_language, roman_to_int, smart_title

__all__ = [
    "ActionItemDraft",
    "AgreementDraft",
    "DocumentDraft",
    "ImportDraft",
    "ParticipantDraft",
    "Parser",
    "detect_language",
    "parse_document",
    "roman_to_int",
    "smart_title",
]
