"""Where: the meeting's city, country and venue.

Read, in this order, from the sentence saying the meeting took place (the place printed nearest
after its verb), the heading ("Location: Cracow, Poland", "LA PAZ, BOLIVIA, 25 Y 26 DE ..."), and
the dateline ("Ankara, 10-11 December 2012:"). A place is "City, Country", a capital ("met in
Madrid"), a city with the country that hosted ("Morocco hosted this Conference ... in Marrakesh")
or a country alone ("se llevó a cabo en Panamá"); never one printed in a sentence about another
meeting. A city printed without its country and not a capital leaves the country empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from meetings.importer.dates import find_dates, find_numeric_date
from meetings.importer.parsing.lines import _Line
from meetings.importer.parsing.patterns import HELD
from meetings.importer.parsing.when import MeetingSentence, When, nearest_after_verb
from meetings.importer.parsing.words import smart_title
from meetings.importer.vocabulary import CITY_FORMS
from meetings.text import normalize_name

#: Labels a scraped heading runs together ("Location: Adelaide, AustraliaDate: 08 - 10 February 2023").
_GLUED_LABEL = re.compile(r"(?<=[a-záéíóú.)])(?=(?:Date|Fecha|Venue|Location|Lugar|Sede|Time|Hora)\s*:)")
_LABEL = re.compile(r"^(?:Location|Lugar|Place|City|Ciudad)\s*:\s*", re.I)
_VENUE = re.compile(r"^(?:Venue|Lugar de la reuni[oó]n|Sede)\s*:\s*(.+)$", re.I)
_CITY_OF = re.compile(r"\b(?:the city of|la ciudad de|city of|ciudad de)\s+$", re.I)
_CAPITALISED = r"[A-ZÁÉÍÓÚÑ][\w'’.-]*"
_LOCATIVE = re.compile(
    r"\b(?:in|en|at)\s+(?:the\s+city\s+of\s+|la\s+ciudad\s+de\s+)?(?P<name>" + _CAPITALISED + r"(?:[ -](?:de\s+)?"
    + _CAPITALISED + r"){0,3})(?!\s+(?:Process|Declaration|Declaraci[oó]n|Plan|Programme|Strategy|Action|Group))"
)  # fmt: skip
_HOSTED_BY = re.compile(r"\bhosted by\s+(?P<host>[^,.;]{3,90})|(?P<subject>[^,.;]{3,60})\s+hosted\b", re.I)
_HELD_JUST_BEFORE = re.compile(HELD.pattern + r"\s*(?:\w+\s+){0,2}$", re.I)
_NOT_CITY = {"the", "in", "at", "en", "location", "lugar", "venue", "sede", "date", "fecha", "city", "ciudad"}


#: Places whose printed form holds a comma of its own.
_KNOWN_PLACES = [(re.compile(r"\bWashington,?\s+D\.\s?C\.?|\bWashington,?\s+DC\b"), "Washington, D.C.", "USA")]


@dataclass
class Place:
    city: str
    country: str | None
    begin: int
    stop: int
    printed: str = ""


class WhenAndWhere(When):
    def find_when_and_where(self, header: list[_Line]) -> None:
        lead = self.lead_lines(header)
        meeting = self.meeting_sentences()
        self.find_meeting_dates(lead, meeting)
        self.find_meeting_place(lead, meeting)
        self.place_header_lines(header)

    def lead_lines(self, header: list[_Line]) -> list[tuple[int | None, str]]:
        """The scraped preamble and the heading, with labels run together split apart."""
        out: list[tuple[int | None, str]] = [(None, text) for text in self.preamble]
        for line in header:
            start = line.offset + line.raw.find(line.text[:10])
            pieces = _GLUED_LABEL.split(line.text)
            for piece in pieces:
                out.append((start, piece))
                start += len(piece)
        return out

    def find_meeting_place(self, lead: list[tuple[int | None, str]], meeting: list[MeetingSentence]) -> None:
        body = None
        for sentence in meeting[:4]:
            places = self.places_in(sentence.text)
            place = nearest_after_verb(places, sentence)
            if place is not None:
                body = (place, sentence.offset)
                break
        head = next(((p[0], off) for off, text in lead if (p := self.places_in(_LABEL.sub("", text)))), None)
        chosen = body or head or self.dateline_place()
        if chosen is None:
            reason = "no sentence or heading says where the meeting took place"
            self.draft.missing["city"] = self.draft.missing["host_country"] = reason
            self.draft.notes.append(f"No place: {reason}.")
            return
        place, offset = chosen
        if not place.city and place.country:
            # "se celebra en México" and a dateline "Ciudad de México, 8 de noviembre de 2019": one place
            other = head or self.dateline_place()
            if other and other[0].city and other[0].country == place.country:
                place, offset = other
        if body and head and head[0].country and body[0].country and head[0].country != body[0].country:
            self.draft.conflicts.append(
                f"Place: the heading prints {head[0].city or head[0].country}, the text {place.city or place.country}; "
                "kept the text's."
            )
        self.set_place(place, offset)

    def set_place(self, place: Place, offset: int | None) -> None:
        draft = self.draft
        draft.city, draft.host_country = place.city, place.country
        self.printed_city = place.printed or place.city
        if offset is not None:
            draft.evidence["city"] = draft.evidence["host_country"] = (offset + place.begin, offset + place.stop)
        if not place.city:
            draft.missing["city"] = "the text names the country the meeting took place in, not the city"
        elif not place.country:
            draft.missing["host_country"] = f"{place.city} is printed without its country and is not a capital"
            draft.notes.append(f"No country: {draft.missing['host_country']}.")

    def dateline_place(self) -> tuple[Place, int] | None:
        for line in [line for line in self.lines if line.text][:3]:
            head = line.text[:80]
            span = (find_dates(head) or [find_numeric_date(head)])[0]
            if span is not None:
                before = head[: span.begin].strip(" ,–-")
                after = re.match(r"^[\s,]*([A-ZÁÉÍÓÚ][\w ]{2,30}?)\s*:", head[span.stop :])
                name = before or (after.group(1) if after else "")
                if name and name in self.vocabulary.capitals:
                    city, code = self.vocabulary.capitals[name]
                    return Place(city, code, 0, len(name), name), line.offset
        return None

    # -- reading places in a piece of text -----------------------------------

    def places_in(self, chunk: str) -> list[Place]:
        """Every place printed in `chunk`, in printed order (dates blanked out first)."""
        for span in find_dates(chunk):
            chunk = chunk[: span.begin] + " " * (span.stop - span.begin) + chunk[span.stop :]
        found = [
            Place(city, country, m.start(), m.end(), m.group(0))
            for pattern, city, country in _KNOWN_PLACES
            for m in pattern.finditer(chunk)
        ]
        found += [p for p in self.city_country_pairs(chunk) if not any(k.begin <= p.begin < k.stop for k in found)]
        taken = [(p.begin, p.stop) for p in found]
        host = self.hosted_by(chunk)
        for match in _LOCATIVE.finditer(chunk):
            if any(b <= match.start("name") < s for b, s in taken):
                continue
            place = self.named_place(match.group("name"), host, match.start("name"))
            if place is None and _HELD_JUST_BEFORE.search(chunk[max(0, match.start() - 30) : match.start()]):
                place = self.city_alone(match.group("name"), match.start("name"))
            if place:
                found.append(place)
        return sorted(found, key=lambda p: p.begin)

    def city_country_pairs(self, chunk: str) -> list[Place]:
        """ "Antigua Guatemala, Guatemala", "In the city of Sucre, Plurinational State of Bolivia"."""
        found = []
        for comma in re.finditer(r",\s*", chunk):
            left = re.search(r"((?:" + _CAPITALISED + r"[ ]?){1,5})$", chunk[: comma.start()])
            if not left:
                continue
            country, length = self.country_at(chunk[comma.end() :])
            if not country:
                continue
            city = self.city_from_words(left.group(1).strip(), country)
            if city:
                known = CITY_FORMS.get(f"{normalize_name(city)}|{country}")
                capital = self.vocabulary.capitals.get(city)
                if capital and capital[1] == country:
                    known = capital
                begin = comma.start() - len(city)
                found.append(Place(known[0] if known else city, country, begin, comma.end() + length, city))
        return found

    def country_at(self, text: str) -> tuple[str | None, int]:
        words = re.split(r"(\s+)", text[:90])
        for size in range(min(13, len(words)), 0, -1):
            candidate = "".join(words[:size]).rstrip(" .;:,)(")
            if candidate and (code := self.vocabulary.country(candidate, demonyms=False)):
                return code, len(candidate)
        # "AustraliaDate:" as a scraped heading runs it together
        glued = re.match(r"^([A-Z][a-z]+)(?=[A-Z])", text)
        if glued and (code := self.vocabulary.country(glued.group(1), demonyms=False)):
            return code, len(glued.group(1))
        return None, 0

    def city_from_words(self, words: str, country: str) -> str:
        parts = words.split()
        while parts and parts[0].lower() in _NOT_CITY:
            parts = parts[1:]
        if not parts or self.vocabulary.country(" ".join(parts), demonyms=False):
            return ""  # a list of countries, not "City, Country"
        for size in range(min(4, len(parts)), 0, -1):
            candidate = " ".join(parts[-size:])
            if (
                self.vocabulary.capitals.get(candidate, ("", ""))[1] == country
                or f"{normalize_name(candidate)}|{country}" in CITY_FORMS
            ):
                return smart_title(candidate)
        if any(p.isupper() and len(p) > 2 for p in parts) and not all(p.isupper() for p in parts):
            parts = [p for p in parts if not p.isupper()][-3:]  # "MIGRACIONES Quito" → "Quito"
        return smart_title(" ".join(parts[-3:]))

    def named_place(self, name: str, host: str | None, begin: int) -> Place | None:
        name = name.strip(" .")
        country = self.vocabulary.country(name, demonyms=False)
        if country:
            return Place("", country, begin, begin + len(name))
        for size in range(len(name.split()), 0, -1):
            candidate = " ".join(name.split()[:size])
            if candidate in self.vocabulary.capitals:
                city, code = self.vocabulary.capitals[candidate]
                return Place(city, code, begin, begin + len(candidate), candidate)
        if host and name.split()[0] not in self.vocabulary.capitals and not self.vocabulary.processes_in(name):
            return Place(name, host, begin, begin + len(name))
        return None

    def city_alone(self, name: str, begin: int) -> Place | None:
        """ "realizada en Azogues": a city printed without its country, right after the meeting verb."""
        name = name.strip(" .")
        if self.vocabulary.processes_in(name) or self.vocabulary.organisations_in(name) or len(name.split()) > 3:
            return None
        return Place(name, None, begin, begin + len(name))

    def hosted_by(self, chunk: str) -> str | None:
        """The country a sentence says hosted the meeting ("The Kingdom of Morocco hosted this Conference")."""
        match = _HOSTED_BY.search(chunk)
        if not match:
            return None
        named = self.countries_named(match.group("host") or match.group("subject"))
        return named[-1] if named else None

    def place_header_lines(self, header: list[_Line]) -> None:
        draft = self.draft
        for line in header:
            match = _VENUE.match(line.text)
            if match:
                draft.venue = match.group(1).strip()[:300]
                self.placed.add(line.index)
            elif find_dates(line.text) or (draft.city and line.text.startswith(draft.city.split(",")[0])):
                self.placed.add(line.index)
