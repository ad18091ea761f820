"""Write fixtures/countries.json from pycountry; run it after upgrading pycountry."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from meetings.countries import country_fixture


class Command(BaseCommand):
    help = "Regenerate the country reference fixture (ISO 3166-1 names and aliases) from pycountry."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "countries.json"),
            help="Where to write the fixture (default: fixtures/countries.json).",
        )

    def handle(self, *args, output, **options):
        records = country_fixture()
        Path(output).write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        countries = sum(1 for r in records if r["model"] == "meetings.country")
        self.stdout.write(f"Wrote {countries} countries and {len(records) - countries} aliases to {output}.")
