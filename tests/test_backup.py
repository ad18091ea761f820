"""Backups restore exactly: every row and its history, the search, the uploaded files.

The round trips run on whichever database the suite runs on (SQLite by
default, PostgreSQL with DATABASE_URL): `manage.py backup FILE`, then an empty
database (no tables at all) and an empty MEDIA_ROOT, then `manage.py restore
FILE`. The backup is made by another process on PostgreSQL (pg_dump), so these
tests commit their data (transactional tests; the rows that migrations create
are put back afterwards).
"""

import sqlite3

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from meetings import search, services
from meetings.models import Document, Meeting, PublicationStatus
from tests import factories

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
QUERIES = ["migration", "trafficking", '"technical secretariat"', "consular OR smuggling"]


def snapshot() -> dict[str, list[dict]]:
    """Every row of every table, history and many-to-many tables included, in primary-key order."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.db_table
        if label not in rows:
            rows[label] = list(model._base_manager.order_by("pk").values())
    return rows


def search_results() -> dict[str, list[tuple[str, int]]]:
    return {q: [(hit.type, hit.object.pk) for hit in search.search(q, limit=100)] for q in QUERIES}


def empty_the_database() -> None:
    """What a new, empty database looks like: not a single table."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    else:
        connection.ensure_connection()
        sqlite3.connect(":memory:").backup(connection.connection)
    assert connection.introspection.table_names() == []


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def worked_on_archive(media, publisher):
    """The seed records, corrected, withdrawn and given an uploaded file: rows, history and a file to keep."""
    call_command("load_seed_records", verbosity=0)
    meeting = Meeting.objects.get(slug="vii-rcm-2002")
    meeting.title = "VII Regional Conference on Migration (Antigua)"
    meeting._change_reason = "Title corrected"
    meeting.save()
    services.withdraw(Meeting.objects.get(slug="oas-ceam-2009-02-13"), publisher)
    document = Document.objects.get(slug="vii-rcm-2002-joint-communique")
    document.file.save("vii-rcm-communique.pdf", ContentFile(PDF))
    return document


transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@transactional
def test_a_backup_restored_into_an_empty_database_gives_the_same_rows_history_search_and_files_and_keeps_working(
    worked_on_archive, media, tmp_path
):
    rows, results = snapshot(), search_results()
    file_name = worked_on_archive.file.name
    assert any(results.values())
    backup = tmp_path / "archive.tar"
    call_command("backup", str(backup), verbosity=0)

    empty_the_database()
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()
    call_command("restore", str(backup), verbosity=0)

    assert snapshot() == rows
    assert search_results() == results
    restored = Document.objects.get(slug="vii-rcm-2002-joint-communique")
    assert restored.file.name == file_name
    with restored.file.open("rb") as stream:
        assert stream.read() == PDF
    assert Meeting.objects.get(slug="oas-ceam-2009-02-13").status == PublicationStatus.WITHDRAWN
    assert Meeting.history.filter(history_change_reason="Title corrected").exists()

    # It keeps working: a new edit gets its history row (the sequences were
    # restored too) and is found by the search (on PostgreSQL, by the triggers).
    meeting = Meeting.objects.get(slug="vii-rcm-2002")
    before = meeting.history.count()
    meeting.summary += " Zanzibarian convergence."
    meeting.save()
    assert meeting.history.count() == before + 1
    assert [hit.object.pk for hit in search.search("Zanzibarian")] == [meeting.pk]


@pytest.fixture
def small_archive(media):
    meeting = factories.meeting("VII Regional Conference on Migration (Antigua)", slug="vii-rcm-2002")
    document = factories.document(meeting, "Joint communiqué")
    document.file.save("communique.pdf", ContentFile(PDF))
    return meeting


@transactional
def test_restore_refuses_an_archive_that_holds_records_and_replacing_it_first_saves_it(small_archive, media, tmp_path):
    backup = tmp_path / "archive.tar"
    call_command("backup", str(backup), verbosity=0)
    Meeting.objects.filter(slug="vii-rcm-2002").update(title="Changed after the backup")
    (media / "stray.txt").write_text("added after the backup")
    rows = snapshot()

    with pytest.raises(CommandError, match="not empty.*--replace"):
        call_command("restore", str(backup), verbosity=0)
    assert snapshot() == rows  # nothing touched

    safety = tmp_path / "before.tar"
    call_command("restore", str(backup), "--replace", "--safety-backup", str(safety), verbosity=0)
    assert Meeting.objects.get(slug="vii-rcm-2002").title == "VII Regional Conference on Migration (Antigua)"
    assert not (media / "stray.txt").exists()

    # What was replaced comes back from the safety backup.
    call_command("restore", str(safety), "--replace", "--safety-backup", str(tmp_path / "again.tar"), verbosity=0)
    assert snapshot() == rows
    assert (media / "stray.txt").read_text() == "added after the backup"


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup_or_is_damaged(tmp_path, media):
    not_a_backup = tmp_path / "notes.tar"
    not_a_backup.write_bytes(b"just some text")
    with pytest.raises(CommandError, match="not a migconf backup"):
        call_command("restore", str(not_a_backup), verbosity=0)
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.tar"), verbosity=0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_damaged_backup_is_refused_before_anything_changes(small_archive, tmp_path):
    backup = tmp_path / "archive.tar"
    call_command("backup", str(backup), verbosity=0)
    data = bytearray(backup.read_bytes())
    data[2048] ^= 0xFF  # a flipped byte inside the database copy
    backup.write_bytes(bytes(data))
    rows = snapshot()
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(backup), "--replace", verbosity=0)
    assert snapshot() == rows
