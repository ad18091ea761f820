"""Titles: the document's title and kind, the meeting's title, edition, kind and processes."""

from __future__ import annotations

import re

from meetings.importer.dates import find_dates
from meetings.importer.parsing.lines import _Line
from meetings.importer.parsing.patterns import GENERIC_TITLE_LINES, KIND_WORDS, MEETING_VERB, ORDINAL_WORDS
from meetings.importer.parsing.words import roman_to_int, smart_title
from meetings.importer.vocabulary import fold
from meetings.models import DocumentKind, MeetingKind

_EDITION = re.compile(
    r"(?<![\w-])(?P<word>[IVXLC]{1,7}|\d{1,3}(?:st|nd|rd|th|ª|º|a|o)|[A-Za-zÁÉÍÓÚáéíóú]{4,12})\s+(?=[A-ZÁÉÍÓÚ][\w-])"
)


def _canonical_roman(word: str) -> int | None:
    """ "XXIII" is 23; "CIVIL" or "IIII" are words, not numbers."""
    value = roman_to_int(word)
    if not value or value > 100:
        return None
    numerals = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out, rest = "", value
    for number, numeral in numerals:
        while rest >= number:
            out, rest = out + numeral, rest - number
    return value if out == word else None


def edition_in(text: str) -> tuple[str, int] | None:
    """The first edition printed before a capitalised word: "VII Regional", "Quinta Conferencia", "5th Ministerial"."""
    for match in _EDITION.finditer(text):
        word = match.group("word")
        if word.isupper() and _canonical_roman(word):
            return word, _canonical_roman(word)
        if word.lower() in ORDINAL_WORDS:
            return word.capitalize(), ORDINAL_WORDS[word.lower()]
        number = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th|ª|º|a|o)", word)
        if number:
            return word, int(number.group(1))
    return None


