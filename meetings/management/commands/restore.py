"""Put the archive back as a backup made by 'manage.py backup' holds it."""

from django.core.management.base import BaseCommand, CommandError

from meetings.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore the archive from FILE, written by 'manage.py backup': the database (records, history, "
        "search) and the uploaded files. Refuses a database or MEDIA_ROOT that already holds records "
        "unless --replace is given; then a backup of what is there is written first, so nothing is lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace an archive that already holds records (after backing it up)",
        )
        parser.add_argument(
            "--safety-backup",
            metavar="PATH",
            help="where --replace writes the backup of what is there now (default: var/backups/before-restore-*.tar)",
        )

    def handle(self, *args, file, replace=False, safety_backup=None, **options):
        try:
            result = restore_backup(file, replace=replace, safety_backup=safety_backup)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror or error}") from None
        if result.safety_backup:
            self.stdout.write(f"What the archive held before is saved in {result.safety_backup}.")
        manifest = result.manifest
        self.stdout.write(
            f"Restored {file} (made {manifest.created_at}): {sum(manifest.tables.values())} rows and "
            f"{len(manifest.media)} uploaded file(s)."
        )
        for table, (expected, found) in result.mismatched.items():
            self.stderr.write(f"warning: {table} has {found} rows; the backup had {expected}.")
        if result.pending_migrations:
            self.stdout.write(
                f"The backup predates {len(result.pending_migrations)} migration(s) of this code: "
                "run 'python manage.py migrate' before serving."
            )
