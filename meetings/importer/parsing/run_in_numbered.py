"""Numbered agreements run into one long line ("... ACORDARON: 1. Aceptar ... 2. Reconocer ...").

A document saved as a single line keeps its numbers but not its line breaks. After an operative
marker, "1." then "2.", "3." ... each printed after the end of a sentence are the agreements;
numbers out of sequence (a date, "11 de septiembre") are text. The preamble before the marker
is never read for items.
"""

from __future__ import annotations

import re

from meetings.importer.parsing.draft import AgreementDraft
from meetings.models import AgreementSection

_MARKER = re.compile(
    r"\b(?:ACORDARON|ACUERDAN|APROBARON|APRUEBAN|DECLARAN|RESUELVEN|DECIDEN|AGREED|DECIDED|RESOLVED|DECLARE|"
    r"acordaron|acuerdan|aprobaron|declaran|resuelven|deciden|(?:they|ministers|participants) agreed(?: to| on)?|"
    r"agreed as follows|(?:PUNTOS|ASUNTOS|TEMAS) (?:SUSTANTIVOS|ADMINISTRATIVOS)|(?:SUBSTANTIVE|ADMINISTRATIVE) "
    r"(?:MATTERS|POINTS))\b[\s:]*"
)
_START = r"(?=[A-ZÁÉÍÓÚÑ¿¡“\"«])"
_MAX_ITEM = 2500


def numbered_run_in(text: str) -> list[tuple[str, int, int, str]]:
    """(label, start, stop, heading) of each item run into `text` after an operative marker."""
    items: list[tuple[str, int, int, str]] = []
    cursor = 0
    for marker in _MARKER.finditer(text):
        if marker.start() < cursor:
            continue
        first = re.compile(r"\b1[.)]\s+" + _START).search(text, marker.end(), marker.end() + 60)
        if not first:
            continue
        heading = marker.group(0).strip(" :")
        starts = [(first.start(), first.end())]
        number = 2
        while True:
            pattern = re.compile(r"(?<=[.;:!?”\"»)])\s+(" + str(number) + r")[.)]\s+" + _START)
            following = pattern.search(text, starts[-1][1], starts[-1][1] + _MAX_ITEM)
            if not following:
                break
            starts.append((following.start(1), following.end()))
            number += 1
        for index, (_label_at, body) in enumerate(starts):
            stop = starts[index + 1][0] if index + 1 < len(starts) else _end_of_last(text, body)
            items.append((str(index + 1), body, stop, heading))
        cursor = items[-1][2]
    return items


def _end_of_last(text: str, start: int) -> int:
    """The last item ends at the next marker or heading in capitals, or where the text ends."""
    following = _MARKER.search(text, start)
    caps = re.compile(r"(?<=[.;])\s+(?=[A-ZÁÉÍÓÚÑ]{4,}(?:\s+[A-ZÁÉÍÓÚÑ]{2,})+\b)").search(text, start)
    ends = [m.start() for m in (following, caps) if m]
    return min(ends) if ends else len(text.rstrip())


class RunInNumbered:
    def find_run_in_numbered(self) -> None:
        """Numbered items of long lines that no line-by-line rule split (a document saved as one line)."""
        taken = {a.position for a in self.draft.agreements}
        for line in self.lines:
            if len(line.raw) < 300 or line.index in self.placed and self.line_has_items(line):
                continue
            for label, start, stop, heading in numbered_run_in(line.raw):
                position = line.offset + start
                if position in taken:
                    continue
                body = line.raw[start:stop].strip()
                section = _section(heading)
                self.draft.agreements.append(AgreementDraft(
                    label=label, text=body, section=section, section_heading=heading,
                    kind=self.item_kind(body, None, section), position=position,
                ))  # fmt: skip
                self.placed.add(line.index)

    def line_has_items(self, line) -> bool:
        return any(line.offset <= a.position < line.offset + len(line.raw) for a in self.draft.agreements)


def _section(heading: str) -> str:
    upper = heading.upper()
    if "SUSTANTIV" in upper or "SUBSTANTIVE" in upper:
        return AgreementSection.SUBSTANTIVE
    if "ADMINISTRATIV" in upper:
        return AgreementSection.ADMINISTRATIVE
    return AgreementSection.OTHER
