"""Countries reported speaking: the participants of a text that prints no list of them."""

from __future__ import annotations

import re

from meetings.importer.parsing.patterns import PERSON, REPORTING_VERBS, SPEECH
from meetings.models import ParticipationRole

_PASSIVE_SPEECH = re.compile(rf"\b(?:{REPORTING_VERBS}|pointed out)\s+by\s+(?:the\s+)?(?:delegation\s+of\s+)?$")
_SPEECH_START = re.compile(rf"^\s+(?:also\s+)?(?:{REPORTING_VERBS})\b")


class Speakers:
    def participants_who_spoke(self, flat: str, listed: bool) -> None:
        known = set(
            self.draft.countries(ParticipationRole.MEMBER, ParticipationRole.OBSERVER, ParticipationRole.PARTICIPANT)
        )
        for country in self.countries_that_spoke(flat):
            if country not in known:
                self.add_participant(
                    ParticipationRole.PARTICIPANT, country=country, note="Intervention reported in the document."
                )
        if self.draft.countries(ParticipationRole.PARTICIPANT) and not listed:
            self.draft.notes.append(
                "The document prints no list of participants: the countries are those whose interventions it reports."  # noqa: E501 - a pattern or message reads better on one line
            )

    def countries_that_spoke(self, flat: str) -> list[str]:
        """Countries reported speaking: "Chile commented ...", "Honduras, El Salvador and Mexico underlined ...",
        "as was highlighted by Slovakia", "the leading state – Poland pointed to ..."."""
        found: list[str] = []
        for _, sentence in self.sentences(flat):
            verb = SPEECH.search(sentence)
            if not verb:
                continue
            for code in self.speakers_next_to_verbs(sentence):
                if code not in found:
                    found.append(code)
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

    def speakers_next_to_verbs(self, sentence: str) -> list[str]:
        """A country named right before a reporting verb, or after "<verb> by"."""
        found = []
        for mention in self.country_mentions(sentence):
            before = sentence[max(0, mention.begin - 30) : mention.begin]
            after = sentence[mention.stop : mention.stop + 25]
            if _PASSIVE_SPEECH.search(before) or _SPEECH_START.match(after):
                found.append(mention.code)
        return found
