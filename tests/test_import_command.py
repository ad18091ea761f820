"""`import_document`, and the promise behind it: a failed import leaves nothing behind."""

from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from meetings.importer import writing
from meetings.importer.errors import DocumentImportError
from meetings.importer.service import import_file
from meetings.models import ActionItem, Agreement, Document, Meeting, Participation

SEEDS = Path(settings.BASE_DIR) / "tests" / "data" / "seeds"
VII_RCM = SEEDS / "002_27da9fe0adca5bed.txt"
CELAC = SEEDS / "000_d85978103be6e720.txt"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reference(reference_db):
    pass


def census() -> dict[str, int]:
    counts = {m.__name__: m.objects.count() for m in (Meeting, Participation, Document, Agreement, ActionItem)}
    counts["agreement topics"] = Agreement.topics.through.objects.count()
    counts["meeting processes"] = Meeting.processes.through.objects.count()
    return counts


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_document", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_creates_a_draft_meeting_and_says_so():
    out, _ = run(str(VII_RCM))
    meeting = Meeting.objects.get(slug="vii-regional-conference-on-migration-2002")
    assert f'created draft meeting "VII Regional Conference on Migration" ({meeting.slug})' in out
    document = meeting.documents.get()
    assert (meeting.status, document.status) == ("draft", "draft")
    assert len(document.source_sha256) == 64
    assert "NOT PLACED (2 lines)" in document.import_report


def test_importing_the_same_file_again_creates_nothing_new():
    run(str(VII_RCM))
    before = census()
    out, _ = run(str(VII_RCM))
    assert census() == before
    assert 'already imported as document "VII REGIONAL CONFFERENCE ON MIGRATION – JOINT COMMUNIQUÉ"' in out
    assert "(vii-regional-conference-on-migration-2002); nothing created." in out


def test_the_same_text_under_another_name_is_the_same_file():
    import_file(VII_RCM.read_bytes(), "a.txt")
    assert import_file(VII_RCM.read_bytes(), "copy.txt").duplicate_of is not None


def test_a_taken_slug_gets_a_suffix():
    first = import_file(VII_RCM.read_bytes(), "a.txt").meeting
    second = import_file(VII_RCM.read_bytes() + b"\n", "b.txt", on_match="new").meeting
    assert (first.slug, second.slug) == (
        "vii-regional-conference-on-migration-2002", "vii-regional-conference-on-migration-2002-2",
    )  # fmt: skip


def test_a_dry_run_reports_and_writes_nothing():
    before = census()
    out, _ = run(str(VII_RCM), "--dry-run")
    assert census() == before
    assert 'dry run: would create draft meeting "VII Regional Conference on Migration"' in out
    assert "Member (11): BLZ, CAN, CRI, DOM, SLV, GTM, HND, MEX, NIC, PAN, USA" in out


def test_several_files_are_each_reported_and_a_bad_one_fails_the_command(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 of 3 files could not be imported"):
        call_command("import_document", str(VII_RCM), str(empty), str(CELAC), stdout=out, stderr=err)
    assert f"error: {empty}: the file is empty." in err.getvalue()
    assert out.getvalue().count("created draft meeting") == 2


def test_process_sets_the_meetings_process():
    run(str(CELAC), "--process", "rcm")
    meeting = Meeting.objects.get(slug__startswith="first-meeting-on-migration")
    assert set(meeting.processes.values_list("slug", flat=True)) == {"rcm", "celac"}


def test_an_unknown_process_is_a_clear_error():
    with pytest.raises(CommandError, match='unknown process "puebla"'):
        run(str(CELAC), "--process", "puebla")
    assert Meeting.objects.count() == 0


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError):
        _, err = run(str(tmp_path / "nope.txt"))
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("fake.pdf", b"<html>not a pdf</html>", "not a PDF"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "damaged or incomplete"),
        ("words.txt", b"no date, no numbers, just words\nand more words\n", "no recognisable structure"),
        ("cp.txt", bytes(range(0x80, 0xA0)) * 20 + b"\x81\x8d\x8f\x90\x9d", "unknown encoding"),
    ],
)
def test_bad_input_leaves_nothing_behind_and_names_the_problem(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    before = census()
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_document", str(path), stdout=out, stderr=err)
    assert err.getvalue().startswith(f"error: {path}: ")
    assert message in err.getvalue()
    assert census() == before


def test_a_file_over_the_limit_is_refused(tmp_path, settings):
    with mock.patch("meetings.importer.reading.MAX_BYTES", 100):
        with pytest.raises(DocumentImportError, match="up to 20 MB"):
            import_file(VII_RCM.read_bytes(), "big.txt")
    assert census()["Meeting"] == 0


def test_a_failure_half_way_through_writing_leaves_nothing_behind():
    """The meeting, participants and document are written before the agreements: break the agreements."""
    before = census()
    with mock.patch.object(writing.Agreement.objects, "bulk_create", side_effect=RuntimeError("disk full")):
        with pytest.raises(RuntimeError, match="disk full"):
            import_file(VII_RCM.read_bytes(), "vii.txt")
    assert census() == before


def test_a_failed_write_can_be_retried():
    with mock.patch.object(writing.ActionItem.objects, "bulk_create", side_effect=RuntimeError("boom")):
        with pytest.raises(RuntimeError):
            import_file(VII_RCM.read_bytes(), "vii.txt")
    assert import_file(VII_RCM.read_bytes(), "vii.txt").created


def test_the_help_states_the_size_limit():
    from meetings.management.commands.import_document import Command

    assert "20 MB" in Command.help
