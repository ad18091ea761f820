"""From a document's text to an `ImportDraft`: what the importer proposes to record.

Parsing reads the reference tables (countries and their aliases, organisations, processes, topics)
and writes nothing. Every rule below is one that a secretariat document follows; where a rule
guesses, the report says so, and staff correct the draft in the admin.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from meetings.importer.cleaning import clean_text
from meetings.importer.dates import DateSpan, find_dates, find_deadline
from meetings.importer.errors import DocumentImportError
from meetings.importer.topics import suggest_topics
from meetings.importer.vocabulary import CITY_FORMS, Vocabulary, fold
from meetings.models import AgreementKind, AgreementSection, DocumentKind, Language, MeetingKind, ParticipationRole
from meetings.text import normalize_name

# --------------------------------------------------------------------------
# The draft
# --------------------------------------------------------------------------


@dataclass
class ParticipantDraft:
    role: str
    country: str | None = None  # alpha-3
    organisation: str | None = None  # slug
    note: str = ""


@dataclass(eq=False)
class AgreementDraft:
    label: str
    text: str
    section: str
    section_heading: str
    kind: str
    position: int  # where it is printed, for the printed order
    parent: AgreementDraft | None = None
    topics: list[str] = field(default_factory=list)

    @property
    def full_label(self) -> str:
        return self.label or "·"


@dataclass
class ActionItemDraft:
    description: str
    agreement: AgreementDraft | None
    countries: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    due_text: str = ""
    due_date: datetime.date | None = None


@dataclass
class DocumentDraft:
    title: str
    kind: str
    language: str
    text: str
    date: datetime.date | None = None


@dataclass
class ImportDraft:
    """Everything a document gave, ready to be written as draft records (or only reported)."""

    title: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    document: DocumentDraft
    processes: list[str] = field(default_factory=list)
    edition: str = ""
    edition_number: int | None = None
    kind: str = MeetingKind.OTHER
    city: str = ""
    host_country: str | None = None
    venue: str = ""
    presidency: str | None = None
    participants: list[ParticipantDraft] = field(default_factory=list)
    agreements: list[AgreementDraft] = field(default_factory=list)
    action_items: list[ActionItemDraft] = field(default_factory=list)
    #: Lines of the text that no rule placed, for the reviewer.
    unplaced: list[str] = field(default_factory=list)
    #: Things the reviewer should know: what was cleaned away, what was guessed.
    notes: list[str] = field(default_factory=list)

    def countries(self, *roles: str) -> list[str]:
        return [p.country for p in self.participants if p.country and (not roles or p.role in roles)]

    def organisations(self, *roles: str) -> list[str]:
        return [p.organisation for p in self.participants if p.organisation and (not roles or p.role in roles)]

    @property
    def slug_base(self) -> str:
        year = f"-{self.start_date:%Y}" if self.start_date else ""
        return (slugify(self.title)[: 140 - len(year)].strip("-") or "imported-meeting") + year


# --------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "primera": 1, "primer": 1, "segunda": 2, "segundo": 2, "tercera": 3, "tercer": 3,
}  # fmt: skip

SECTION_HEADINGS = [
    (re.compile(r"^(?:SUBSTANTIVE MATTERS|ASUNTOS SUSTANTIVOS|TEMAS SUSTANTIVOS)\b", re.I), AgreementSection.SUBSTANTIVE),  # noqa: E501 - a pattern or message reads better on one line
    (re.compile(r"^(?:ADMINISTRATIVE MATTERS|ASUNTOS ADMINISTRATIVOS|TEMAS ADMINISTRATIVOS)\b", re.I), AgreementSection.ADMINISTRATIVE),  # noqa: E501 - a pattern or message reads better on one line
    (re.compile(r"^(?:ACKNOWLEDG(?:E)?MENTS|RECONOCIMIENTOS)\b", re.I), AgreementSection.ACKNOWLEDGMENTS),
    (re.compile(r"^(?:Next (?:actions|steps)|Follow[- ]up(?: actions)?|Pr[oó]ximos pasos|Seguimiento)\s*:?$", re.I), AgreementSection.FOLLOW_UP),  # noqa: E501 - a pattern or message reads better on one line
    (re.compile(r"^(?:Part|Parte|Session|Sesi[oó]n|Panel|Topic|Tema|Theme)\s+[\dIVX]+\s*[:.-]", re.I), AgreementSection.THEMATIC),  # noqa: E501 - a pattern or message reads better on one line
]  # fmt: skip
MARKER_LINES = re.compile(r"^(?:APPROVED|APROBADO|AGREEMENTS|ACUERDOS|THEY AGREED|AGREED)\s*:?$", re.I)
DAY_HEADING = re.compile(r"^(?:DAY|D[IÍ]A)\s+\d+\s*:", re.I)
LETTERED_HEADING = re.compile(r"^([a-z])\)\s+(.{2,80}):\s*$")
NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+(?=[.\s])|\d{1,2}(?=[.)])|\ufffd(?=\.))[.)]?\s*(?=\S)(.*)$")
LETTERED = re.compile(r"^([a-z])\)\s+(.+)$")
BULLET = re.compile(r"^[·•▪◦●○■\-–*]\s*(?=\S)(.*)$")
ROW_NUMBER = re.compile(r"^\d{1,2}$")
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
NEXT_HOST = re.compile(r"\bhost(?:ing)?\b[^.]*\b(?:Meeting|Conference|Reunion|Reuni[oó]n|Conferencia|Summit)\b", re.I)
SUBLIST_FOLLOW_UP = re.compile(r"\b(?:as a result|follow[- ]up|next steps|next actions|following steps)\b", re.I)
MEETING_VERB = re.compile(
    r"\b(?:took place|was held|were held|met|se celebr[oó]|tuvo lugar|se llev[oó] a cabo|se reuni[oó])\b", re.I
)
REPORTING_VERBS = (
    r"referred|commented|proposed|reaffirmed|considered|outlined|reflected|emphasi[sz]ed|expressed|mentioned|"
    r"presented|highlighted|stated|underlined|stressed|shared|raised|put|underscored|noted|said|recommended|"
    r"pointed|called|indicated|insisted|added|asked|explained|reported|informed|described|requested|welcomed"
)
SPEECH = re.compile(rf"\b(?:{REPORTING_VERBS})\b")
PERSON = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof|Sr|Sra)\.?\s+[A-Z]")
RUN_IN_ENUMERATION = re.compile(r"\b(?:thematic areas|topics|themes|axes|ejes|temas)\b[^:.]{0,60}:\s*(?=1\.\s)", re.I)
RUN_IN_TOPIC = re.compile(r"\b(Topic|Tema)\s+([IVX]+|\d+)\b:?\s*(.{3,120}?)\s+(?=Contextuali[sz]ation)")
AGREED_SENTENCE = re.compile(
    r"^(?:Finally,\s+|In addition,\s+|Likewise,\s+)?(?:they|the countries|the states|the delegations|delegations|"
    r"participants)\s+(?:also\s+)?agreed\s+(?:on the need|that\b.*\bshould\b|to\b)",
    re.I,
)
SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z\"“¿¡])")
PLACE = re.compile(r"(?<![\w])([A-Z][\w'’.-]*(?:[ ][A-Z][\w'’.-]*){0,3}),\s+([^,\n]{2,80})")
KIND_WORDS = [
    (re.compile(r"joint communiqu|comunicado conjunto", re.I), DocumentKind.COMMUNIQUE),
    (re.compile(r"\bdeclaration\b|\bdeclaraci[oó]n\b", re.I), DocumentKind.DECLARATION),
    (re.compile(r"rapporteurship|relator[ií]a", re.I), DocumentKind.RAPPORTEURSHIP),
    (re.compile(r"\bresolution\b|\bresoluci[oó]n\b", re.I), DocumentKind.RESOLUTION),
    (re.compile(r"\bagenda\b", re.I), DocumentKind.AGENDA),
    (re.compile(r"concept note|nota conceptual", re.I), DocumentKind.CONCEPT_NOTE),
    (re.compile(r"plan of action|plan de acci[oó]n", re.I), DocumentKind.PLAN_OF_ACTION),
    (re.compile(r"\bsummary\b|\bresumen\b|this document describes", re.I), DocumentKind.SUMMARY),
    (re.compile(r"\breport\b|\binforme\b", re.I), DocumentKind.REPORT),
]
GENERIC_TITLE_LINES = re.compile(r"^(?:REPORT|INFORME|SUMMARY|RESUMEN|DRAFT|BORRADOR)$", re.I)
SMALL_WORDS = {
    "of",
    "the",
    "on",
    "and",
    "for",
    "in",
    "to",
    "a",
    "an",
    "between",
    "de",
    "la",
    "el",
    "y",
    "sobre",
    "del",
    "los",
    "las",
}

ENGLISH_WORDS = {"the", "of", "and", "to", "in", "that", "with", "for", "on", "was", "were", "is", "by", "as"}
SPANISH_WORDS = {"el", "la", "los", "las", "de", "del", "y", "que", "en", "con", "para", "por", "se", "una", "un"}


def roman_to_int(value: str) -> int | None:
    value = value.upper()
    if not value or any(ch not in ROMAN for ch in value):
        return None
    total = 0
    for index, ch in enumerate(value):
        number = ROMAN[ch]
        total += -number if index + 1 < len(value) and ROMAN[value[index + 1]] > number else number
    return total


def detect_language(text: str) -> str:
    words = re.findall(r"[a-záéíóúñ]+", text.lower())
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    spanish = sum(1 for w in words if w in SPANISH_WORDS)
    return Language.SPANISH if spanish > english else Language.ENGLISH


def smart_title(value: str) -> str:
    """ "PLENARY MEETING OF THE REGIONAL CONFERENCE" → "Plenary Meeting of the Regional Conference"."""
    if value != value.upper():
        return value
    words = []
    for index, word in enumerate(value.split()):
        lower = word.lower()
        if roman_to_int(word.strip("().,")) and len(word) <= 5 and index == 0:
            words.append(word)
        elif index and lower in SMALL_WORDS:
            words.append(lower)
        else:
            words.append("-".join(part.capitalize() for part in lower.split("-")))
    return " ".join(words)


# --------------------------------------------------------------------------
# The parser
# --------------------------------------------------------------------------


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


class Parser:
    def __init__(self, raw_text: str, vocabulary: Vocabulary | None = None, process: str | None = None):
        self.vocabulary = vocabulary or Vocabulary.load()
        cleaned = clean_text(raw_text)
        self.text = cleaned.text
        self.preamble = cleaned.preamble
        self.lines: list[_Line] = []
        offset = 0
        for index, raw in enumerate(self.text.split("\n")):
            self.lines.append(_Line(index, offset, raw))
            offset += len(raw) + 1
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
            header.append(line)
            if len(header) >= 8:
                break
        return header

    def sentences(self, text: str, base: int = 0) -> list[tuple[int, str]]:
        out, start = [], 0
        for match in SENTENCE_END.finditer(text):
            out.append((base + start, text[start : match.start()]))
            start = match.end()
        out.append((base + start, text[start:]))
        return [(pos, s) for pos, s in out if s.strip()]

    def opening_sentences(self) -> list[str]:
        """The sentences of the first paragraphs (a paragraph broken by a stray "/" line counts as one)."""
        text = re.sub(r"\n(?=/)", " ", self.text[:6000])
        return [s for paragraph in text.split("\n") for _, s in self.sentences(paragraph)]

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

    def find_when_and_where(self, header: list[_Line]) -> None:
        draft = self.draft
        lead = [*self.preamble, *(line.text for line in header)]
        # 1. the opening lines; 2. the sentence saying the meeting took place; 3. the opening words.
        meeting_sentences = [s for s in self.opening_sentences() if MEETING_VERB.search(s)][:3]
        run_in = [self.text[:400]]
        for source in (lead, meeting_sentences, run_in):
            for chunk in source:
                dates = find_dates(chunk)
                if dates and not draft.start_date:
                    draft.start_date, draft.end_date = dates[0].start, dates[0].end
                    self.note_found("dates", dates[0])
                if not draft.host_country:
                    self.find_place(chunk, dates)
            if draft.start_date and draft.host_country:
                break
        for line in header:
            match = re.match(r"^(?:Venue|Lugar|Sede)\s*:\s*(.+)$", line.text, re.I)
            if match:
                draft.venue = match.group(1).strip()[:300]
                self.placed.add(line.index)
            elif find_dates(line.text) or (draft.city and line.text.startswith(draft.city.split(",")[0])):
                self.placed.add(line.index)

    def note_found(self, what: str, span: DateSpan) -> None:
        pass

    def find_place(self, chunk: str, dates: list[DateSpan]) -> None:
        draft = self.draft
        # Blank out dates so that "May 30-31, 2002" is not read as a place.
        for span in dates:
            chunk = chunk.replace(span.text, " " * len(span.text))
        for match in PLACE.finditer(chunk):
            city, rest = match.group(1).strip(), match.group(2)
            city = re.sub(r"^(?:The|In|At|En)\s+", "", city)
            known = CITY_FORMS.get(normalize_name(f"{city} {rest.split()[0]}")) if rest.split() else None
            if known:
                draft.city, draft.host_country = known
                self.printed_city = city
                return
            if self.vocabulary.country(city):
                continue  # a list of countries, not "City, Country"
            words = re.split(r"\s+", rest.strip())
            for size in range(min(6, len(words)), 0, -1):
                candidate = " ".join(words[:size]).strip(" .;:")
                country = self.vocabulary.country(candidate)
                if country:
                    city = city.split(" ")[-2:] if len(city.split(" ")) > 2 else city.split(" ")
                    city = " ".join(city)
                    self.printed_city = city
                    draft.city, draft.host_country = CITY_FORMS.get(
                        f"{normalize_name(city)}|{country}", (city, country)
                    )
                    return

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
        draft = self.draft
        first = draft.title.split(" ")[0] if draft.title else ""
        number = roman_to_int(first) if first.isupper() else None
        if number:
            draft.edition, draft.edition_number = first, number
        elif first.lower() in ORDINAL_WORDS:
            draft.edition, draft.edition_number = first.capitalize(), ORDINAL_WORDS[first.lower()]
        else:
            match = re.match(r"^(\d{1,3})(?:st|nd|rd|th|a|o|ª|º)?\b", first)
            if match:
                draft.edition, draft.edition_number = first, int(match.group(1))
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
        elif number and ("conference" in title or "conferencia" in title):
            # The numbered yearly conference of a process is its vice-ministerial meeting.
            draft.kind = MeetingKind.VICE_MINISTERIAL

    def find_processes(self) -> None:
        draft = self.draft
        draft.processes = self.vocabulary.processes_in(draft.title)
        if self.forced_process and self.forced_process not in draft.processes:
            draft.processes.insert(0, self.forced_process)

    # -- participants -------------------------------------------------------

    def add_participant(
        self, role: str, country: str | None = None, organisation: str | None = None, note: str = ""
    ) -> None:
        for existing in self.draft.participants:
            if (existing.role, existing.country, existing.organisation) == (role, country, organisation):
                return
        self.draft.participants.append(ParticipantDraft(role, country, organisation, note))

    def find_participants(self) -> None:
        draft, vocabulary = self.draft, self.vocabulary
        flat = self.text.replace("\n", " ")
        listed = False

        # "Participants" followed by a list of countries, then the organisations that "participated".
        for position, line in enumerate(self.lines):
            if line.text.lower().rstrip(":") in ("participants", "participantes", "participating countries"):
                following = next((next_line for next_line in self.lines[position + 1 :] if next_line.text), None)
                if following is None:
                    continue
                self.placed.update({line.index, following.index})
                head, _, rest = following.text.partition(". ")
                countries, unknown = vocabulary.country_list(head)
                role = self.list_role(line.text, countries)
                for country in countries:
                    self.add_participant(role, country=country)
                listed = listed or bool(countries)
                draft.notes += [f'In the list of participants, "{piece}" names no known country.' for piece in unknown]
                for _, sentence in self.sentences(rest):
                    if re.search(r"\bparticipat", sentence):
                        for org in vocabulary.organisations_in(sentence):
                            self.add_participant(ParticipationRole.PARTICIPANT, organisation=org)

        # "with the participation of the member countries of A, B and C."
        for match in re.finditer(
            r"\bparticipation,? (?:as observers,? )?of (?:the )?((?:following )?(?:member )?countries[^:]*?(?:of|:))?\s*([^.]+)\.",  # noqa: E501 - a pattern or message reads better on one line
            flat,
        ):
            intro, body = match.group(1) or "", match.group(2)
            observers = "as observers" in match.group(0)
            head = re.split(r",?\s+as well as\b|:", body)[0]
            countries, unknown = vocabulary.country_list(head)
            if not countries:
                continue
            role = ParticipationRole.OBSERVER if observers else self.list_role(intro, countries)
            for country in countries:
                self.add_participant(role, country=country)
            listed = True
            self.place_span(match.start(), match.end())
            if observers or "organi" in body.lower():
                tail = body[len(head) :]
                for org in vocabulary.organisations_in(tail):
                    note = ""
                    if org == "eclac" and "ECLAC/CELADE" in tail:
                        note = "as ECLAC/CELADE"
                    self.add_participant(
                        role if observers else ParticipationRole.PARTICIPANT, organisation=org, note=note
                    )

        # "The event was organized by ..., with the collaboration of ..."
        for _, sentence in self.sentences(flat):
            if not re.search(r"\b(?:organi[sz]ed by|organizado por|convened by)\b", sentence):
                continue
            scope = sentence[re.search(r"\b(?:organi[sz]ed by|organizado por|convened by)\b", sentence).start() :]
            for country in self.countries_named(scope):
                self.add_participant(ParticipationRole.ORGANISER, country=country)
            for org in vocabulary.organisations_in(scope):
                self.add_participant(ParticipationRole.ORGANISER, organisation=org)
            for process in vocabulary.processes_in(scope):
                body = vocabulary.bodies.get((process, "technical-secretariat"))
                if body:
                    self.add_participant(
                        ParticipationRole.ORGANISER, organisation=body,
                        note=f"The text names the {vocabulary.process_name(process)} itself; recorded through its Technical Secretariat.",  # noqa: E501 - a pattern or message reads better on one line
                    )  # fmt: skip
            break

        # "Attendance of the Technical Secretariat's Coordinator to the First Meeting ..."
        match = re.match(r"^(?:Attendance|Participation) of the ([\w -]+?)['’]s (\w+)", draft.document.title)
        if match:
            mentioned = [p for p in ("rcm", "sacm") if re.search(rf"\b{p.upper()}\b", self.text)] + draft.processes
            body = vocabulary.body(mentioned, match.group(1))
            if body:
                self.add_participant(
                    ParticipationRole.INVITED, organisation=body, note=f"Its {match.group(2).lower()} attended"
                )

        # "Chile, in its capacity as President of the CELAC": the presidency of this meeting's process.
        for match in re.finditer(
            r"([A-Z][\w ]{2,40}?),? in its capacity as (?:President|Presidency|Chair)\w* of (?:the )?([A-Z][\w -]+)",
            flat,
        ):
            country = vocabulary.country(match.group(1))
            if country and set(vocabulary.processes_in(match.group(2))) & set(draft.processes):
                draft.presidency = country
                self.add_participant(
                    ParticipationRole.PRESIDENCY,
                    country=country,
                    note=f"{match.group(1)} presided over {match.group(2)}",
                )

        if not listed:
            for country in self.countries_that_spoke(flat):
                self.add_participant(
                    ParticipationRole.PARTICIPANT, country=country, note="Intervention reported in the document."
                )
            if draft.countries(ParticipationRole.PARTICIPANT):
                draft.notes.append(
                    "The document prints no list of participants: the countries are those whose interventions it reports."  # noqa: E501 - a pattern or message reads better on one line
                )

        # The host is a participant only if the text names it as taking part (a city alone does not:
        # the OAS committees meet at its seat in Washington).
        if draft.host_country and draft.host_country in draft.countries():
            self.add_participant(ParticipationRole.HOST, country=draft.host_country)
        draft.participants.sort(key=lambda p: list(ParticipationRole.values).index(p.role))

    def list_role(self, intro: str, countries: list[str]) -> str:
        if re.search(r"\bmember|\bmiembro|\bfrom both processes|\bof both processes", intro, re.I):
            return ParticipationRole.MEMBER
        return ParticipationRole.PARTICIPANT

    def countries_named(self, text: str) -> list[str]:
        """Countries named in running text: "the Republic of Costa Rica", "Mexico", ..."""
        found: list[str] = []
        for match in re.finditer(r"(?:[A-Z][\w'’-]+|of|the|and|y|de)(?:\s+(?:[A-Z][\w'’-]+|of|the|and|y|de))*", text):
            words = match.group(0).split()
            for start in range(len(words)):
                for stop in range(min(len(words), start + 7), start, -1):
                    if words[start] in ("of", "and", "y", "de") or words[stop - 1] in ("of", "the", "and", "y", "de"):
                        continue
                    code = self.vocabulary.country(" ".join(words[start:stop]), demonyms=False)
                    if code:
                        if code not in found:
                            found.append(code)
                        break
        return found

    def countries_that_spoke(self, flat: str) -> list[str]:
        """Countries reported speaking: "Chile commented ...", "Honduras, El Salvador and Mexico underlined ..."."""
        found: list[str] = []
        for _, sentence in self.sentences(flat):
            verb = SPEECH.search(sentence)
            if not verb:
                continue
            subject = sentence[: verb.start()].strip()
            subject = re.sub(r",\s*who\b[^,]*,", "", subject)
            subject = re.sub(r"\b(?:also|in particular|then|too)\b", "", subject).strip(" ,")
            if "including" in subject:
                subject = subject.split("including", 1)[1].strip(" ,")
            if not subject or len(subject) > 160:
                continue
            segments = [s for s in subject.split(",")]
            for start in range(len(segments)):
                candidate = ",".join(segments[start:])
                pieces = [p for p in re.split(r",|\s+and\s+", candidate) if p.strip()]
                pieces = [p for p in pieces if not PERSON.match(p.strip())]
                if not pieces:
                    break
                codes, unknown = self.vocabulary.country_list(",".join(pieces))
                if codes and not unknown:
                    found += [code for code in codes if code not in found]
                    break
        return found

    # -- agreements ---------------------------------------------------------

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
        agreements = self.draft.agreements
        section, heading = "", ""
        parents: list[tuple[int, AgreementDraft, bool]] = []  # (indent, item, numbered)
        last_row: AgreementDraft | None = None
        pending_row: _Line | None = None
        started = False

        def add(
            label: str, text: str, line: _Line, kind: str, parent: AgreementDraft | None, sec: str | None = None
        ) -> AgreementDraft:
            item = AgreementDraft(
                label=label, text=text.strip(), section=sec or section or AgreementSection.OTHER,
                section_heading=heading, kind=kind, position=line.offset + line.raw.find(text[:20]), parent=parent,
            )  # fmt: skip
            agreements.append(item)
            self.placed.add(line.index)
            return item

        for line in self.lines:
            text = line.text
            if not text or line.index in self.placed:
                continue
            if MARKER_LINES.match(text):
                self.placed.add(line.index)
                continue
            found = self.heading(text)
            if found and (started or found[0] != AgreementSection.OTHER or not agreements):
                new_section, heading = found
                heading = heading.strip()
                section = new_section or section
                if found[0] == AgreementSection.OTHER and not started:
                    section = ""
                parents, last_row, pending_row = [], None, None
                self.placed.add(line.index)
                continue
            if ROW_NUMBER.match(text):
                pending_row = line
                self.placed.add(line.index)
                continue
            if pending_row is not None:
                parent = self.open_parent(parents, line.indent, numbered=False)
                last_row = add(pending_row.text, text, line, self.item_kind(text, parent, section, row=True), parent,
                               sec=parent.section if parent else None)  # fmt: skip
                pending_row = None
                started = True
                continue

            numbered = NUMBERED.match(text)
            bullet = BULLET.match(text) if not numbered else None
            lettered = LETTERED.match(text) if not (numbered or bullet) else None
            if numbered or lettered:
                label, body = (numbered or lettered).groups()
                if lettered:
                    label = f"{label})"
                parent = self.open_parent(parents, line.indent, numbered=True)
                if "." in label:
                    # A printed "9.1" hangs under the "9" printed before it.
                    prefix = label.rsplit(".", 1)[0]
                    parent = next((a for a in reversed(agreements) if a.label == prefix), parent)
                if label == "\ufffd":
                    label = self.next_label(agreements, parent)
                    self.draft.notes.append(f'Item "{body[:40]}..." has an unreadable number; read as {label}.')
                if parent and parent.label and re.fullmatch(r"\d+", label) and parent.label[0].isdigit():
                    label = f"{parent.label}.{label}"
                item = add(label, body, line, self.item_kind(body, parent, section), parent,
                           sec=parent.section if parent else None)  # fmt: skip
                if not section and not parent:
                    item.section = AgreementSection.OTHER
                if body.rstrip().endswith(":"):
                    parents.append((line.indent, item, True))
                last_row, started = None, True
                continue
            if bullet:
                body = bullet.group(1)
                parent = last_row or self.open_parent(parents, line.indent, numbered=False)
                sec = parent.section if parent else None
                if body.rstrip().endswith(":") and SUBLIST_FOLLOW_UP.search(body):
                    sec = AgreementSection.FOLLOW_UP
                item = add("", body, line, self.item_kind(body, parent, sec or section), parent, sec=sec)
                if body.rstrip().endswith(":"):
                    parents.append((line.indent, item, False))
                started = True
                continue

            # A paragraph.
            parents = [entry for entry in parents if entry[0] < line.indent]
            last_row = None
            if NEXT_HOST.search(text) and started and section not in (AgreementSection.ACKNOWLEDGMENTS,):
                section, heading = AgreementSection.CLOSING, ""
                add("", text, line, AgreementKind.DECISION, None)
                section = ""
                continue
            if section in (
                AgreementSection.SUBSTANTIVE,
                AgreementSection.ADMINISTRATIVE,
                AgreementSection.WORKING_GROUP,
            ):
                section, heading = "", ""  # a paragraph after numbered items ends their section
                continue
            ends_colon = text.rstrip().endswith(":")
            if section in (AgreementSection.ACKNOWLEDGMENTS, AgreementSection.FOLLOW_UP, AgreementSection.CLOSING) or (
                section == AgreementSection.THEMATIC and not ends_colon
            ):
                item = add("", text, line, self.item_kind(text, None, section), None)
                if ends_colon:
                    parents.append((line.indent, item, False))
                started = True
        self.find_run_in_agreements()
        self.number_in_order()

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

    def find_run_in_agreements(self) -> None:
        """Agreements inside long run-in paragraphs (a transcribed web page has no line structure)."""
        agreements = self.draft.agreements
        # "The Forum was structured around 6 thematic areas, namely: 1. Human rights ... 2. ..."
        for line in self.lines:
            text = line.raw
            match = RUN_IN_ENUMERATION.search(text)
            if not match or len(text) < 300:
                continue
            heading = ""
            head = re.match(r"^\s*([^:.]{3,80}):\s", text)
            if head:
                heading = head.group(1).strip()
            cursor, number, found = match.end(), 1, []
            while True:
                here = text.find(f"{number}. ", cursor)
                if here < 0 or (found and here - cursor > 300):
                    break
                found.append(here)
                cursor, number = here + 3, number + 1
            for index, start in enumerate(found):
                body_start = start + len(f"{index + 1}. ")
                body_end = found[index + 1] if index + 1 < len(found) else len(text)
                body = text[body_start:body_end].strip()
                if index + 1 == len(found):
                    stop = re.search(r"(?<=[a-z]) (?=(?:The|This|These|It|Each|During|In|El|La|Los)\b)", body)
                    body = body[: stop.start()] if stop else body.split(". ")[0]
                agreements.append(AgreementDraft(
                    label=str(index + 1), text=body.strip(), section=AgreementSection.THEMATIC,
                    section_heading=heading, kind=AgreementKind.STATEMENT, position=line.offset + body_start,
                ))  # fmt: skip
        # "Topic III: ... Contextualization ..." then, among the States' interventions, "They also agreed that ..."
        topics = list(RUN_IN_TOPIC.finditer(self.text))
        for index, topic in enumerate(topics):
            heading = (
                f"{topic.group(1)} {topic.group(2)}" + (": " if ":" in topic.group(0)[:20] else " ") + topic.group(3)
            )
            heading = heading.strip()
            end = topics[index + 1].start() if index + 1 < len(topics) else len(self.text)
            segment = self.text[topic.end() : end]
            for position, sentence in self.sentences(segment.replace("\n", " "), base=topic.end()):
                if AGREED_SENTENCE.match(sentence.strip()):
                    agreements.append(AgreementDraft(
                        label="", text=sentence.strip(), section=AgreementSection.THEMATIC, section_heading=heading,
                        kind=AgreementKind.RECOMMENDATION, position=position,
                    ))  # fmt: skip

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

    # -- action items -------------------------------------------------------

    def find_action_items(self) -> None:
        draft, vocabulary = self.draft, self.vocabulary
        for item in draft.agreements:
            text = item.text
            who_countries: list[str] = []
            who_orgs: list[str] = []
            description = ""
            request = re.search(
                r"\b(?:request(?:ed)? that|charge|encargar a|solicitar a(?: la| el)?)\s+(?:the\s+)?(.+?)\s+(?:with\s+)?(\w+ing|\w+)\b",  # noqa: E501 - a pattern or message reads better on one line
                text,
                re.I,
            )
            host = NEXT_HOST.search(text) and re.search(r"\b(?:will host|to host|offer of|ofrecimiento)\b", text, re.I)
            event = re.search(
                r"\b(?:organi[sz]e|hold|organizar|realizar)\s+(?:a|an|the|un|una)\s+(seminar|workshop|meeting|forum|conference|course|seminario|taller|reuni[oó]n|foro)",
                text,
                re.I,
            )
            scheduled = re.search(
                r"\b(?:Workshop|Seminar|Forum|Meeting|Conference|Course|Taller|Seminario|Foro)\b", text
            ) and [d for d in find_dates(text) if not draft.start_date or d.end >= draft.start_date]
            deadline_text, deadline = find_deadline(text, draft.end_date)
            if deadline and draft.start_date and deadline < draft.start_date:
                deadline_text, deadline = "", None  # a date in the past is context, not a deadline
            if host:
                who_countries = self.countries_named(text[: host.start() + 60]) or self.countries_named(text)
                who_countries = [c for c in who_countries if c != draft.host_country or len(who_countries) == 1][:1]
                target = re.search(
                    r"host (?:the |a )?(.+?(?:Meeting|Conference|Reunion|Summit)[^.,]*?)(?= during| in the| within|[.,]|$)",  # noqa: E501 - a pattern or message reads better on one line
                    text,
                    re.I,
                )
                description = f"{self.country_name(who_countries)} to host the {target.group(1) if target else 'next meeting'}.".strip()  # noqa: E501 - a pattern or message reads better on one line
            elif request:
                clause = text[request.start() :]
                who_orgs = vocabulary.organisations_in(clause[:120])
                body = vocabulary.body(draft.processes, clause[:80])
                if body and body not in who_orgs:
                    who_orgs.insert(0, body)
                description = clause[0].upper() + clause[1:]
            elif event or scheduled or deadline:
                description = text
                who_orgs = [
                    o
                    for o in vocabulary.organisations_in(text)
                    if o != "oas" or "OAS will" in text or "invited the OAS" in text
                ]
                who_countries = [c for c in self.countries_named(text) if c != draft.host_country][:3]
            else:
                continue
            if not deadline and not (host or request or event or scheduled):
                continue
            draft.action_items.append(ActionItemDraft(
                description=description[:2000], agreement=item, countries=who_countries, organisations=who_orgs,
                due_text=deadline_text[:200], due_date=deadline,
            ))  # fmt: skip

    def country_name(self, codes: list[str]) -> str:
        from meetings.models import Country

        return ", ".join(Country.objects.filter(alpha3__in=codes).values_list("name", flat=True)) or "The host"

    # -- the rest -----------------------------------------------------------

    def finish(self) -> None:
        draft = self.draft
        for line in self.lines:
            if line.text and line.index not in self.placed:
                draft.unplaced.append(line.text)
        if draft.start_date is None:
            if not draft.agreements and not draft.participants:
                raise DocumentImportError(
                    "the text has no recognisable structure: no meeting date, no place, no participants "
                    "and no numbered, lettered or bulleted items."
                )
            raise DocumentImportError(
                'found no date for the meeting (looked for forms such as "20 - 21 August, 2012", '
                '"May 30-31, 2002" and "30 y 31 de mayo de 2002"); a meeting cannot be drafted without one.'
            )
        if not draft.host_country:
            draft.notes.append("No place (city, country) recognised.")
        if not draft.agreements:
            draft.notes.append("No agreements recognised.")
        if draft.document.kind == DocumentKind.COMMUNIQUE and draft.end_date:
            draft.document.date = draft.end_date


def parse_document(text: str, *, process: str | None = None, vocabulary: Vocabulary | None = None) -> ImportDraft:
    """The draft a document's text gives; raises DocumentImportError when it gives none."""
    return Parser(text, vocabulary=vocabulary, process=process).parse()
