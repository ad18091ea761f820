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


def fold(value: str) -> str:
    """Case and accents out: "Protección" ~ "proteccion" (how search compares words in both languages)."""
    return strip_accents(value).casefold()


def sort_key(value: str) -> str:
    """Alphabetical order as a reader expects it: "Éxodo" between "Estados" and "Fiji", not after "Zambia"."""
    return fold(value)


#: The name under which SQLite connections get `fold` as an SQL function (meetings/apps.py).
FOLD_FUNCTION = "MIGCONF_FOLD"


def register_fold(sender, connection, **kwargs) -> None:
    """connection_created: give a new SQLite connection the FOLD_FUNCTION the search fallback uses."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            FOLD_FUNCTION, 1, lambda value: None if value is None else fold(value), deterministic=True
        )
