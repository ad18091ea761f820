"""Django's loaddata, with a way out when a dump cannot go into this database.

Loading a `dumpdata` file works on an empty (freshly migrated) database: loaded
rows write no history of their own (meetings.history_loading). When it cannot
work — the database already holds other rows under the same keys, or the dump
comes from another version of the schema — the error names the backup
commands, which copy the whole archive exactly.
"""

from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError

HINT = (
    "\n\nloaddata adds rows to this database; it fails when rows with the same keys are already there. "
    "To copy the whole archive (records, history, uploaded files, search), use "
    "'python manage.py backup FILE' and 'python manage.py restore FILE' (README, Backup)."
)


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        try:
            return super().handle(*fixture_labels, **options)
        except (DatabaseError, DeserializationError) as error:
            raise CommandError(f"{error}{HINT}") from error
