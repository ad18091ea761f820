"""Scoring the importer on a folder of documents with hand-written answers (FILE.txt, .pdf, .docx, .html, ...
beside FILE.json).

An answer file holds the fields below; a field left out is not scored. Scalar fields are right or
wrong per document; list fields are also scored by precision and recall over all documents.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from meetings.importer.parsing import ImportDraft, parse_document
from meetings.importer.reading import EXTENSIONS, read_document
from meetings.importer.vocabulary import Vocabulary
from meetings.models import Organisation, ParticipationRole
from meetings.text import normalize_name

SCALAR_FIELDS = ["title", "start_date", "end_date", "city", "host_country"]
LIST_FIELDS = ["member_countries", "observer_countries", "participant_countries", "organisations", "agreement_labels"]
#: Lists whose order is part of the answer (labels are kept in printed order).
ORDERED = {"agreement_labels"}


def predicted(draft: ImportDraft, acronyms: dict[str, str]) -> dict:
    return {
        "title": draft.title,
        "start_date": draft.start_date.isoformat() if draft.start_date else None,
        "end_date": draft.end_date.isoformat() if draft.end_date else None,
        "city": draft.city,
        "host_country": draft.host_country,
        "member_countries": draft.countries(ParticipationRole.MEMBER),
        "observer_countries": draft.countries(ParticipationRole.OBSERVER),
        "participant_countries": draft.countries(ParticipationRole.PARTICIPANT),
        # Organisations present in any role, by acronym (or slug for those without one).
        "organisations": list(dict.fromkeys(acronyms.get(slug) or slug for slug in draft.organisations())),
        # Printed labels in printed order; bullets (no label) are not listed.
        "agreement_labels": [a.label for a in draft.agreements if a.label],
    }


def same_value(field_name: str, got, want) -> bool:
    if field_name == "title" or field_name == "city":
        return normalize_name(got or "") == normalize_name(want or "")
    if field_name in LIST_FIELDS:
        return list(got) == list(want) if field_name in ORDERED else sorted(got) == sorted(want)
    return got == want


@dataclass
class FieldScore:
    right: int = 0
    scored: int = 0
    true_positives: int = 0
    predicted: int = 0
    expected: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0


@dataclass
class AccuracyReport:
    documents: list[str] = field(default_factory=list)
    fields: dict[str, FieldScore] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def right(self) -> int:
        return sum(score.right for score in self.fields.values())

    @property
    def scored(self) -> int:
        return sum(score.scored for score in self.fields.values())

    def lines(self) -> list[str]:
        out = [f"{len(self.documents)} documents"]
        for name in SCALAR_FIELDS + LIST_FIELDS:
            score = self.fields.get(name)
            if not score or not score.scored:
                continue
            line = f"{name:<22} {score.right}/{score.scored} documents right"
            if name in LIST_FIELDS:
                line += f"   precision {score.precision:.2f}  recall {score.recall:.2f}"
            if score.wrong:
                line += f"   (wrong: {', '.join(score.wrong)})"
            out.append(line)
        for name, message in self.errors.items():
            out.append(f"error: {name}: {message}")
        share = self.right / self.scored if self.scored else 0
        out.append(f"overall: {self.right}/{self.scored} fields right ({share:.0%}) on {len(self.documents)} documents")
        return out


def score_folder(folder: Path) -> AccuracyReport:
    from meetings.importer.errors import DocumentImportError

    report = AccuracyReport()
    vocabulary = Vocabulary.load()
    acronyms = dict(Organisation.objects.values_list("slug", "acronym"))
    sources = sorted(p for p in folder.iterdir() if p.suffix.lower() in EXTENSIONS and p.with_suffix(".json").exists())
    for source in sources:
        answers = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
        report.documents.append(source.name)
        try:
            draft = parse_document(read_document(source.read_bytes(), source.name), vocabulary=vocabulary)
            got = predicted(draft, acronyms)
        except DocumentImportError as error:
            report.errors[source.name] = str(error)
            got = {}
        for name, want in answers.items():
            if name not in SCALAR_FIELDS + LIST_FIELDS:
                continue
            score = report.fields.setdefault(name, FieldScore())
            value = got.get(name, [] if name in LIST_FIELDS else None)
            score.scored += 1
            if same_value(name, value, want):
                score.right += 1
            else:
                score.wrong.append(source.stem)
            if name in LIST_FIELDS:
                overlap = Counter(value) & Counter(want)
                score.true_positives += sum(overlap.values())
                score.predicted += len(value)
                score.expected += len(want)
    return report
