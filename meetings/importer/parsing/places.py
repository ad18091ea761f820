"""When and where: the meeting's dates, city, country and venue, from the opening lines and sentences."""

from __future__ import annotations

import re

from meetings.importer.dates import DateSpan, find_dates
from meetings.importer.parsing.lines import _Line
from meetings.importer.parsing.patterns import MEETING_VERB, PLACE
from meetings.importer.vocabulary import CITY_FORMS
from meetings.text import normalize_name


class WhenAndWhere:
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
