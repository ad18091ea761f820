"""The reference tables the parser reads: countries, organisations, processes and topics.

Loaded once per import so that parsing a document costs a handful of queries, not one per word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from meetings.importer.aliases import COUNTRY_NAMES, DEMONYMS, ORGANISATION_NAMES, PROCESS_NAMES, capitals
from meetings.models import CountryAlias, Organisation, Process, ProcessMembership, Topic
from meetings.text import normalize_name, strip_accents

#: Words that print like a country's name but are not one here ("la VIII Reunión", a meeting).
_NOT_A_COUNTRY = re.compile(r"^(?:Reuni[oó]n|REUNI[OÓ]N|Reunion)$")

#: "República de Chile", "the Kingdom of Morocco": forms of state around a country's short name.
_STATE_FORMS = re.compile(
    r"^(?:(?:the\s+)?(?:(?:federative|plurinational|oriental|bolivarian|cooperative|islamic|united|federal|"
    r"democratic|socialist|arab)\s+)*(?:republic|kingdom|state|commonwealth|principality|sultanate)\s+of\s+(?:the\s+)?|"
    r"(?:la\s+)?(?:rep[uú]blica|reino|estado|principado|sultanato)(?:\s+(?:federativa|plurinacional|oriental|"
    r"bolivariana|cooperativa|isl[aá]mica|unida|federal|democr[aá]tica|socialista|[aá]rabe))*\s+(?:de(?:l)?|de\s+la|de\s+los)\s+)",
    re.I,
)

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
    #: The names as printed (accents and case aside) and the acronyms (as printed), for positions in a text.
    pattern: re.Pattern | None = None


_ACCENTED = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uúü]", "n": "[nñ]"}


def printed_pattern(names: list[str], acronyms: list[str]) -> re.Pattern | None:
    """One pattern for the printed forms of a name: any case and accents, any spacing; acronyms exactly."""
    return _printed_pattern(tuple(sorted(n for n in names if n)), tuple(sorted(acronyms)))


@lru_cache(maxsize=1024)
def _printed_pattern(names: tuple[str, ...], acronyms: tuple[str, ...]) -> re.Pattern | None:
    # Cached: compiling these patterns costs more than reading a document with them.
    parts = []
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        letters = "".join(_ACCENTED.get(ch, re.escape(ch)) for ch in strip_accents(name).lower())
        parts.append("(?i:" + letters.replace(r"\ ", r"\s+") + ")")
    parts += [re.escape(a) for a in sorted(acronyms, key=len, reverse=True)]
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])") if parts else None


@dataclass
class Vocabulary:
    organisations: list[Named] = field(default_factory=list)
    processes: list[Named] = field(default_factory=list)
    bodies: dict[tuple[str, str], str] = field(default_factory=dict)  # (process slug, body key) -> org slug
    topics: set[str] = field(default_factory=set)
    org_acronyms: dict[str, str] = field(default_factory=dict)
    #: Folded country name → alpha-3 (ISO names, the aliases in the database, the importer's own).
    country_names: dict[str, str] = field(default_factory=dict)
    alpha3s: set[str] = field(default_factory=set)
    #: Capital city as printed → (the name to record, alpha-3).
    capitals: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: Process slug → (alpha-3, role, since, until) of each membership.
    rosters: dict[str, list[tuple[str, str, object, object]]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Vocabulary:
        vocabulary = cls()
        for org in Organisation.objects.select_related("process"):
            names = {org.name, org.name_es, *ORGANISATION_NAMES.get(org.slug, [])}
            names |= {name.removeprefix("Office of the ") for name in names}
            # Short all-capital names ("OIM", "HCR") are acronyms: matched as printed, as whole words.
            acronyms = [n for n in names if n and " " not in n and n.upper() == n and len(n) <= 10]
            if org.acronym and " " not in org.acronym:
                acronyms.insert(0, org.acronym)
            names = {n for n in names if n and n not in acronyms}
            vocabulary.organisations.append(
                Named(org.slug, acronyms, [fold(n) for n in names], org.name, printed_pattern(list(names), acronyms))
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
            names |= set(PROCESS_NAMES.get(process.slug, []))
            # "OAS Special Committee on Migration Issues" is also printed without its "OAS".
            names |= {n.split(" ", 1)[1] for n in list(names) if n and n.split(" ", 1)[0].isupper() and " " in n}
            acronyms = [a for a in (process.acronym, process.acronym_es) if a]
            pattern = printed_pattern([n for n in names if n], acronyms)
            vocabulary.processes.append(
                Named(process.slug, acronyms, [fold(n) for n in names if n], process.name, pattern)
            )
        vocabulary.topics = set(Topic.objects.values_list("slug", flat=True))
        vocabulary.load_countries()
        return vocabulary

    def load_countries(self) -> None:
        """Every country name into memory once, so that reading a document costs no query per word."""
        for normalized, alpha3 in CountryAlias.objects.values_list("normalized", "country__alpha3"):
            self.country_names[normalized] = alpha3
        self.country_names.update(COUNTRY_NAMES)
        self.alpha3s = set(self.country_names.values())
        self.capitals = capitals()
        memberships = ProcessMembership.objects.values_list(
            "process__slug", "country__alpha3", "role", "since", "until"
        )
        for process, alpha3, role, since, until in memberships:
            self.rosters.setdefault(process, []).append((alpha3, role, since, until))

    def roster(self, process: str, on=None, role: str = "member") -> list[str]:
        """The countries that were members (or observers) of `process` on the date `on` (any date if None)."""
        return [
            alpha3
            for alpha3, their_role, since, until in self.rosters.get(process, [])
            if their_role == role
            and (on is None or ((since is None or since <= on) and (until is None or on <= until)))
        ]

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
        if _NOT_A_COUNTRY.match(name):
            return None
        code = self.lookup(name)
        if code is None and demonyms:
            return DEMONYMS.get(normalize_name(re.sub(r"\s+(delegation|government)s?$", "", name, flags=re.I)))
        return code

    def lookup(self, name: str) -> str | None:
        """A country name as the reference tables hold it, or its short name inside a form of state."""
        key = normalize_name(name)
        if key in self.country_names:
            return self.country_names[key]
        if len(key) == 3 and name.strip().isupper() and key.upper() in self.alpha3s:
            return key.upper()
        short = _STATE_FORMS.sub("", name.strip())
        if short != name.strip() and short[:1].isupper():
            return self.country_names.get(normalize_name(short))
        return None

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

    def organisation_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, stop, slug) of every organisation named in `text`, in printed order.

        Where two names overlap ("the Council of the European Union"), the longer one wins.
        """
        return self._spans(self.organisations, text)

    def process_spans(self, text: str) -> list[tuple[int, int, str]]:
        return self._spans(self.processes, text)

    def _spans(self, entries: list[Named], text: str) -> list[tuple[int, int, str]]:
        hits: list[tuple[int, int, str]] = []
        for entry in entries:
            if entry.pattern:
                hits += [(m.start(), m.end(), entry.slug) for m in entry.pattern.finditer(text)]
        hits.sort(key=lambda h: (h[0], -h[1]))
        kept: list[tuple[int, int, str]] = []
        for start, stop, slug in hits:
            if not any(k_start <= start < k_stop for k_start, k_stop, _ in kept):
                kept.append((start, stop, slug))
        return kept

    def process_counts(self, text: str) -> dict[str, int]:
        """How many times each process is named in `text` (by name or acronym)."""
        folded = fold(text)
        counts: dict[str, int] = {}
        for entry in self.processes:
            count = sum(folded.count(name) for name in entry.names if name.strip())
            count += sum(len(re.findall(rf"(?<![\w]){re.escape(a)}(?![\w])", text)) for a in entry.acronyms)
            if count:
                counts[entry.slug] = count
        return counts

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
