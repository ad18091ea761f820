"""Who was there: countries and organisations that a sentence shows taking part in the meeting.

A country list counts when its sentence says the countries took part ("with the participation of",
"Los representantes de ... reunidos en", "attended by", "co-chaired", "representing:"), not when it
says who a process is made of ("agrupa a", "is made up of") nor who could not come. Its role comes
from the words before it (observers, special guests, members) or, when they name none, from the
roster of the meeting's process: a member of the process on the meeting's date is a member.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CAPITAL_WORD = r"[A-ZÁÉÍÓÚÑ][\w'’-]*"
_CONNECTOR = r"(?:of|the|and|y|e|del|de|las|la|los|el)\b"
_NAME_RUN = re.compile(rf"(?:{_CAPITAL_WORD}|{_CONNECTOR})(?:\s+(?:{_CAPITAL_WORD}|{_CONNECTOR}))*")
_EDGE_WORDS = {"of", "the", "and", "y", "e", "de", "del", "la", "los", "las", "el"}

PRESENCE = re.compile(
    r"\b(?:participation|participa(?:ted|ting|ron|ción|ntes?|r)|took part|attended|attending|attendance|"
    r"gathered|gathering|brought together|came together|reunid[oa]s|se reunieron|joined|were joined|"
    r"delegations?\s+(?:of|from)|delegates\s+(?:of|from)|delegaciones|representatives?\s+(?:of|from)|"
    r"representantes\s+de|representing|attended by|"
    r"asistieron|asisti[oó]|cont[oó] con|co-?chaired|co-?chairs?|chaired by|presidid[ao]|under the guidance of|"
    r"partner countries|pa[ií]ses participantes|participants?|the governments of|los gobiernos de|"
    r"representantes de (?:los )?gobiernos?|we,? (?:the )?ministers|nosotros,? los|met with|se dieron cita)\b",
    re.I,
)
NEGATIVE = re.compile(
    r"\b(?:could ?n[o’']t|could not|can ?not|did not|didn[’']t|unable to|no pudieron|no asisti|no particip|"
    r"absent|ausentes?|faltaron)\b",
    re.I,
)
OBSERVER = re.compile(r"\b(?:observers?|observadores?|observer status)\b", re.I)
GUEST = re.compile(r"\b(?:special guests?|invitad[oa]s? especiales?|as guests?|guest countr)", re.I)
MEMBER_WORDS = re.compile(
    r"\b(?:member countries|member states|pa[ií]ses miembros|estados miembros|integrantes|"
    r"from both processes|of both processes|countries of both)\b",
    re.I,
)
#: Words right before a list that say what a process is made of, not who came.
ROSTER_DESCRIPTION = re.compile(
    r"\b(?:agrupa a|integrad[oa] por|conformad[oa] por|compuest[oa] por|is made up of|comprises|comprising|"
    r"composed of|consists of|its members are|sus miembros son|members of the \w+ are)\s*$",
    re.I,
)
#: "all 11 Member States", "IGAD Member States", "los Países Miembros": the members, not named.
ALL_MEMBERS = re.compile(
    r"\b(?:(?:all|the|todos los|los)\s+)?(?:\d+\s+|\w+\s+)?(?:Member States|member countries|Pa[ií]ses Miembros|"
    r"Estados Miembros)\b"
)
#: Presence words that follow their subject: "Indonesia and Australia co-chaired", "IOM, who attended".
PRESENCE_AFTER = re.compile(
    r"^[\s,)]*(?:(?:who|which|that|also|have|has|had|as well|too|quienes|que|tambi[eé]n)\b[\s,]*)*"
    r"(?:participated|took part|attended|co-?chaired|chaired|joined|were present|was present|met|gathered|"
    r"participaron|particip[oó]|asistieron|asisti[oó]|se reunieron|copresidieron|presidi[oó])\b",
    re.I,
)
#: Words that may stand between a presence word and its list ("representatives of the following
#: international organisations:"), beside the names of the list itself.
GLUE = set(
    "the la el los las lo de del of and y e as well así asi como including incluyendo from states countries países "
    "paises estados agencies organisations organizations organismos organizaciones internacionales international "
    "regional un representatives representantes delegates delegados delegations delegaciones officials "
    "funcionarios senior high-level level ministers ministros gobiernos governments government gobierno republic "
    "república following siguientes participants participantes por by a cargo su its en in capacity calidad rol role "
    "also asimismo other otros various varios over more más around alrededor some algunos bodies entities partner "
    "partners socios member members miembros heads jefes delegation delegación ministerial-level for para "
    "viceministros viceministras vice-ministers vice-ministros ministras minister ministro ministra two three four "
    "five six seven eight nine ten eleven twelve once doce diez nueve ocho siete seis cinco cuatro tres dos all "
    "todos todas sus their como such like tales society sociedad civil nacionales national social sociales "
    "that which who are were is dialogue".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def governs(
    sentence: str, begin: int, stop: int, cues: re.Pattern, names: list[tuple[int, int]], others=()
) -> int | None:
    """Where the presence word that governs the list at sentence[begin:stop] starts, or None.

    `names` are the spans of every name in the sentence (countries, organisations, processes);
    `others` those of countries and organisations only. The list reaches back and forth over names
    joined by list words ("Thailand, New Zealand, the IOM and UNHCR"). A presence word governs it
    when it comes shortly before the whole list, with at most two other words and no other list
    between ("with the participation of the Delegations of the Governments of ..."), or when a
    presence verb follows the list as its subject ("Indonesia and Australia co-chaired ...").
    """
    names = sorted(set(names))
    begin, stop = _extend(sentence, begin, stop, names)
    if PRESENCE_AFTER.match(sentence[stop : stop + 60]):
        return max(0, begin - 60)
    for cue in reversed(list(cues.finditer(sentence, max(0, begin - 220), begin))):
        if any(b <= cue.start() < e for b, e in names):
            continue  # "Technical Secretariat" inside an organisation's own name
        if any(cue.end() <= b and e <= begin for b, e in others):
            return None  # the word governs an earlier list
        gap = sentence[cue.end() : begin]
        for b, e in sorted(names, reverse=True):
            if cue.end() <= b and e <= begin:
                gap = gap[: b - cue.end()] + " " + gap[e - cue.end() :]
        return cue.start() if sum(1 for w in _WORD.findall(gap) if w.lower() not in GLUE) <= 2 else None
    return None


def _extend(sentence: str, begin: int, stop: int, names: list[tuple[int, int]]) -> tuple[int, int]:
    """The whole list a name belongs to: neighbouring names joined by list words."""
    changed = True
    while changed:
        changed = False
        for b, e in names:
            if e <= begin and begin - e <= 40 and _joins(sentence[e:begin]):
                begin, changed = b, True
            elif b >= stop and b - stop <= 40 and _joins(sentence[stop:b]):
                stop, changed = e, True
    return begin, stop


def _joins(gap: str) -> bool:
    return bool(_JOIN.match(gap)) or _one_unknown_name(gap)


_JOIN = re.compile(
    r"^(?:[\s,;:()–—/*-]|\b(?:and|y|e|as well as|así como|the|la|el|los|las|del?|including|UN agencies|"
    r"together with|former)\b)*$",
    re.I,
)


_EXAMPLES = re.compile(
    r"\b(?:like|such as|como|tales como|including|incluyendo|entre ellos|e\.g\.)\s*(?:the\s+|el\s+|la\s+)?$", re.I
)

#: What may stand between two countries of one list.
_GAP = re.compile(
    r"^(?:[\s,;:–—/-]|\*|\(\d+\)|\([A-Za-z.]{1,12}\)|\b(?:and|y|e|as well as|así como|the|la|el|los|las|de|del|"
    r"former|or|o)\b)*$",
    re.I,
)


@dataclass
class Mention:
    code: str
    begin: int
    stop: int


class Presence:
    def country_mentions(self, text: str) -> list[Mention]:
        """Every country named in `text`, longest name first ("Trinidad and Tobago", "the Republic of Chile")."""
        found: list[Mention] = []
        for match in _NAME_RUN.finditer(text):
            words = [(m.group(0), match.start() + m.start()) for m in re.finditer(r"\S+", match.group(0))]
            start = 0
            while start < len(words):
                hit = self.longest_country(words, start)
                if hit:
                    code, stop = hit
                    found.append(Mention(code, words[start][1], words[stop - 1][1] + len(words[stop - 1][0])))
                    start = stop
                else:
                    start += 1
        return found

    def longest_country(self, words: list[tuple[str, int]], start: int) -> tuple[str, int] | None:
        if words[start][0].lower() in _EDGE_WORDS - {"the", "la", "el", "los", "las"}:
            return None
        for stop in range(min(len(words), start + 8), start, -1):
            if words[stop - 1][0].lower() in _EDGE_WORDS:
                continue
            code = self.vocabulary.country(" ".join(w for w, _ in words[start:stop]), demonyms=False)
            if code:
                return code, stop
        return None

    def country_runs(self, sentence: str) -> list[list[Mention]]:
        """Countries of `sentence` grouped into the lists they are printed in."""
        runs: list[list[Mention]] = []
        for mention in self.country_mentions(sentence):
            previous = runs[-1][-1] if runs else None
            gap = sentence[previous.stop : mention.begin] if previous else ""
            if previous and len(gap) <= 60 and (_GAP.match(gap) or _one_unknown_name(gap)):
                runs[-1].append(mention)
            else:
                runs.append([mention])
        return runs

    def present_countries(self, sentence: str) -> list[tuple[list[Mention], str]]:
        """The lists of countries a sentence shows taking part, each with the role its words give."""
        if not PRESENCE.search(sentence):
            return []
        out = []
        names, others = self.name_spans(sentence)
        runs = self.country_runs(sentence)
        for run in runs:
            before = sentence[max(0, run[0].begin - 160) : run[0].begin]
            after = sentence[run[-1].stop : run[-1].stop + 90]
            if ROSTER_DESCRIPTION.search(before) or NEGATIVE.search(after) or NEGATIVE.search(before[-60:]):
                continue
            mine = [(m.begin, m.stop) for m in run]
            cue = governs(sentence, run[0].begin, run[-1].stop, PRESENCE, names, [o for o in others if o not in mine])
            if cue is None:
                cue = self.long_list_cue(sentence, run)
            if cue is None:
                continue
            out.append((run, self.role_from_words(sentence[max(0, cue - 60) : run[0].begin])))
        return out

    def long_list_cue(self, sentence: str, run: list[Mention]) -> int | None:
        """A list of three countries or more after a presence word: their participation, however many
        words stand between ("la participación de funcionarios de los Ministerios de ... de Argentina,
        Bolivia, Brasil, ..."), unless the list gives examples ("countries like Colombia, Brazil ...")."""
        if len({m.code for m in run}) < 3 or _EXAMPLES.search(sentence[max(0, run[0].begin - 25) : run[0].begin]):
            return None
        cues = list(PRESENCE.finditer(sentence, 0, run[0].begin))
        return cues[-1].start() if cues else None

    def name_spans(self, sentence: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Where the sentence names a country, an organisation or a process; and a country or an organisation."""
        spans = [(m.begin, m.stop) for m in self.country_mentions(sentence)]
        spans += [(b, e) for b, e, _ in self.vocabulary.organisation_spans(sentence)]
        return spans + [(b, e) for b, e, _ in self.vocabulary.process_spans(sentence)], spans

    def role_from_words(self, cue: str) -> str:
        """The role the words from the presence word to the list give ("en calidad de observadores")."""
        if OBSERVER.search(cue):
            return "observer"
        if GUEST.search(cue):
            return "guest"
        if MEMBER_WORDS.search(cue):
            return "member"
        return ""


def _one_unknown_name(gap: str) -> bool:
    """ ", Kosovo*, ": one name that is no country (the importer says so) between two of a list."""
    return bool(re.fullmatch(r"[\s,;]*(?:[A-Z][\w'’.-]*\*?\s*){1,3}[\s,;]*(?:and\s+|y\s+)?", gap))
