"""Country reference data, generated from pycountry (ISO 3166-1) rather than typed by hand.

`country_fixture()` gives the records behind fixtures/countries.json: every
ISO 3166-1 country with its English and Spanish names, and as aliases every
form of its name that pycountry knows in either language, plus the few forms
the documents use that ISO does not ("the Oriental Republic of Uruguay").
"""

from __future__ import annotations

import gettext
from collections import defaultdict

import pycountry

from meetings.text import normalize_name

# Forms seen in meeting records that are in neither the English nor the
# Spanish ISO 3166 names. Keyed by alpha-3.
EXTRA_ALIASES: dict[str, list[str]] = {
    "ARG": ["Republic of Argentina", "República Argentina"],
    "URY": ["Oriental Republic of Uruguay"],
    "USA": ["USA", "U.S.A.", "United States of America", "EE.UU.", "EEUU"],
    "GBR": ["UK", "Great Britain"],
    "MEX": ["United Mexican States", "Estados Unidos Mexicanos"],
    "BOL": ["Estado Plurinacional de Bolivia"],
    "DOM": ["Dominican Rep."],
}


def _spanish() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"], fallback=True)


def _name_forms(name: str) -> list[str]:
    """A name and, for ISO's inverted forms ("Korea, Republic of"), the natural order and the short name."""
    forms = [name]
    if ", " in name:
        head, tail = name.split(", ", 1)
        forms += [f"{tail} {head}", head]
    return forms


def country_fixture() -> list[dict]:
    es = _spanish()
    countries = []
    candidates: dict[str, set[tuple[str, str]]] = defaultdict(set)  # normalized -> {(alpha3, name)}

    for entry in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        official = getattr(entry, "official_name", "")
        common = getattr(entry, "common_name", "")
        name = common or entry.name
        name_es = es.gettext(entry.name)
        countries.append(
            {
                "model": "meetings.country",
                "fields": {
                    "alpha2": entry.alpha_2,
                    "alpha3": entry.alpha_3,
                    "numeric": entry.numeric,
                    "name": name,
                    "name_es": name_es,
                    "official_name": official,
                },
            }
        )
        names = [entry.name, official, common, name_es, es.gettext(official) if official else ""]
        names += EXTRA_ALIASES.get(entry.alpha_3, [])
        for raw in names:
            for form in _name_forms(raw) if raw else []:
                key = normalize_name(form)
                if key:
                    candidates[key].add((entry.alpha_3, form))

    aliases = []
    for key, owners in sorted(candidates.items()):
        # A short form two countries share ("Korea", "Virgin Islands") names
        # neither of them: leave it out rather than guess.
        if len({alpha3 for alpha3, _ in owners}) != 1:
            continue
        alpha3, form = sorted(owners)[0]
        aliases.append(
            {"model": "meetings.countryalias", "fields": {"country": [alpha3], "name": form, "normalized": key}}
        )
    return countries + aliases
