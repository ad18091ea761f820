"""Agreements: numbered, lettered and bulleted items and the paragraphs of some sections, in printed order.

The text is walked line by line; `_Walk` holds what the walk has seen so far (the section and heading
it is in, the intro items that later items hang under, a table row whose number came on its own line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from meetings.importer.parsing.draft import AgreementDraft
from meetings.importer.parsing.lines import _Line
from meetings.importer.parsing.operative import is_preambular, opens_operative
from meetings.importer.parsing.patterns import (
    BULLET,
    DAY_HEADING,
    LETTERED,
    LETTERED_HEADING,
    MARKER_LINES,
    NEXT_HOST,
    NUMBERED,
    ROW_NUMBER,
    SECTION_HEADINGS,
    SUBLIST_FOLLOW_UP,
)
from meetings.importer.topics import suggest_topics
from meetings.models import AgreementKind, AgreementSection

_CONTENTS = re.compile(r"\b(?:table of contents|contents|[ií]ndice|contenido|tabla de contenido)\s*:?$", re.I)
_PAGE_REFERENCE = re.compile(r"(?:\b(?:page|p[aá]g(?:ina)?\.?)\s+\d+(?:\s*[–-]\s*\d+)?|\.{4,}\s*\d+)$", re.I)

#: Sections whose items end at the first plain paragraph after them.
_ITEM_SECTIONS = (AgreementSection.SUBSTANTIVE, AgreementSection.ADMINISTRATIVE, AgreementSection.WORKING_GROUP)
#: Sections whose plain paragraphs are agreements too.
_PARAGRAPH_SECTIONS = (AgreementSection.ACKNOWLEDGMENTS, AgreementSection.FOLLOW_UP, AgreementSection.CLOSING)


@dataclass
class _Walk:
    section: str = ""
    heading: str = ""
    parents: list[tuple[int, AgreementDraft, bool]] = field(default_factory=list)  # (indent, item, numbered)
    last_row: AgreementDraft | None = None
    pending_row: _Line | None = None
    started: bool = False
    #: Inside a declaration's preamble ("CONSIDERANDO: 1. ..."): its numbered paragraphs are not agreements.
    preamble: bool = False
    #: Inside a table of contents: its numbered lines are the document's parts, not agreements.
    contents: bool = False


class Agreements:
    def heading(self, text: str) -> tuple[str, str] | None:
        """(section, heading as printed) when `text` is a heading line."""
        if len(text) > 150:
            return None
        for pattern, section in SECTION_HEADINGS:
            if pattern.match(text):
                return section, text
        if DAY_HEADING.match(text):
            return "", text  # a day continues the section it is in
        match = LETTERED_HEADING.match(text)
        if match:
            return AgreementSection.WORKING_GROUP, text
        letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", text)
        if len(letters) >= 6 and text == text.upper() and len(text) <= 90 and not NUMBERED.match(text):
            return AgreementSection.OTHER, text
        return None

    def find_agreements(self) -> None:
        walk = _Walk()
        for line in self.lines:
            if line.text and line.index not in self.placed:
                self.walk_line(walk, line)
            elif line.text and _CONTENTS.search(line.text):
                walk.contents = True  # "Windhoek, 15 - 17 November 2010 Table of Contents", read as the heading
        self.find_run_in_agreements()
        self.find_run_in_numbered()
        self.number_in_order()

    def walk_line(self, walk: _Walk, line: _Line) -> None:
        text = line.text
        if MARKER_LINES.match(text):
            self.placed.add(line.index)
            walk.preamble = False
            return
        if self.in_contents(walk, line) or self.in_preamble(walk, line):
            return
        found = self.heading(text)
        if found and (walk.started or found[0] != AgreementSection.OTHER or not self.draft.agreements):
            self.enter_heading(walk, line, found)
        elif ROW_NUMBER.match(text):
            if not self.is_page_number(line):
                walk.pending_row = line
            self.placed.add(line.index)
        elif walk.pending_row is not None:
            self.add_table_row(walk, line)
        elif NUMBERED.match(text) or (LETTERED.match(text) and not BULLET.match(text)):
            self.add_numbered(walk, line)
        elif BULLET.match(text):
            self.add_bullet(walk, line)
        else:
            self.add_paragraph(walk, line)

    def in_contents(self, walk: _Walk, line: _Line) -> bool:
        """A table of contents ("Table of Contents", "1. Recommendations Page 1") is not a list of agreements."""
        text = line.text
        if _CONTENTS.search(text):
            walk.contents = True
            return False
        if walk.contents and (NUMBERED.match(text) or _PAGE_REFERENCE.search(text)):
            self.placed.add(line.index)
            return True
        walk.contents = False
        return False

    def in_preamble(self, walk: _Walk, line: _Line) -> bool:
        """Whether the line belongs to a preamble (and so is no agreement); it may open or close one."""
        text = line.text
        body = NUMBERED.sub(r"\2", text) if NUMBERED.match(text) else text
        if opens_operative(text):
            walk.preamble = False
            return False
        if is_preambular(body):
            walk.preamble = True
        elif walk.preamble and not (NUMBERED.match(text) or BULLET.match(text) or LETTERED.match(text)):
            if self.heading(text):
                walk.preamble = False  # a heading ends the preamble
                return False
        if walk.preamble:
            self.placed.add(line.index)
            self.draft.preamble_lines += 1
        return walk.preamble

    def is_page_number(self, line: _Line) -> bool:
        """A number alone between the two halves of a sentence ("... their immigration / 1 / status. ...")."""
        following = next((other for other in self.lines[line.index + 1 :] if other.text), None)
        return following is not None and following.text[:1].islower()

    def add_item(
        self, walk: _Walk, label: str, text: str, line: _Line, kind: str, parent: AgreementDraft | None,
        sec: str | None = None,
    ) -> AgreementDraft:  # fmt: skip
        item = AgreementDraft(
            label=label, text=text.strip(), section=sec or walk.section or AgreementSection.OTHER,
            section_heading=walk.heading, kind=kind, position=line.offset + line.raw.find(text[:20]), parent=parent,
        )  # fmt: skip
        self.draft.agreements.append(item)
        self.placed.add(line.index)
        return item

    def enter_heading(self, walk: _Walk, line: _Line, found: tuple[str, str]) -> None:
        new_section, heading = found
        walk.heading = heading.strip()
        walk.section = new_section or walk.section
        if found[0] == AgreementSection.OTHER and not walk.started:
            walk.section = ""
        walk.parents, walk.last_row, walk.pending_row = [], None, None
        self.placed.add(line.index)

    def add_table_row(self, walk: _Walk, line: _Line) -> None:
        """A row of a numbered table whose number was printed on a line of its own."""
        text = line.text
        parent = self.open_parent(walk.parents, line.indent, numbered=False)
        kind = self.item_kind(text, parent, walk.section, row=True)
        sec = parent.section if parent else None
        walk.last_row = self.add_item(walk, walk.pending_row.text, text, line, kind, parent, sec=sec)
        walk.pending_row = None
        walk.started = True

    def add_numbered(self, walk: _Walk, line: _Line) -> None:
        numbered = NUMBERED.match(line.text)
        label, body = (numbered or LETTERED.match(line.text)).groups()
        if not numbered:
            label = f"{label})"
        parent = self.open_parent(walk.parents, line.indent, numbered=True)
        if "." in label:
            # A printed "9.1" hangs under the "9" printed before it.
            prefix = label.rsplit(".", 1)[0]
            parent = next((a for a in reversed(self.draft.agreements) if a.label == prefix), parent)
        if label == "\ufffd":
            label = self.next_label(self.draft.agreements, parent)
            self.draft.notes.append(f'Item "{body[:40]}..." has an unreadable number; read as {label}.')
        if parent and parent.label and re.fullmatch(r"\d+", label) and parent.label[0].isdigit():
            label = f"{parent.label}.{label}"
        kind = self.item_kind(body, parent, walk.section)
        item = self.add_item(walk, label, body, line, kind, parent, sec=parent.section if parent else None)
        if not walk.section and not parent:
            item.section = AgreementSection.OTHER
        if body.rstrip().endswith(":"):
            walk.parents.append((line.indent, item, True))
        walk.last_row, walk.started = None, True

    def add_bullet(self, walk: _Walk, line: _Line) -> None:
        body = BULLET.match(line.text).group(1)
        parent = walk.last_row or self.open_parent(walk.parents, line.indent, numbered=False)
        sec = parent.section if parent else None
        if body.rstrip().endswith(":") and SUBLIST_FOLLOW_UP.search(body):
            sec = AgreementSection.FOLLOW_UP
        item = self.add_item(walk, "", body, line, self.item_kind(body, parent, sec or walk.section), parent, sec=sec)
        if body.rstrip().endswith(":"):
            walk.parents.append((line.indent, item, False))
        walk.started = True

    def add_paragraph(self, walk: _Walk, line: _Line) -> None:
        text = line.text
        walk.parents = [entry for entry in walk.parents if entry[0] < line.indent]
        walk.last_row = None
        if NEXT_HOST.search(text) and walk.started and walk.section != AgreementSection.ACKNOWLEDGMENTS:
            walk.section, walk.heading = AgreementSection.CLOSING, ""
            self.add_item(walk, "", text, line, AgreementKind.DECISION, None)
            walk.section = ""
            return
        if walk.section in _ITEM_SECTIONS:
            walk.section, walk.heading = "", ""  # a paragraph after numbered items ends their section
            return
        ends_colon = text.rstrip().endswith(":")
        if walk.section in _PARAGRAPH_SECTIONS or (walk.section == AgreementSection.THEMATIC and not ends_colon):
            item = self.add_item(walk, "", text, line, self.item_kind(text, None, walk.section), None)
            if ends_colon:
                walk.parents.append((line.indent, item, False))
            walk.started = True

    def open_parent(self, parents: list, indent: int, numbered: bool) -> AgreementDraft | None:
        """The intro item ("... they agreed:") that a new item at `indent` hangs under, if any."""
        while parents:
            parent_indent, parent, parent_numbered = parents[-1]
            if parent_indent < indent or (parent_indent == indent and not (numbered and parent_numbered)):
                return parent
            parents.pop()
        return None

    def next_label(self, agreements: list[AgreementDraft], parent: AgreementDraft | None) -> str:
        siblings = [a.label for a in agreements if a.parent is parent and a.label.split(".")[-1].isdigit()]
        return str(int(siblings[-1].split(".")[-1]) + 1) if siblings else "1"

    def item_kind(self, text: str, parent: AgreementDraft | None, section: str, row: bool = False) -> str:
        lead = text.strip().lower()
        if parent is not None and "recommendation" in parent.text.lower():
            return AgreementKind.RECOMMENDATION
        if row or (parent is not None and section == AgreementSection.FOLLOW_UP and parent.parent is not None):
            return AgreementKind.PROPOSAL
        if re.match(r"^(?:to )?(?:acknowledge|recognize|recognise|take note|reconocer|tomar nota)", lead):
            return AgreementKind.ACKNOWLEDGEMENT
        if re.match(r"^(?:to )?(?:request|solicitar)\b", lead):
            return AgreementKind.REQUEST
        if re.match(r"^(?:to )?(?:recommend|recomendar)\b", lead):
            return AgreementKind.RECOMMENDATION
        if section == AgreementSection.ACKNOWLEDGMENTS:
            return AgreementKind.ACKNOWLEDGEMENT
        if section == AgreementSection.WORKING_GROUP:
            return AgreementKind.PROPOSAL
        if section in (AgreementSection.THEMATIC, AgreementSection.OTHER, "") and parent is None:
            return AgreementKind.STATEMENT
        return AgreementKind.DECISION

    def number_in_order(self) -> None:
        agreements = self.draft.agreements
        agreements.sort(key=lambda a: a.position)
        seen: set[tuple[str, str]] = set()
        for item in agreements:
            key = (item.section_heading, item.label)
            if item.label and key in seen:
                self.draft.notes.append(
                    f'Label "{item.label}" is printed twice under "{item.section_heading}"; the second is kept as "{item.label} (2)".'  # noqa: E501 - a pattern or message reads better on one line
                )
                item.label = f"{item.label} (2)"
            seen.add((item.section_heading, item.label))
            item.topics = suggest_topics(item.text, self.vocabulary.topics)
            item.section_heading = item.section_heading[:300]
