"""Country reference data: generated from pycountry, and every way documents name a country resolves."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from meetings.countries import country_fixture
from meetings.models import Country, CountryAlias

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "countries.json"


def test_the_committed_country_fixture_is_what_pycountry_generates():
    """Run `manage.py build_country_fixture` after upgrading pycountry if this fails."""
    assert json.loads(FIXTURE.read_text(encoding="utf-8")) == country_fixture()


def test_the_fixture_holds_every_iso_3166_1_country():
    alpha3 = {r["fields"]["alpha3"] for r in country_fixture() if r["model"] == "meetings.country"}
    assert len(alpha3) == 249
    assert {"GTM", "URY", "BOL", "VEN", "TTO"} <= alpha3


@pytest.mark.django_db
@pytest.mark.usefixtures("reference_db")
class TestResolvingNames:
    @pytest.mark.parametrize(
        ("printed", "alpha3"),
        [
            ("Belice", "BLZ"),
            ("Brasil", "BRA"),
            ("the Federative Republic of Brazil", "BRA"),
            ("the Plurinational State of Bolivia", "BOL"),
            ("Bolivia", "BOL"),
            ("the Bolivarian Republic of Venezuela", "VEN"),
            ("Venezuela", "VEN"),
            ("the Oriental Republic of Uruguay", "URY"),
            ("República Oriental del Uruguay", "URY"),
            ("United States", "USA"),
            ("the United States of America", "USA"),
            ("Estados Unidos", "USA"),
            ("the Dominican Republic", "DOM"),
            ("República Dominicana", "DOM"),
            ("the Republic of Argentina", "ARG"),
            ("Perú", "PER"),
            ("PERU", "PER"),
            ("México", "MEX"),
            ("El Salvador", "SLV"),
            ("Trinidad and Tobago", "TTO"),
            ("gtm", "GTM"),
        ],
    )
    def test_a_printed_name_resolves_to_its_country(self, printed, alpha3):
        assert Country.objects.resolve(printed).alpha3 == alpha3

    @pytest.mark.parametrize("printed", ["Korea", "Atlantis", "", "   ", "the"])
    def test_an_unknown_or_ambiguous_name_resolves_to_nothing(self, printed):
        assert Country.objects.resolve(printed) is None

    def test_countries_have_spanish_names(self):
        assert Country.objects.get(alpha3="BLZ").name_es == "Belice"
        assert Country.objects.get(alpha3="BRA").name_es == "Brasil"

    def test_an_alias_added_by_staff_is_folded_for_lookups(self):
        CountryAlias.objects.create(country=Country.objects.get(alpha3="GTM"), name="Guatemala City Government")
        assert Country.objects.resolve("GUATEMALA  city, government").alpha3 == "GTM"

    def test_loading_the_countries_twice_creates_no_duplicates(self):
        before = (Country.objects.count(), CountryAlias.objects.count())
        call_command("loaddata", "countries", verbosity=0)
        assert (Country.objects.count(), CountryAlias.objects.count()) == before
