"""The shape of a benchmark archive: how many of each record, in what proportions, with what words.

Both writers (set-based SQL on PostgreSQL, batched ORM inserts elsewhere)
draw from these figures, so a database grown either way has the same
distributions. They follow the archive the issue measured (30,800 meetings,
42,000 documents, 1.0 M agreements, 4.0 M agreement–country links, 2.3 M
agreement–topic links, 550 k participations, 97 k action items).
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from meetings.models import Country, Organisation, Process, ProcessMembership, Topic

FIRST_YEAR, LAST_YEAR = 1990, 2026

#: Documents per meeting: one, or two (a report beside the communiqué) for about a third.
SECOND_DOCUMENT_SHARE = 0.36
#: Agreements per document: exponentially spread around the mean (most communiqués are short,
#: a few run to hundreds of items), between 1 and the cap.
AGREEMENTS_PER_DOCUMENT_MEAN = 24
AGREEMENTS_PER_DOCUMENT_MAX = 400
COUNTRIES_PER_AGREEMENT = (2, 5)
TOPICS_PER_AGREEMENT = (1, 3)
PARTICIPANTS_PER_MEETING = (10, 20)
ACTION_ITEMS_PER_MEETING = (0, 6)
#: Sentences of a document's text (about 4 KB).
SENTENCES_PER_DOCUMENT = (12, 24)
#: Share of meetings that two processes hold together.
JOINT_MEETING_SHARE = 0.10

# Publication states, level by level: together about 5 % of agreements are
# drafts (their own or their document's or meeting's) and about 2 % withdrawn.
MEETING_STATES = {"published": 0.965, "draft": 0.025, "withdrawn": 0.010}
DOCUMENT_STATES = {"published": 0.985, "draft": 0.010, "withdrawn": 0.005}
AGREEMENT_STATES = {"published": 0.980, "draft": 0.015, "withdrawn": 0.005}
ACTION_ITEM_STATES = {"published": 0.97, "draft": 0.02, "withdrawn": 0.01}

MEETING_KINDS = {
    "vice_ministerial": 0.15,
    "technical": 0.30,
    "liaison_network": 0.10,
    "committee": 0.15,
    "plenary": 0.05,
    "ministerial": 0.05,
    "forum": 0.08,
    "workshop": 0.07,
    "seminar": 0.05,
}
DOCUMENT_KINDS = {"communique": 0.45, "report": 0.25, "declaration": 0.10, "summary": 0.10, "resolution": 0.10}
#: The second document of a meeting, when there is one.
SECOND_DOCUMENT_KINDS = {"report": 0.5, "rapporteurship": 0.2, "summary": 0.2, "plan_of_action": 0.1}
LANGUAGES = {"es": 0.55, "en": 0.40, "pt": 0.05}
SECTIONS = {
    "substantive": 0.55,
    "administrative": 0.15,
    "acknowledgments": 0.10,
    "working_group": 0.05,
    "thematic": 0.05,
    "follow_up": 0.07,
    "closing": 0.03,
}
AGREEMENT_KINDS = {
    "decision": 0.45,
    "recommendation": 0.15,
    "acknowledgement": 0.12,
    "request": 0.10,
    "proposal": 0.05,
    "commitment": 0.08,
    "statement": 0.05,
}
PARTICIPATION_ROLES = {"member": 0.75, "observer": 0.20, "participant": 0.05}
PROGRESS = {"open": 0.40, "in_progress": 0.20, "done": 0.30, "dropped": 0.10}
#: Of action items: tied to one of the meeting's agreements (else set by the meeting as a whole).
ACTION_ITEM_ON_AGREEMENT_SHARE = 0.75
#: Of action items: an exact due date; a relative one ("before the next vice-ministerial meeting"); else none.
DUE_DATE_SHARE = 0.55
DUE_NEXT_MEETING_SHARE = 0.15

CITIES = [
    "Antigua Guatemala", "Tegucigalpa", "San Salvador", "San José", "Panama City", "Mexico City", "Montevideo",
    "Buenos Aires", "Lima", "Quito", "Santiago", "Asunción", "Bogotá", "Washington, D.C.", "Ottawa", "Managua",
    "Santo Domingo", "Belmopan", "La Paz", "Brasília", "Caracas", "Geneva", "Bangkok", "Budapest", "Rabat",
]  # fmt: skip


def cumulative(weights: dict[str, float]) -> list[tuple[float, str]]:
    """(upper bound, value) pairs: the value whose bound first exceeds a uniform draw in [0, 1)."""
    total, bounds = sum(weights.values()), []
    running = 0.0
    for value, weight in weights.items():
        running += weight / total
        bounds.append((running, value))
    bounds[-1] = (1.0000001, bounds[-1][1])
    return bounds


def pick(weights: dict[str, float], draw: float) -> str:
    for bound, value in cumulative(weights):
        if draw < bound:
            return value
    raise AssertionError("unreachable")


def country_weights() -> dict[int, int]:
    """How often each country is drawn (for agreements, participations): members of processes far more often.

    A country counts 1, plus 6 for each process it belongs to or observes: the
    Americas' members come up in a few percent of agreements each, as they do
    in the real records, and every country in the world can appear.
    """
    weights = {pk: 1 for pk in Country.objects.values_list("pk", flat=True)}
    for country_id in ProcessMembership.objects.values_list("country_id", flat=True):
        weights[country_id] += 6
    return weights


# --------------------------------------------------------------------------
# Text drawn from the seed documents' vocabulary
# --------------------------------------------------------------------------


def seed_texts() -> list[str]:
    """The texts of the seed fixtures' documents and agreements (in the repository, so CI has them)."""
    texts = []
    for folder in settings.FIXTURE_DIRS:
        for path in sorted(Path(folder).glob("seed_*.json")):
            for record in json.loads(path.read_text(encoding="utf-8")):
                if record["model"] in ("meetings.document", "meetings.agreement"):
                    texts.append(record["fields"].get("text", ""))
    return [t for t in texts if t.strip()]


