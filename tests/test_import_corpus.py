"""The importer on the development corpus: real public documents of many processes, in the shapes
they come in, each beside answers read by hand (tests/data/corpus/README.md).

Each document is checked field by field, and the accuracy the corpus reaches is asserted as a
floor, so that a change that loses fields cannot pass quietly.
"""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from meetings.importer.accuracy import LIST_FIELDS, SCALAR_FIELDS, predicted, same_value, score_folder
from meetings.importer.parsing import parse_document
from meetings.importer.reading import read_document
from meetings.importer.vocabulary import Vocabulary
from meetings.models import Organisation

CORPUS = Path(settings.BASE_DIR) / "tests" / "data" / "corpus"
DOCUMENTS = sorted(p for p in CORPUS.iterdir() if p.suffix == ".txt")
#: The floors: overall, and for every field.
OVERALL_FLOOR = 0.95
FIELD_FLOOR = 0.90
#: A single document may miss a field or two (a country named only as "for its active
#: participation", an organisation that "presented" a document), not more.
DOCUMENT_FLOOR = 7 / 9

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def report(reference_db, django_db_blocker):
    with django_db_blocker.unblock():
        return score_folder(CORPUS)


@pytest.fixture(scope="module")
def vocabulary(reference_db, django_db_blocker):
    with django_db_blocker.unblock():
        return Vocabulary.load(), dict(Organisation.objects.values_list("slug", "acronym"))


def test_the_corpus_is_varied():
    answers = [json.loads(p.with_suffix(".json").read_text(encoding="utf-8")) for p in DOCUMENTS]
    assert len(DOCUMENTS) >= 25 and len(answers) == len(DOCUMENTS)
    bodies = {p.name.split("_")[1] for p in DOCUMENTS}
    assert len(bodies) >= 8, bodies
    spanish = [p for p in DOCUMENTS if p.name.startswith("es_")]
    assert len(spanish) / len(DOCUMENTS) >= 0.40
    one_line = [p for p in DOCUMENTS if len(p.read_text(encoding="utf-8").splitlines()) == 2]
    assert one_line, "at least one document is on a single line (after its source line)"


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_the_first_line_names_the_source(path):
    assert re.match(r"^Source: https?://\S+$", path.read_text(encoding="utf-8").splitlines()[0])


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_each_document_gives_its_hand_read_answers(path, vocabulary):
    words, acronyms = vocabulary
    answers = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    got = predicted(parse_document(read_document(path.read_bytes(), path.name), vocabulary=words), acronyms)
    wrong = {
        name: (got[name], want)
        for name, want in answers.items()
        if name in SCALAR_FIELDS + LIST_FIELDS and not same_value(name, got[name], want)
    }
    assert len(answers) - len(wrong) >= DOCUMENT_FLOOR * len(answers), wrong


def test_the_corpus_is_read_at_the_accuracy_floor_overall(report):
    assert report.errors == {}
    assert report.right / report.scored >= OVERALL_FLOOR, report.lines()


@pytest.mark.parametrize("field", SCALAR_FIELDS[1:] + LIST_FIELDS)
def test_each_field_is_read_at_the_accuracy_floor(report, field):
    score = report.fields[field]
    assert score.scored == len(DOCUMENTS)
    assert score.right / score.scored >= FIELD_FLOOR, (field, score.wrong)
