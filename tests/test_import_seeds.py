"""The five seed documents, imported, against the records entered by hand (fixtures/seed_*.json).

The database holds the countries and the reference vocabulary but not the seed meetings, as a
fresh installation would before its first import.
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from meetings.importer.accuracy import score_folder
from meetings.importer.service import import_file
from meetings.models import Meeting

SEEDS = Path(settings.BASE_DIR) / "tests" / "data" / "seeds"
FIXTURES = Path(settings.BASE_DIR) / "fixtures"

#: source file -> the hand-entered fixture of the same meeting
HAND_ENTERED = {
    "000_d85978103be6e720.txt": "seed_2012_celac.json",
    "001_d5584d9c1a84edb5.txt": "seed_2017_forum.json",
    "002_27da9fe0adca5bed.txt": "seed_2002_vii_rcm.json",
    "003_cb9db84e974536e1.txt": "seed_2009_oas_ceam.json",
    "004_0389e5a0bc2cae19.txt": "seed_2018_rcm_sacm.json",
}


def hand_entered(filename: str) -> dict:
    records = json.loads((FIXTURES / HAND_ENTERED[filename]).read_text(encoding="utf-8"))
    meeting = next(r["fields"] for r in records if r["model"] == "meetings.meeting")
    agreements = sorted((r["fields"] for r in records if r["model"] == "meetings.agreement"), key=lambda a: a["order"])
    by_order = {a["order"]: a for a in agreements}
    return {
        "dates": (meeting["start_date"], meeting["end_date"]),
        "place": (meeting["city"], meeting["host_country"][0]),
        "processes": sorted(p[0] for p in meeting["processes"]),
        # Speakers and moderators are people: the importer does not extract people (see the report).
        "participants": sorted(
            (p["role"], (p["country"] or [""])[0], (p["organisation"] or [""])[0])
            for p in (r["fields"] for r in records if r["model"] == "meetings.participation")
            if not p.get("person")
        ),
        "agreements": [
            (a["label"], by_order[a["parent"][1]]["label"] if a["parent"] else None, a["section"], a["section_heading"])
            for a in agreements
        ],
        "agreement_texts": [a["text"] for a in agreements],
    }


def imported(meeting: Meeting) -> dict:
    document = meeting.documents.get()
    agreements = list(document.agreements.select_related("parent").order_by("order"))
    return {
        "dates": (meeting.start_date.isoformat(), meeting.end_date.isoformat()),
        "place": (meeting.city, meeting.host_country.alpha3),
        "processes": sorted(meeting.processes.values_list("slug", flat=True)),
        "participants": sorted(
            (p.role, p.country.alpha3 if p.country else "", p.organisation.slug if p.organisation else "")
            for p in meeting.participations.select_related("country", "organisation")
        ),
        "agreements": [
            (a.label, a.parent.label if a.parent else None, a.section, a.section_heading) for a in agreements
        ],
        "agreement_texts": [a.text for a in agreements],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("filename", HAND_ENTERED)
def test_importing_a_seed_gives_what_was_entered_by_hand(reference_db, filename):
    result = import_file((SEEDS / filename).read_bytes(), filename)
    meeting = result.meeting
    assert meeting.status == "draft"
    assert meeting.documents.get().status == "draft"
    assert not meeting.documents.get().agreements.exclude(status="draft").exists()
    assert imported(meeting) == hand_entered(filename)


@pytest.mark.django_db
def test_the_scraped_page_is_stored_as_the_hand_entered_text(reference_db):
    filename = "001_d5584d9c1a84edb5.txt"
    records = json.loads((FIXTURES / HAND_ENTERED[filename]).read_text(encoding="utf-8"))
    text = next(r["fields"]["text"] for r in records if r["model"] == "meetings.document")
    document = import_file((SEEDS / filename).read_bytes(), filename).meeting.documents.get()
    assert document.text == text
    assert "16 page numbers" in document.import_report


@pytest.mark.django_db
def test_the_importer_gets_every_field_right_on_all_five_seeds(reference_db):
    report = score_folder(SEEDS)
    assert len(report.documents) == 5
    assert report.errors == {}
    wrong = {name: score.wrong for name, score in report.fields.items() if score.wrong}
    assert wrong == {}
    assert report.right == report.scored == 50


@pytest.mark.django_db
def test_import_accuracy_prints_each_field_and_an_overall_line(reference_db):
    out = StringIO()
    call_command("import_accuracy", str(SEEDS), stdout=out)
    lines = out.getvalue().splitlines()
    assert "start_date             5/5 documents right" in lines
    assert any(line.startswith("member_countries") and "precision 1.00  recall 1.00" in line for line in lines)
    assert lines[-1] == "overall: 50/50 fields right (100%) on 5 documents"
