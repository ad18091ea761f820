"""Small readings of words: roman numerals, the language of a text, a title in capitals."""

from __future__ import annotations

import re

from meetings.importer.parsing.patterns import ENGLISH_WORDS, ROMAN, SMALL_WORDS, SPANISH_WORDS
from meetings.models import Language


def roman_to_int(value: str) -> int | None:
    value = value.upper()
    if not value or any(ch not in ROMAN for ch in value):
        return None
    total = 0
    for index, ch in enumerate(value):
        number = ROMAN[ch]
        total += -number if index + 1 < len(value) and ROMAN[value[index + 1]] > number else number
    return total


def detect_language(text: str) -> str:
    words = re.findall(r"[a-záéíóúñ]+", text.lower())
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    spanish = sum(1 for w in words if w in SPANISH_WORDS)
    return Language.SPANISH if spanish > english else Language.ENGLISH


def smart_title(value: str) -> str:
    """ "PLENARY MEETING OF THE REGIONAL CONFERENCE" → "Plenary Meeting of the Regional Conference"."""
    if value != value.upper():
        return value
    words = []
    for index, word in enumerate(value.split()):
        lower = word.lower()
        if roman_to_int(word.strip("().,")) and len(word) <= 5 and index == 0:
            words.append(word)
        elif index and lower in SMALL_WORDS:
            words.append(lower)
        else:
            words.append("-".join(part.capitalize() for part in lower.split("-")))
    return " ".join(words)
