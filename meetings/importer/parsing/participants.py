"""Participants: countries and organisations in their roles, from lists, prose and reported speech."""

from __future__ import annotations

import re

from meetings.importer.parsing.draft import ParticipantDraft
from meetings.importer.parsing.patterns import PERSON, SPEECH
from meetings.models import ParticipationRole


class Participants:
    def add_participant(
        self, role: str, country: str | None = None, organisation: str | None = None, note: str = ""
    ) -> None:
        for existing in self.draft.participants:
            if (existing.role, existing.country, existing.organisation) == (role, country, organisation):
                return
        self.draft.participants.append(ParticipantDraft(role, country, organisation, note))

    def find_participants(self) -> None:
        draft = self.draft
        flat = self.text.replace("\n", " ")
        listed = self.participants_under_heading()
        listed = self.participants_in_prose(flat) or listed
        self.organisers(flat)
        self.attending_body()
        self.presidency(flat)
        if not listed:
            self.participants_who_spoke(flat)
        # The host is a participant only if the text names it as taking part (a city alone does not:
        # the OAS committees meet at its seat in Washington).
        if draft.host_country and draft.host_country in draft.countries():
            self.add_participant(ParticipationRole.HOST, country=draft.host_country)
        draft.participants.sort(key=lambda p: list(ParticipationRole.values).index(p.role))

    def participants_under_heading(self) -> bool:
        """ "Participants" followed by a list of countries, then the organisations that "participated"."""
        draft, vocabulary, listed = self.draft, self.vocabulary, False
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
        return listed

    def participants_in_prose(self, flat: str) -> bool:
        """ "with the participation of the member countries of A, B and C." """
        vocabulary, listed = self.vocabulary, False
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
        return listed

    def organisers(self, flat: str) -> None:
        """ "The event was organized by ..., with the collaboration of ..." """
        vocabulary = self.vocabulary
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

    def attending_body(self) -> None:
        """ "Attendance of the Technical Secretariat's Coordinator to the First Meeting ..." """
        draft = self.draft
        match = re.match(r"^(?:Attendance|Participation) of the ([\w -]+?)['’]s (\w+)", draft.document.title)
        if match:
            mentioned = [p for p in ("rcm", "sacm") if re.search(rf"\b{p.upper()}\b", self.text)] + draft.processes
            body = self.vocabulary.body(mentioned, match.group(1))
            if body:
                self.add_participant(
                    ParticipationRole.INVITED, organisation=body, note=f"Its {match.group(2).lower()} attended"
                )

    def presidency(self, flat: str) -> None:
        """ "Chile, in its capacity as President of the CELAC": the presidency of this meeting's process."""
        draft, vocabulary = self.draft, self.vocabulary
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

    def participants_who_spoke(self, flat: str) -> None:
        for country in self.countries_that_spoke(flat):
            self.add_participant(
                ParticipationRole.PARTICIPANT, country=country, note="Intervention reported in the document."
            )
        if self.draft.countries(ParticipationRole.PARTICIPANT):
            self.draft.notes.append(
                "The document prints no list of participants: the countries are those whose interventions it reports."  # noqa: E501 - a pattern or message reads better on one line
            )

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
