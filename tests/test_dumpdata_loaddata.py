"""A plain `dumpdata` / `loaddata` round trip works: loading saved rows writes no history of its own.

(`manage.py backup` and `restore` are the archive's backup: they keep times to
the microsecond, the uploaded files and PostgreSQL's search columns; see
tests/test_backup.py. This module has its own file because its module-wide
seed transaction must not be open while those tests replace the database.)
"""

from datetime import datetime

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection

from meetings import services
from meetings.models import Meeting
from tests.test_backup import snapshot

pytestmark = pytest.mark.django_db


def as_json_keeps_them(rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Rows as a JSON dump can carry them: times to the millisecond, many-to-many links without their own ids.

    (`dumpdata` writes times to the millisecond and a record's many-to-many
    values as a list, so the link rows get new ids; `manage.py backup` keeps both.)
    """
    auto_created = {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.auto_created}

    def keep(table, row):
        row = {
            name: value.replace(microsecond=value.microsecond // 1000 * 1000) if isinstance(value, datetime) else value
            for name, value in row.items()
            if not (table in auto_created and name == "id")
        }
        return sorted(row.items(), key=str)

    return {table: sorted((keep(table, row) for row in table_rows), key=str) for table, table_rows in rows.items()}


def test_a_plain_dumpdata_loaddata_round_trip_restores_rows_and_history(seeded_db, tmp_path, publisher):
    meeting = Meeting.objects.get(slug="vii-rcm-2002")
    meeting.title = "VII RCM (corrected)"
    meeting.save()
    services.withdraw(Meeting.objects.get(slug="rcm-sacm-plenary-2018"), publisher)
    dump = tmp_path / "dump.json"
    call_command("dumpdata", "--output", str(dump), verbosity=0)
    rows = snapshot()

    # A fresh database: what `migrate` creates (content types, permissions, groups) and nothing else.
    kept = {"django_content_type", "auth_permission", "auth_group", "auth_group_permissions", "django_migrations"}
    tables = [t for t in connection.introspection.django_table_names(only_existing=True) if t not in kept]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # TRUNCATE needs the test's deferred checks done
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    assert not Meeting.history.exists()

    call_command("loaddata", str(dump), verbosity=0)

    assert as_json_keeps_them(snapshot()) == as_json_keeps_them(rows)
    meeting = Meeting.objects.get(slug="vii-rcm-2002")
    meeting.save()  # the history's sequence continues after the loaded rows
    assert meeting.history.count() == len([r for r in rows["meetings_historicalmeeting"] if r["id"] == meeting.pk]) + 1


def test_loading_a_dump_over_records_that_clash_fails_with_a_pointer_to_the_backup_command(seeded_db, tmp_path):
    dump = tmp_path / "meetings.json"
    call_command("dumpdata", "meetings.meeting", "--output", str(dump), verbosity=0)
    Meeting.objects.filter(slug="vii-rcm-2002").update(slug="moved-aside")  # its id now clashes with another slug
    Meeting.objects.create(title="Another meeting", slug="vii-rcm-2002", start_date="2003-01-01", end_date="2003-01-02")
    with pytest.raises(CommandError, match="manage.py backup FILE"):
        call_command("loaddata", str(dump), verbosity=0)
