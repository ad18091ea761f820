"""Load the reference data and the seed meetings; safe to run again (natural keys)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from meetings.seeds import SEED_FIXTURES


class Command(BaseCommand):
    help = "Load countries, reference data and the five seed meetings. Running it twice changes nothing."

    def handle(self, *args, **options):
        call_command("loaddata", *SEED_FIXTURES, verbosity=options["verbosity"])
