"""Organisations in their roles: attending, technical secretariat, organiser, observer, invited body."""

from __future__ import annotations

import re

from meetings.importer.parsing.presence import GLUE, NEGATIVE, OBSERVER, PRESENCE, governs
from meetings.models import ParticipationRole

#: Words that give an organisation its role in the meeting (or say it took part).
ORG_ROLE = re.compile(
    r"\b(?:technical secretariat|secretar[ií]a t[eé]cnica|organi[sz]ed by|organizad[ao] por|"
    r"co-?organi[sz]|in collaboration with|en colaboraci[oó]n con|with (?:the )?support (?:of|from)|supported by|"
    r"con el apoyo de|con la cooperaci[oó]n de|a cargo de|en su rol de|in its capacity as|en su calidad de|"
    r"present(?:ed|ad[ao]) by|presentad[ao] por|elaborad[ao] por|por parte de|invitad[oa]s? especiales)\b",
    re.I,
)
_ORGANISER_CUE = re.compile(
    r"\b(?:organi[sz]ed by|organizad[ao] por|co-?organi[sz]ed by|in collaboration with|en colaboraci[oó]n con|"
    r"with (?:the )?support (?:of|from)|supported by|con el apoyo de|con la cooperaci[oó]n de)"
    r"\s*(?:the\s+|la\s+|el\s+)?$",
    re.I,
)
_ORGANISER_AFTER = re.compile(
    r"^[\s,)]*(?:\([^)]{1,20}\)[\s,]*)?(?:in collaboration with|en colaboraci[oó]n con|convened|convenes|"
    r"convoc[oó]|organi[sz]ed|organiz[oó]|hosted|opened|inaugur[oó])",
    re.I,
)
_SECRETARIAT_CUE = re.compile(r"secretariat|secretar[ií]a", re.I)
PRESENT_OR_ROLE = re.compile(PRESENCE.pattern + "|" + ORG_ROLE.pattern + "|" + OBSERVER.pattern, re.I)
#: What an organisation does, printed after its name: "IGAD, in collaboration with ..., opened",
#: "the IOM, in its capacity as Technical Secretariat".
ORG_AFTER = re.compile(
    r"^[\s,)]*(?:\([^)]{1,20}\)[\s,]*)?(?:in collaboration with|en colaboraci[oó]n con|in its capacity as|"
    r"en su (?:calidad|car[aá]cter|rol) de|as (?:the )?(?:technical )?secretariat|como secretar[ií]a|convened|"
    r"convenes|convoc[oó]|organi[sz]ed|organiz[oó]|hosted|opened|inaugur[oó])\b",
    re.I,
)
_LIST_GAP = re.compile(
    r"^(?:[\s,;:()–—/-]|\b(?:and|y|e|as well as|así como|the|la|el|los|las|del?|including|UN agencies)\b)*$", re.I
)


def _list_words(gap: str) -> bool:
    """ ", la Oficina del ", "Directorate General for Home Affairs (DG Home), the ": a few words
    other than list words, and a comma or "and", between two names of one list."""
    gap = re.sub(r"\([^)]{0,30}\)", " ", gap)  # "(DG Home)"
    if len(gap) > 60 or not re.search(r"[,;]|\by\b|\band\b", gap):
        return False
    return sum(1 for word in re.findall(r"[^\W\d_][\w'’-]*", gap) if word.lower() not in GLUE) <= 4


def _runs(sentence: str, spans: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Organisations printed as one list ("the IOM, UNHCR and ICRC")."""
    runs: list[list[tuple[int, int, str]]] = []
    for span in spans:
        gap = sentence[runs[-1][-1][1] : span[0]] if runs else ""
        if runs and (_LIST_GAP.match(gap) or _list_words(gap)):
            runs[-1].append(span)
        else:
            runs.append([span])
    return runs


class Organisations:
    def organisations_present(self) -> None:
        """Organisations listed where a presence or role word governs the list, in the role the words give."""
        known = set(self.draft.organisations())
        for offset, sentence in self.presence_sentences():
            spans = self.vocabulary.organisation_spans(sentence)
            names, others = self.name_spans(sentence)
            for run in _runs(sentence, spans):
                begin, stop = run[0][0], run[-1][1]
                rest = [o for o in others if not (begin <= o[0] < stop)]
                if NEGATIVE.search(sentence[stop : stop + 120]):
                    continue
                after = ORG_AFTER.match(sentence[stop : stop + 70])
                if not after and governs(sentence, begin, stop, PRESENT_OR_ROLE, names, rest) is None:
                    continue
                role = self.organisation_role(sentence, begin, stop)
                for start, end, slug in run:
                    if slug not in known:
                        self.add_participant(role, organisation=slug)
                        self.draft.participants[-1].evidence = (offset + start, offset + end)
                        known.add(slug)

    def organisation_role(self, sentence: str, position: int, stop: int) -> str:
        before = sentence[max(0, position - 80) : position]
        after = sentence[stop : stop + 60]
        if _ORGANISER_CUE.search(before) or _ORGANISER_AFTER.match(after):
            return ParticipationRole.ORGANISER
        if _SECRETARIAT_CUE.search(before[-40:] + " " + after):
            return ParticipationRole.SECRETARIAT
        if OBSERVER.search(before):
            return ParticipationRole.OBSERVER
        return ParticipationRole.PARTICIPANT

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
