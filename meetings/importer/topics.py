"""Suggested topics for an agreement: a keyword map over the topic vocabulary (by topic slug).

Suggestions only: staff confirm them in the admin. A topic whose slug is not in the database is
never suggested, so the vocabulary can change without breaking the importer.
"""

from __future__ import annotations

import re

TOPIC_KEYWORDS: dict[str, list[str]] = {
    "human-rights-of-migrants": [
        r"human rights",
        r"rights of (?:all )?migrants",
        r"derechos humanos",
        r"protection mechanisms",
    ],
    "trafficking-in-persons": [r"trafficking", r"\btrata\b"],
    "migrant-smuggling": [r"smuggl", r"tr[aá]fico il[ií]cito"],
    "consular-protection": [r"consular"],
    "return-and-reintegration": [r"\breturn", r"repatriat", r"reintegrat", r"deport", r"retorno"],
    "labour-migration": [r"\blabou?r\b", r"\bworkers?\b", r"employment", r"laboral"],
    "climate-change-and-human-mobility": [r"climate", r"disaster", r"clim[aá]tico"],
    "migration-governance": [r"governance", r"migration management", r"migration polic", r"gobernanza"],
    "statistics-and-data": [
        r"statistic",
        r"\bdata\b",
        r"database",
        r"indicator",
        r"research",
        r"observance",
        r"estad[ií]stic",
    ],
    "border-management": [r"\bborder", r"\bvisas?\b", r"frontera"],
    "migrant-children": [r"\bchild", r"\bminors?\b", r"adolescen", r"niñ[oa]s"],
    "refuge-and-asylum": [r"\brefuge", r"asylum", r"refugiad", r"\brefugio"],
    "integration-and-regularization": [r"integrat", r"regulari[sz]", r"inclusion", r"insertion", r"documentation\b"],
    "remittances-and-development": [r"remittance", r"remesas", r"migration and development"],
    "security": [r"(?<!social )\bsecurity\b", r"seguridad"],
    "terrorism": [r"terroris"],
    "xenophobia-and-discrimination": [r"xenophob", r"discriminat", r"xenofob"],
    "family-reunification": [r"reunification", r"reunificaci"],
    "migration-and-health": [r"\bhealth", r"psychosocial", r"\bsalud\b"],
    "private-sector": [r"private sector", r"sector privado"],
    "civil-society": [r"civil society", r"sociedad civil", r"civil organi[sz]ations"],
    "international-cooperation": [
        r"\bcooperation\b",
        r"co-responsibility",
        r"shared responsibility",
        r"cooperaci[oó]n",
    ],
    "migration-legislation": [r"legislation", r"legal (?:and institutional )?frameworks?", r"\blaws?\b", r"legislaci"],
    "free-mobility": [r"free mobility", r"libre movilidad"],
    "irregular-migration": [r"irregular", r"undocumented", r"unsafe migration", r"migraci[oó]n irregular"],
    "extra-regional-migration": [r"extra-?regional", r"extra-?continental", r"extrarregional"],
    "global-compact-for-migration": [r"global compact", r"\bthe pact\b", r"\bcompacts?\b", r"pacto mundial"],
    "fraudulent-documents": [r"fraudulent", r"fraudulent documents"],
    "migrants-in-vulnerable-situations": [r"vulnerab", r"shelters?", r"humanitarian assistance"],
    "gender-and-migration": [r"gender", r"\bwomen\b", r"g[eé]nero"],
    "institutional-matters": [
        r"technical secretariat",
        r"budget",
        r"\bhost (?:the|a)\b.*\b(?:meeting|conference)",
        r"virtual secretariat",
        r"contributions",
        r"technical support unit",
        r"working sessions",
        r"changing the name",
    ],
    "inter-process-cooperation": [
        r"regional consultative processes",
        r"regional processes",
        r"both processes",
        r"both conferences",
        r"troikas?",
        r"regional fora",
        r"contact points",
        r"conceptual note",
        r"processes of dialogue",
    ],
}

#: One pattern a topic (its keywords as alternatives), and the first three letters of each keyword:
#: a text is searched only for the topics whose keywords can start with one of its words' first
#: letters, so suggesting topics costs little whatever the vocabulary's size.
_PATTERNS = {
    slug: re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) for slug, patterns in TOPIC_KEYWORDS.items()
}
_ORDER = {slug: index for index, slug in enumerate(TOPIC_KEYWORDS)}
_LEAD = re.compile(r"^(?:\\b|\(\?<!?[^)]*\)|\^)*")


def _prefixes(pattern: str) -> set[str] | None:
    """The first three letters a keyword can start with, or None when they cannot be told."""
    body = _LEAD.sub("", pattern)
    match = re.match(r"([a-zñ]{3})", body)
    if match:
        return {match.group(1)}
    variants = re.match(r"([a-zñ]{0,2})\[([a-zñáéíóú]+)\]([a-zñ]?)", body)  # "niñ[oa]s", "tr[aá]fico"
    if variants and len(variants.group(1)) + 1 + len(variants.group(3)) >= 3:
        return {(variants.group(1) + ch + variants.group(3))[:3] for ch in variants.group(2)}
    return None


_BY_PREFIX: dict[str, set[str]] = {}
_ALWAYS: set[str] = set()
for _slug, _keywords in TOPIC_KEYWORDS.items():
    for _keyword in _keywords:
        _found = _prefixes(_keyword)
        if _found is None:
            _ALWAYS.add(_slug)
        for _prefix in _found or ():
            _BY_PREFIX.setdefault(_prefix, set()).add(_slug)


def suggest_topics(text: str, available: set[str], limit: int = 3) -> list[str]:
    """Topic slugs for `text`, the most mentioned first, at most `limit`."""
    starts = {word[:3] for word in re.findall(r"\w+", text.lower())}
    candidates = set(_ALWAYS).union(*(_BY_PREFIX.get(start, ()) for start in starts))
    hits = {}
    for slug in candidates & available:
        count = len(_PATTERNS[slug].findall(text))
        if count:
            hits[slug] = count
    return sorted(hits, key=lambda slug: (-hits[slug], _ORDER[slug]))[:limit]
