"""The reference tables the parser reads: countries, organisations, processes and topics.

Loaded once per import so that parsing a document costs a handful of queries, not one per word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from meetings.models import Country, Organisation, Process, Topic
from meetings.text import normalize_name

#: Adjectives the documents use for a country's delegation ("the Peruvian delegation").
DEMONYMS = {
    "argentine": "ARG", "argentinian": "ARG", "belizean": "BLZ", "bolivian": "BOL", "brazilian": "BRA",
    "canadian": "CAN", "chilean": "CHL", "colombian": "COL", "costa rican": "CRI", "cuban": "CUB",
    "dominican": "DOM", "ecuadorian": "ECU", "salvadoran": "SLV", "salvadorean": "SLV", "guatemalan": "GTM",
    "haitian": "HTI", "honduran": "HND", "mexican": "MEX", "nicaraguan": "NIC", "panamanian": "PAN",
    "paraguayan": "PRY", "peruvian": "PER", "uruguayan": "URY", "venezuelan": "VEN", "american": "USA",
}  # fmt: skip

#: Places printed without their country, or spelt without accents, and the name to record.
CITY_FORMS = {
    "washington d c": ("Washington, D.C.", "USA"),
    "washington dc": ("Washington, D.C.", "USA"),
    "san jose|CRI": ("San José", "CRI"),
    "bogota|COL": ("Bogotá", "COL"),
    "brasilia|BRA": ("Brasília", "BRA"),
    "asuncion|PRY": ("Asunción", "PRY"),
    "panama|PAN": ("Panama City", "PAN"),
    "mexico|MEX": ("Mexico City", "MEX"),
}

# Bodies named without their process ("the Presidency Pro-Témpore"): the words that name them.
BODY_WORDS = {
    "presidency pro tempore": "presidency-pro-tempore",
    "pro tempore presidency": "presidency-pro-tempore",
    "technical secretariat": "technical-secretariat",
    "virtual secretariat": "virtual-secretariat",
}


def fold(value: str) -> str:
    """normalize_name without dropping a leading article: for searching inside running text."""
    return " " + re.sub(r"\s+", " ", normalize_name("x " + value)[2:]).strip() + " "


@dataclass
class Named:
    slug: str
    acronyms: list[str]
    names: list[str]  # folded
    name: str


@dataclass
class Vocabulary:
    organisations: list[Named] = field(default_factory=list)
    processes: list[Named] = field(default_factory=list)
    bodies: dict[tuple[str, str], str] = field(default_factory=dict)  # (process slug, body key) -> org slug
    topics: set[str] = field(default_factory=set)
    org_acronyms: dict[str, str] = field(default_factory=dict)
    _countries: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Vocabulary:
        vocabulary = cls()
        for org in Organisation.objects.select_related("process"):
            names = {org.name, org.name_es}
            names |= {name.removeprefix("Office of the ") for name in names}
            vocabulary.organisations.append(
                Named(
                    org.slug,
                    [org.acronym] if org.acronym and " " not in org.acronym else [],
                    [fold(n) for n in names if n],
                    org.name,
                )
            )
            if org.acronym:
                vocabulary.org_acronyms[org.slug] = org.acronym
            if org.process_id:
                key = normalize_name(org.name)
                for words, body in BODY_WORDS.items():
                    if key.startswith(words):
                        vocabulary.bodies[(org.process.slug, body)] = org.slug
        for process in Process.objects.all():
            names = {process.name, process.name_es, *(n.strip() for n in process.other_names.split(";"))}
            # "OAS Special Committee on Migration Issues" is also printed without its "OAS".
            names |= {n.split(" ", 1)[1] for n in list(names) if n and n.split(" ", 1)[0].isupper() and " " in n}
            acronyms = [a for a in (process.acronym, process.acronym_es) if a]
            vocabulary.processes.append(Named(process.slug, acronyms, [fold(n) for n in names if n], process.name))
        vocabulary.topics = set(Topic.objects.values_list("slug", flat=True))
        return vocabulary

    # -- countries --------------------------------------------------------

    def country(self, name: str, demonyms: bool = True) -> str | None:
        """The alpha-3 code of a printed country name, through the country aliases.

        With `demonyms`, "the Peruvian delegation" names Peru too.
        """
        name = name.strip(" ,.;:()\n\t")
        name = re.sub(
            r"^(?:the\s+)?(?:governments?|delegations?|representatives?)\s+of\s+(?:the\s+)?", "", name, flags=re.I
        )
        name = re.sub(r"^the\s+government\s+of\s+", "", name, flags=re.I)
        # Names are capitalised; a three-letter code only counts in capitals ("and" is not Andorra).
        bare = re.sub(r"^(?:the|la|el)\s+", "", name, flags=re.I)
        if not bare or len(name) > 60 or not bare[0].isupper() or (len(bare) <= 3 and not bare.isupper()):
            return None
        key = name.casefold()
        if key not in self._countries:
            country = Country.objects.resolve(name)
            self._countries[key] = country.alpha3 if country else None
        if self._countries[key] is None and demonyms:
            return DEMONYMS.get(normalize_name(re.sub(r"\s+(delegation|government)s?$", "", name, flags=re.I)))
        return self._countries[key]

    def country_list(self, text: str) -> tuple[list[str], list[str]]:
        """The countries of a printed list ("Belize, Canada, ... and the United States of America").

        Returns (alpha-3 codes in printed order, pieces that name no country). "Trinidad and
        Tobago" stays one country: a piece is split on "and" only when it does not resolve whole.
        """
        found: list[str] = []
        unknown: list[str] = []
        for piece in re.split(r",|;", text):
            piece = piece.strip()
            if not piece:
                continue
            codes = self._split_and(piece)
            if codes is None:
                unknown.append(piece)
                continue
            found += [code for code in codes if code not in found]
        return found, unknown

    def _split_and(self, piece: str) -> list[str] | None:
        piece = re.sub(r"^(?:and|y|e)\s+", "", piece.strip(), flags=re.I)
        code = self.country(piece)
        if code:
            return [code]
        parts = re.split(r"\s+(?:and|y|e)\s+", piece)
        for cut in range(1, len(parts)):
            left, right = " and ".join(parts[:cut]), " and ".join(parts[cut:])
            left_code = self.country(left)
            if left_code:
                rest = self._split_and(right)
                if rest is not None:
                    return [left_code, *rest]
        return None

    # -- organisations and processes ---------------------------------------

    def _find(self, entries: list[Named], text: str) -> list[tuple[int, str]]:
        folded = fold(text)
        hits: dict[str, int] = {}
        for entry in entries:
            positions = [folded.find(name) for name in entry.names if name.strip() and name in folded]
            for acronym in entry.acronyms:
                match = re.search(rf"(?<![\w]){re.escape(acronym)}(?![\w])", text)
                if match:
                    positions.append(int(len(fold(text[: match.start()])) - 1))
            positions = [p for p in positions if p >= 0]
            if positions:
                hits[entry.slug] = min(positions)
        return sorted((pos, slug) for slug, pos in hits.items())

    def organisations_in(self, text: str) -> list[str]:
        """Organisations named in `text` by name (English or Spanish) or acronym, in printed order."""
        return [slug for _, slug in self._find(self.organisations, text)]

    def processes_in(self, text: str) -> list[str]:
        return [slug for _, slug in self._find(self.processes, text)]

    def process_name(self, slug: str) -> str:
        return next(p.name for p in self.processes if p.slug == slug)

    def body(self, process_slugs: list[str], text: str) -> str | None:
        """The body of a process a text names without its process ("the Technical Secretariat")."""
        key = normalize_name(text)
        for words, body in BODY_WORDS.items():
            if words in key:
                for slug in process_slugs:
                    if (slug, body) in self.bodies:
                        return self.bodies[(slug, body)]
        return None

    def label(self, org_slug: str) -> str:
        return self.org_acronyms.get(org_slug, org_slug)