class Titles:
    def find_titles(self, header: list[_Line]) -> None:
        draft = self.draft
        title_lines = []
        for line in header:
            text = line.text
            if line.index in self.placed or find_dates(text) or re.match(r"^(?:Venue|Lugar|Sede)\s*:", text, re.I):
                continue
            if draft.city and text.startswith(draft.city):
                continue
            title_lines.append(line)
        texts = [line.text for line in title_lines]
        if len(texts) > 1:
            texts = [t for t in texts if not GENERIC_TITLE_LINES.match(t)] or texts
        title = ""
        for text in texts:
            if not title:
                title = text
            elif re.search(r"\b(?:of|the|and|on|for|de|la|y|del)$", title, re.I):
                title = f"{title} {text}"
            else:
                title = f"{title} – {text}"
        self.placed.update(line.index for line in title_lines)
        if not title:
            # A run-in title ("Rapporteurship on the ... in the Americas San Jose, Costa Rica ...").
            head = self.text[:300]
            cut = [d.begin for d in find_dates(head)]
            if self.printed_city and f"{self.printed_city}," in head:
                cut.append(head.index(f"{self.printed_city},"))
            first = self.text.split("\n", 1)[0]
            if cut and re.match(r"^(?:Rapporteurship|Report|Summary|Relator[ií]a|Informe)\b", first):
                title = head[: min(cut)].strip()
        draft.document.title = (title or "")[:400]
        draft.document.kind = self.document_kind(title)
        draft.title = self.meeting_title(title)
        if not draft.document.title:
            draft.document.title = draft.title
        self.find_edition()

    def document_kind(self, title: str) -> str:
        probe = "\n".join(line.text for line in self.lines[:15])
        for pattern, kind in KIND_WORDS:
            if pattern.search(title):
                return kind
        if re.search(r"\bthis document (?:describes|summari[sz]es)\b", self.text[:3000], re.I):
            return DocumentKind.SUMMARY
        # Otherwise the first short line (a heading, not prose) that names a kind of document.
        for line in probe.split("\n"):
            if len(line) <= 120:
                for pattern, kind in KIND_WORDS:
                    if pattern.search(line):
                        return kind
        return DocumentKind.OTHER

    def meeting_title(self, document_title: str) -> str:
        # 1. "The VII Regional Conference on Migration (RCM) took place in ..."
        for sentence in self.opening_sentences():
            match = MEETING_VERB.search(sentence)
            if not match:
                continue
            subject = sentence[: match.start()].strip()
            subject = subject.split(", the ")[-1] if ", the " in subject else subject
            subject = re.sub(r"^(?:the|la|el)\s+", "", subject, flags=re.I).strip(" ,")
            if 3 <= len(subject) <= 200 and subject[:1].isupper():
                processes = self.vocabulary.processes_in(subject)
                if processes and fold(subject).strip() in [
                    n.strip() for p in self.vocabulary.processes if p.slug == processes[0] for n in p.names
                ]:
                    # A standing body that met: "the Special Committee on Migration Issues met".
                    return f"Meeting of the {self.vocabulary.process_name(processes[0])}"
                return self.tidy_title(subject)
            break
        # 2. "Attendance of ... to the First Meeting on Migration of ..." / "Rapporteurship on the ..."
        match = re.search(
            r"\b(?:to|at|in) the (.*(?:Meeting|Conference|Forum|Workshop|Seminar|Summit).*)$", document_title
        )
        if match and document_title.lower().startswith(("attendance", "participation", "asistencia")):
            return self.tidy_title(match.group(1))
        match = re.match(
            r"^(?:Rapporteurship|Report|Summary|Relator[ií]a|Informe|Resumen)\s+(?:on|of|de|sobre)\s+(?:the\s+|la\s+|el\s+)?(.+)$",
            document_title,
            re.I,
        )
        if match:
            return self.tidy_title(match.group(1))
        first = document_title.split(" – ")[0]
        return self.tidy_title(first) if first else "Imported meeting"

    def tidy_title(self, value: str) -> str:
        value = smart_title(re.sub(r"\s+", " ", value)).strip(" .,:")
        # Acronyms in brackets after a process's name are the document's, not the title's.
        value = re.sub(r"\s*\((?:[A-Z]{2,10}(?:/[A-Z]{2,10})?)\)", "", value)
        for process in self.vocabulary.processes:
            for name in process.names:
                pattern = r"\b" + r"[\s-]+".join(re.escape(w) for w in name.split()) + r"\b"
                value = re.sub(pattern, process.name, value, flags=re.I) if len(name.split()) > 2 else value
        return value[:300]

    def find_edition(self) -> None:
        """ "VII", "XXIII", "Fifth", "Quinta", "5th", "8ª": the number the title, or failing that the sentence
        saying the meeting took place, prints before the meeting's name."""
        draft = self.draft
        sources = [draft.title] + [s.text[: s.verb_start] for s in self.meeting_sentences()[:1]]
        for source in sources:
            found = edition_in(source)
            if found:
                draft.edition, draft.edition_number = found
                break
        title = draft.title.lower()
        if "plenary" in title or "plenaria" in title:
            draft.kind = MeetingKind.PLENARY
        elif "forum" in title or "foro" in title:
            draft.kind = MeetingKind.FORUM
        elif "committee" in title or "comisión" in title:
            draft.kind = MeetingKind.COMMITTEE
        elif "workshop" in title or "taller" in title:
            draft.kind = MeetingKind.WORKSHOP
        elif "seminar" in title:
            draft.kind = MeetingKind.SEMINAR
        elif "liaison" in title:
            draft.kind = MeetingKind.LIAISON_NETWORK
        elif "consultation group" in title or "technical" in title or "rcgm" in title:
            draft.kind = MeetingKind.TECHNICAL
        elif "ministerial" in title and "vice" not in title:
            draft.kind = MeetingKind.MINISTERIAL
        elif (
            draft.edition
            and draft.edition.lower() in title.split()
            and ("conference" in title or "conferencia" in title)
        ):
            # The numbered yearly conference of a process is its vice-ministerial meeting.
            draft.kind = MeetingKind.VICE_MINISTERIAL

    def find_processes(self) -> None:
        """The processes the title names; failing that, those the sentence saying the meeting took
        place names, and failing that the only one the opening of the text names."""
        draft = self.draft
        draft.processes = self.vocabulary.processes_in(draft.title)
        if not draft.processes:
            for sentence in self.meeting_sentences()[:2]:
                draft.processes = self.vocabulary.processes_in(sentence.text)
                if draft.processes:
                    break
        if not draft.processes:
            counts = self.vocabulary.process_counts(self.text[:2500])
            if len(counts) == 1:  # one process named, and no other: the meeting is one of its
                draft.processes = list(counts)
        if draft.processes and not self.vocabulary.processes_in(draft.title):
            draft.notes.append(f"Process read from the text, not the title: {', '.join(draft.processes)}.")
        if self.forced_process and self.forced_process not in draft.processes:
            draft.processes.insert(0, self.forced_process)
