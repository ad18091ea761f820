"""Dates as the documents print them, in English and Spanish.

"20 - 21 August, 2012", "May 30-31, 2002", "8 - 9 May 2018", "September 12 13, 2017",
"February 13, 2009", "30 June - 2 July 2015", "June 30 - July 2, 2015",
"30 y 31 de mayo de 2002", "del 8 al 9 de mayo de 2018", "13 de febrero de 2009",
"los días 22 y 23 de marzo del año 2001", "23rd and 24th November 2018", "March1, 2024",
"Wednesday, 15 June 2016, 9:00 - Thursday, 16 June 2016, 14:00" (two dates make a range).
Days without a year ("8 y 9 de mayo") and numeric dates ("08-11-2016") are found apart: the first
is no date at all, the second only counts at the head of a document, day first.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip

_MONTH = r"(?P<{name}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th|º|°|ro|er)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Between the two days of a range: a dash, "and", "to", Spanish "y"/"al", or (as scraped) a bare space.
_SEP = r"\s*(?:-|–|—|\band\b|\bto\b|\by(?:\s+el)?\b|\bal\b|\ba\b)\s*|\s+"
_DE = r"(?:\s+del?(?:\s+a[ñn]o)?)?"


def _p(template: str, **names: str) -> str:
    out = template
    for key, value in names.items():
        out = out.replace("{" + key + "}", value)
    return out


# Most specific first: a range across months before a range within one month before a single day.
_PATTERNS = [
    # 30 June - 2 July 2015 / 30 de junio al 2 de julio de 2015
    _p(
        r"(?:\bdel\s+)?{d1}" + _DE + r"\s+{m1}" + r"(?:" + _SEP + r"){d2}" + _DE + r"\s+{m2},?" + _DE + r"\s+" + _YEAR,
        d1=_DAY.format(name="d1"),
        m1=_MONTH.format(name="m1"),
        d2=_DAY.format(name="d2"),
        m2=_MONTH.format(name="m2"),
    ),
    # June 30 - July 2, 2015
    _p(
        r"{m1}\s*{d1}(?:" + _SEP + r"){m2}\s*{d2},?\s+" + _YEAR,
        d1=_DAY.format(name="d1"),
        m1=_MONTH.format(name="m1"),
        d2=_DAY.format(name="d2"),
        m2=_MONTH.format(name="m2"),
    ),
    # 20 - 21 August, 2012 / 8-9 May 2018 / 30 y 31 de mayo de 2002 / del 8 al 9 de mayo de 2018
    _p(
        r"(?:\bdel\s+)?\b{d1}(?:" + _SEP + r"){d2}" + _DE + r"\s+{m1},?" + _DE + r"\s+" + _YEAR,
        d1=_DAY.format(name="d1"),
        d2=_DAY.format(name="d2"),
        m1=_MONTH.format(name="m1"),
    ),
    # May 30-31, 2002 / September 12 13, 2017 / February 24 and 25, 2009
    _p(
        r"{m1}\s*{d1}(?:" + _SEP + r"){d2},?\s+" + _YEAR,
        d1=_DAY.format(name="d1"),
        d2=_DAY.format(name="d2"),
        m1=_MONTH.format(name="m1"),
    ),
    # February 13, 2009
    _p(r"{m1}\s*{d1},?\s+" + _YEAR, d1=_DAY.format(name="d1"), m1=_MONTH.format(name="m1")),
    # 13 February 2009 / 13 de febrero de 2009
    _p(r"\b{d1}" + _DE + r"\s+{m1},?" + _DE + r"\s+" + _YEAR, d1=_DAY.format(name="d1"), m1=_MONTH.format(name="m1")),
]
_COMPILED = [re.compile(r"(?<![\w-])" + p + r"\b", re.IGNORECASE) for p in _PATTERNS]


@dataclass(frozen=True)
class DateSpan:
    """A date or a range of dates found in a text, with where it was printed."""

    start: datetime.date
    end: datetime.date
    text: str
    begin: int
    stop: int


def _build(match: re.Match) -> DateSpan | None:
    groups = match.groupdict()
    year = int(groups["year"])
    m1 = MONTHS[groups["m1"].lower()]
    m2 = MONTHS[groups["m2"].lower()] if groups.get("m2") else m1
    d1 = int(groups["d1"])
    d2 = int(groups["d2"]) if groups.get("d2") else d1
    try:
        # A range that runs into the next year ("30 December - 2 January 2016") starts the year before.
        start = datetime.date(year - 1 if m2 < m1 else year, m1, d1)
        end = datetime.date(year, m2, d2)
    except ValueError:
        return None
    if end < start:
        return None
    return DateSpan(start, end, match.group(0), match.start(), match.end())


_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[eé]rcoles|jueves|viernes|"
    r"s[aá]bado|domingo)"
)
#: What may stand between two full dates that make one range: a time, a dash or "to", a weekday.
_BETWEEN_DATES = re.compile(
    r"^[\s,]*(?:\d{1,2}[:.h]\d{2}\s*(?:am|pm|hrs?|h)?\.?)?\s*(?:-|–|—|to|until|al|hasta|a)\s*(?:"
    + _WEEKDAY
    + r",?)?\s*$",
    re.I,
)


def find_dates(text: str) -> list[DateSpan]:
    """Every date or range of dates in `text`, in printed order; overlapping forms count once."""
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    for pattern in _COMPILED:
        for match in pattern.finditer(text):
            if any(match.start() < stop and begin < match.end() for begin, stop in taken):
                continue
            span = _build(match)
            if span:
                found.append(span)
                taken.append((span.begin, span.stop))
    return _join_ranges(text, sorted(found, key=lambda span: span.begin))


def _join_ranges(text: str, spans: list[DateSpan]) -> list[DateSpan]:
    """ "15 June 2016, 9:00 - Thursday, 16 June 2016": two full dates printed as one range."""
    out: list[DateSpan] = []
    for span in spans:
        previous = out[-1] if out else None
        if (
            previous
            and previous.end < span.start <= previous.end + datetime.timedelta(days=31)
            and _BETWEEN_DATES.match(text[previous.stop : span.begin])
        ):
            out[-1] = DateSpan(previous.start, span.end, text[previous.begin : span.stop], previous.begin, span.stop)
        else:
            out.append(span)
    return out


_YEARLESS = re.compile(
    r"(?<![\w-])(?:(?:los\s+d[ií]as|el\s+d[ií]a|on|from|del)\s+)?"
    + _DAY.format(name="d1")
    + r"(?:(?:"
    + _SEP
    + r")"
    + _DAY.format(name="d2")
    + r")?(?:\s+de)?\s+"
    + _MONTH.format(name="m1")
    + r"(?![\w])(?!,?(?:\s+del?)?(?:\s+a[ñn]o)?\s+(?:19|20)\d\d)",
    re.IGNORECASE,
)


def find_yearless(text: str) -> list[str]:
    """Days printed without their year ("los días 8 y 9 de mayo", "26-27th June"), as printed."""
    return [match.group(0).strip() for match in _YEARLESS.finditer(text)]


_NUMERIC = re.compile(r"(?<![\w/.-])([0-3]?\d)[-/.]([01]?\d)[-/.]((?:19|20)\d\d)(?![\w/-])")


def find_numeric_date(text: str) -> DateSpan | None:
    """A numeric date, day first ("08-11-2016" is 8 November 2016), or None."""
    match = _NUMERIC.search(text)
    if not match:
        return None
    try:
        day = datetime.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None
    return DateSpan(day, day, match.group(0), match.start(), match.end())


_DURATION_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "un": 1, "dos": 2, "tres": 3, "cuatro": 4}
_DURATION = re.compile(
    r"\b(one|two|three|four|five|\d)[- ]day\b|\bde\s+(un|dos|tres|cuatro|\d)\s+d[ií]as?\b", re.IGNORECASE
)


def find_duration(text: str) -> int | None:
    """How many days a sentence says the meeting lasts ("the two-day meeting", "reunión de dos días")."""
    match = _DURATION.search(text)
    if not match:
        return None
    word = (match.group(1) or match.group(2)).lower()
    return int(word) if word.isdigit() else _DURATION_WORDS[word]


def parse_date_range(text: str) -> tuple[datetime.date, datetime.date] | None:
    """The first date or range in `text` as (start, end), or None."""
    dates = find_dates(text)
    return (dates[0].start, dates[0].end) if dates else None


# --------------------------------------------------------------------------
# Deadlines of action items
# --------------------------------------------------------------------------

_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_TRIMESTER = re.compile(
    r"\b(?:during|in|by|before)?\s*the\s+(first|second|third|fourth|last|1st|2nd|3rd|4th)\s+"
    r"(trimester|quarter|semester|half)\s+of\s+" + _YEAR,
    re.IGNORECASE,
)
_DURING_YEAR = re.compile(r"\b(?:during|in the course of|by the end of|before the end of)\s+" + _YEAR + r"\b", re.I)
_WITHIN_DAYS = re.compile(r"\bwithin\s+(?:a\s+period\s+of\s+)?(\d+)\s+(days|weeks|months)\b", re.IGNORECASE)
_BEGINNING = re.compile(
    r"\b(?:beginning|starting|as of|from)\s+(?:in\s+)?" + _MONTH.format(name="m1") + r"\s+" + _YEAR, re.I
)
_MONTH_YEAR = re.compile(r"\b(?:in|by|during)\s+" + _MONTH.format(name="m1") + r",?\s+" + _YEAR, re.IGNORECASE)


def _end_of_month(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def find_deadline(text: str, meeting_end: datetime.date | None = None) -> tuple[str, datetime.date | None]:
    """The deadline a sentence sets, as written, and as the latest date it allows when derivable.

    "during 2013" → 2013-12-31; "in the last trimester of 2002" → 2002-12-31; "within a period of
    30 days" → 30 days after the meeting; "April 23 and 24, 2009" → 2009-04-24.
    """
    match = _TRIMESTER.search(text)
    if match:
        which, unit, year = match.group(1).lower(), match.group(2).lower(), int(match.group("year"))
        parts = 4 if unit in ("trimester", "quarter") else 2
        index = parts if which == "last" else min(_ORDINAL[which], parts)
        month = index * (12 // parts)
        return match.group(0).strip(), _end_of_month(year, month)
    match = _WITHIN_DAYS.search(text)
    if match:
        amount, unit = int(match.group(1)), match.group(2).lower()
        due = None
        if meeting_end is not None:
            if unit == "days":
                due = meeting_end + datetime.timedelta(days=amount)
            elif unit == "weeks":
                due = meeting_end + datetime.timedelta(weeks=amount)
            else:
                month = meeting_end.month - 1 + amount
                year, month = meeting_end.year + month // 12, month % 12 + 1
                due = datetime.date(year, month, min(meeting_end.day, calendar.monthrange(year, month)[1]))
        return match.group(0), due
    match = _BEGINNING.search(text)
    if match:
        return match.group(0), datetime.date(int(match.group("year")), MONTHS[match.group("m1").lower()], 1)
    dates = find_dates(text)
    if dates:
        return dates[0].text, dates[0].end
    match = _MONTH_YEAR.search(text)
    if match:
        return match.group(0), _end_of_month(int(match.group("year")), MONTHS[match.group("m1").lower()])
    match = _DURING_YEAR.search(text)
    if match:
        return match.group(0), datetime.date(int(match.group("year")), 12, 31)
    return "", None
