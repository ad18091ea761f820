"""Write a backup of the whole archive: database (records, history, search) and uploaded files."""

from django.core.management.base import BaseCommand, CommandError

from meetings.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write a backup of the archive to FILE (one tar file): the database with every record and its "
        "history (pg_dump's custom format on PostgreSQL, SQLite's online backup otherwise) and every "
        "uploaded file under MEDIA_ROOT. Safe while the site runs. Restore it with 'manage.py restore FILE'."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")

    def handle(self, *args, file, **options):
        try:
            manifest = create_backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror or error}") from None
        rows = sum(manifest.tables.values())
        media = len(manifest.media)
        self.stdout.write(
            f"Wrote {file}: {manifest.vendor} database ({rows} rows in {len(manifest.tables)} tables) "
            f"and {media} uploaded file{'s' if media != 1 else ''}."
        )
