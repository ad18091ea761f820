"""Load the reference data and the seed meetings, adding only what the archive lacks."""

from django.core.management.base import BaseCommand

from meetings.seeds import SEED_FIXTURES, load_missing


class Command(BaseCommand):
    help = (
        "Add the countries, reference data and five seed meetings that the archive does not have yet. "
        "Records already there (or deleted or renamed since they were added) are left exactly as staff "
        "left them; running it again changes nothing."
    )

    def handle(self, *args, **options):
        report = load_missing(SEED_FIXTURES)
        if options["verbosity"]:
            for line in report.lines():
                self.stdout.write(line)
