"""Operative and preambular text: what a declaration decides, and what it only recalls.

Declarations open with preambular paragraphs ("CONSIDERANDO:", "RECALLING ...", "Reafirmando ..."),
sometimes numbered, then an operative marker ("ACUERDAN:", "they agreed:", "DECLARE:") before the
agreements. Preambular paragraphs are never agreements, numbered or not.
"""

from __future__ import annotations

import re

_PREAMBULAR_WORDS = (
    r"consider(?:ing|ando)|recalling|recordando|reaffirming|reafirmando|noting|notando|"
    r"recogni[sz]ing|reconociendo|aware|conscientes?|convinced|convencid[oa]s|bearing in mind|teniendo en cuenta|"
    r"tomando en cuenta|taking into account|emphasi[sz]ing|enfatizando|destacando|highlighting|underlining|"
    r"subrayando|welcoming|acogiendo|expressing|expresando|concerned|preocupad[oa]s|guided by|guiad[oa]s por|"
    r"having|habiendo|observando|observing|whereas|reiterating|reiterando|acknowledging|mindful|deeply|"
    r"profundamente|alarmed|resaltando|stressing|in view of|en vista de|ratifying|ratificando|considerandos?"
)
#: A paragraph, or a heading, that opens the preamble.
PREAMBULAR = re.compile(rf"^(?:\d{{1,2}}[.)]\s*)?(?:{_PREAMBULAR_WORDS})\b", re.I)
#: The marker after which the agreements come.
OPERATIVE = re.compile(
    r"(?:^|\b)(?:acuerdan|acordaron|acordamos|aprobaron|aprueban|declaran|declaramos|resuelven|resolvemos|"
    r"resolvieron|decidieron|deciden|decidimos|se comprometen a|nos comprometemos a|recomiendan|"
    r"agree(?:d)?(?: to| on| that)?|decide(?:d)?(?: to)?|declare|resolve(?:d)?|adopt(?:ed)? the following|"
    r"commit(?:ted)? to|recommend(?:ed)?|they agreed|hereby|puntos sustantivos|substantive points)\s*:?\s*$",
    re.I,
)


def is_preambular(text: str) -> bool:
    return bool(PREAMBULAR.match(text.strip()))


def opens_operative(text: str) -> bool:
    """A line that ends with an operative marker ("... adoptan la siguiente Declaración:" is not one)."""
    return bool(OPERATIVE.search(text.strip()))