_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+", re.UNICODE)


@dataclass
class TextPool:
    """Sentences made by a word-level Markov chain (order 2) over the seed texts.

    Phrases of the seeds survive ("the human rights of migrants", "trafficking
    in persons"), so phrase searches find something, and words keep their
    natural frequencies, so the full-text index is as selective as on real
    records; but no sentence is a copy, so nothing is found by accident.
    """

    sentences: list[str]
    titles: list[str]

    @classmethod
    def build(cls, rng: random.Random, size: int = 3000) -> TextPool:
        words = [w for text in seed_texts() for w in _WORD.findall(text)]
        if len(words) < 100:
            raise RuntimeError("The seed fixtures hold too little text to draw words from.")
        chain: dict[tuple[str, str], list[str]] = {}
        for a, b, c in zip(words, words[1:], words[2:], strict=False):
            chain.setdefault((a.lower(), b.lower()), []).append(c)
        starts = [(a, b) for a, b in zip(words, words[1:], strict=False) if a[:1].isupper() and len(a) > 2]
        sentences = [cls._sentence(rng, chain, rng.choice(starts)) for _ in range(size)]
        titles = [cls._title(rng, chain, rng.choice(starts)) for _ in range(max(200, size // 10))]
        return cls(sentences=sentences, titles=titles)

    @staticmethod
    def _walk(rng, chain, start, length: int) -> list[str]:
        out = list(start)
        while len(out) < length:
            followers = chain.get((out[-2].lower(), out[-1].lower()))
            if not followers:
                break
            out.append(rng.choice(followers))
        return out

    @classmethod
    def _sentence(cls, rng, chain, start) -> str:
        out = cls._walk(rng, chain, start, rng.randint(12, 45))
        return "To " + " ".join(out)[:1].lower() + " ".join(out)[1:] + "."

    @classmethod
    def _title(cls, rng, chain, start) -> str:
        return " ".join(cls._walk(rng, chain, start, rng.randint(4, 9))).title()


def topic_weights(rng: random.Random) -> dict[int, float]:
    """Topics follow a long tail: a few themes (human rights, trafficking) in many agreements, most in few."""
    pks = list(Topic.objects.order_by("pk").values_list("pk", flat=True))
    rng.shuffle(pks)
    return {pk: 1 / (rank + 1) ** 0.8 for rank, pk in enumerate(pks)}


def process_weights() -> dict[int, int]:
    """Processes with more members hold more meetings."""
    weights = {pk: 2 for pk in Process.objects.values_list("pk", flat=True)}
    for process_id in ProcessMembership.objects.values_list("process_id", flat=True):
        weights[process_id] += 1
    return weights


def organisation_ids() -> list[int]:
    return list(Organisation.objects.order_by("pk").values_list("pk", flat=True))


def expand(weights: dict[int, float], slots: int = 2000) -> list[int]:
    """A list in which each key appears in proportion to its weight: a uniform draw from it is a weighted draw."""
    total = sum(weights.values())
    out = []
    for key, weight in weights.items():
        out += [key] * max(1, round(slots * weight / total))
    return out
