"""Agreements run into long paragraphs: a transcribed web page keeps no line structure."""

from __future__ import annotations

import re

from meetings.importer.parsing.draft import AgreementDraft
from meetings.importer.parsing.patterns import AGREED_SENTENCE, RUN_IN_ENUMERATION, RUN_IN_TOPIC
from meetings.models import AgreementKind, AgreementSection


class RunInAgreements:
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
