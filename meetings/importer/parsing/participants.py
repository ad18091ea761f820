"""Participants: countries and organisations in their roles, from lists, prose and reported speech."""

from __future__ import annotations

import re

from meetings.importer.parsing.draft import ParticipantDraft
from meetings.importer.parsing.organisations import ORG_ROLE, Organisations
from meetings.importer.parsing.patterns import BULLET, LETTERED, NUMBERED
from meetings.importer.parsing.presence import ALL_MEMBERS, NEGATIVE, OBSERVER, PRESENCE, Presence
from meetings.importer.parsing.speakers import Speakers
from meetings.models import ParticipationRole

#: Words that say a country chaired this meeting.
_CHAIRS = re.compile(r"\bco-?chair(?:ed|s)?\b|\bchaired by\b|\bunder the guidance of the chair", re.I)


class Participants(Organisations, Speakers, Presence):
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
        listed = self.countries_present() or listed
        listed = self.members_not_named() or listed
        self.organisers(flat)
        self.organisations_present()
        self.attending_body()
        self.presidency(flat)
        self.participants_who_spoke(flat, listed)
        # The host is a participant only if the text names it as taking part (a city alone does not:
        # the OAS committees meet at its seat in Washington).
        if draft.host_country and draft.host_country in draft.countries():
            self.add_participant(ParticipationRole.HOST, country=draft.host_country)
        draft.participants.sort(key=lambda p: list(ParticipationRole.values).index(p.role))
        self.report_absent_members()

    def presence_sentences(self) -> list[tuple[int, str]]:
        if getattr(self, "_presence_sentences", None) is None:
            self._presence_sentences = self.read_presence_sentences()
        return self._presence_sentences

    def read_presence_sentences(self) -> list[tuple[int, str]]:
        """Sentences that show someone taking part, outside numbered or bulleted items.

        An item ("2. The delegation of El Salvador invited the OAS to ...") says what was agreed or
        done, not who attended; the list of those present is in the prose around the items.
        """
        items = [
            (line.offset, line.offset + len(line.raw))
            for line in self.lines
            if NUMBERED.match(line.text) or LETTERED.match(line.text) or BULLET.match(line.text)
        ]
        return [
            (offset, s)
            for offset, s in self.prose
            if (PRESENCE.search(s) or ORG_ROLE.search(s)) and not any(b <= offset < e for b, e in items)
        ]

    def countries_present(self) -> bool:
        """Countries listed in sentences that show them taking part ("Los representantes de X, Y y Z, reunidos")."""
        found = False
        known = {p.country for p in self.draft.participants if p.country}
        members = self.members_of_process()
        for offset, sentence in self.presence_sentences():
            for run, role in self.present_countries(sentence):
                evidence = (offset + run[0].begin, offset + run[-1].stop)
                for mention in run:
                    if mention.code in known:
                        continue
                    self.add_participant(self.role_for(mention.code, role, members), country=mention.code)
                    self.draft.participants[-1].evidence = evidence
                    known.add(mention.code)
                    found = True
                chairs = _CHAIRS.search(sentence[max(0, run[0].begin - 40) : run[-1].stop + 40])
                if chairs and len(run) <= 2:
                    for mention in run:
                        self.add_participant(ParticipationRole.PRESIDENCY, country=mention.code, note="co-chair")
        return found

    def role_for(self, code: str, role: str, members: set[str]) -> str:
        if role == "observer":
            return ParticipationRole.OBSERVER
        if role == "guest":
            return ParticipationRole.PARTICIPANT
        if role == "member" or code in members:
            return ParticipationRole.MEMBER
        return ParticipationRole.PARTICIPANT

    def members_of_process(self) -> set[str]:
        """The members of the meeting's processes on its date (any date when it has none)."""
        return {c for process in self.draft.processes for c in self.vocabulary.roster(process, self.draft.start_date)}

    def members_not_named(self) -> bool:
        """ "with the participation of delegations from all 11 Member States": the roster, with a note."""
        draft = self.draft
        if draft.countries(ParticipationRole.MEMBER):
            return False
        for offset, sentence in self.presence_sentences():
            match = ALL_MEMBERS.search(sentence)
            if not match or NEGATIVE.search(sentence) or not PRESENCE.search(sentence) or OBSERVER.search(sentence):
                continue
            for process in draft.processes:
                roster = self.vocabulary.roster(process, draft.start_date)
                if not roster:
                    continue
                for code in roster:
                    self.add_participant(
                        ParticipationRole.MEMBER, country=code,
                        note=f"The text says \"{match.group(0)}\" took part; read from the roster of the process.",
                    )  # fmt: skip
                    draft.participants[-1].evidence = (offset + match.start(), offset + match.end())
                draft.notes.append(
                    f'Members: the text says "{match.group(0).strip()}" without naming them; '
                    f"the {len(roster)} members of {self.vocabulary.process_name(process)} on that date are recorded."
                )
                return True
        return False

    def report_absent_members(self) -> None:
        draft = self.draft
        members = self.members_of_process()
        present = set(draft.countries())
        if members and present & members:
            draft.absent_members = sorted(members - present)
            if draft.absent_members:
                draft.notes.append(f"Members of the process not named as present: {', '.join(draft.absent_members)}.")

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
            members = self.members_of_process() if role == ParticipationRole.PARTICIPANT else set()
            for country in countries:
                self.add_participant(self.role_for(country, "", members) if members else role, country=country)
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
