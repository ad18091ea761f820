"""Small text helpers shared by the models, the country data and the importer."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")


def strip_accents(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_name(value: str) -> str:
    """Fold a name for lookups: "the Oriental Republic of Uruguay" ~ "oriental republic of uruguay".

    Case, accents, punctuation, spacing and a leading article do not tell two
    country names apart in the documents.
    """
    folded = _NON_WORD.sub(" ", strip_accents(value).casefold()).strip()
    for article in ("the ", "la ", "el ", "los ", "las "):
        if folded.startswith(article):
            folded = folded[len(article) :]
            break
    return folded
