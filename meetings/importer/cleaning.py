"""Taking the noise of a scraped web page out of a document's text, and nothing else.

Only what is certainly not the document goes: a first line naming where the text was obtained
("Source: https://..."), a markdown front matter, a document viewer's "page 1 of 3" line, a
"Similar documents" list and a "Transcription:" marker before the real text, and page numbers
run into line ends (each the next number of a count from 1). Everything else stays as printed,
mistakes included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TRANSCRIPTION = re.compile(r"^\s*Transcription:\s*", re.MULTILINE)
_SIMILAR = re.compile(r"^\s*Similar documents\s*$", re.MULTILINE | re.IGNORECASE)
_TRAILING_NUMBER = re.compile(r"\s+(\d{1,3})\s*$")
_SOURCE_LINE = re.compile(r"^\s*(?:(?:Source|Fuente|URL|Origin|Origen)\s*:\s*)?(?P<url>(?:https?|ftp)://\S+)\s*$", re.I)
_FRONT_MATTER = re.compile(r"^---[ \t]*\n(?P<body>(?:.*\n)*?)---[ \t]*\n", re.MULTILINE)
_FRONT_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")
#: A document viewer's position line: "Sie sind auf Seite 1von 3", "You are on page 1 of 6".
_VIEWER_LINE = re.compile(
    r"^\s*(?:you are on page|vous [eê]tes sur la page|sie sind auf seite|est[aá]s en la p[aá]gina|"
    r"page|p[aá]gina|seite)\s*\d+\s*(?:of|sur|von|de)\s*\d+\s*$",
    re.I,
)


@dataclass
class CleanText:
    text: str
    #: Lines of the scraped page before its real text ("San Jose, Costa Rica September 12 13, 2017"):
    #: not the document, but they may still say where and when it was.
    preamble: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    #: Where the text says it was obtained (its first line, or its front matter's "source").
    source: str = ""
    #: The front matter's fields, as printed ("title", "date", ...): not the document's text.
    front_matter: dict[str, str] = field(default_factory=dict)


def clean_text(raw: str) -> CleanText:
    removed: list[str] = []
    preamble: list[str] = []
    text = raw.replace("\r\n", "\n").replace("\ufeff", "")
    text, source, front_matter = _take_source(text, removed)
    text = _drop_viewer_lines(text, removed)
    marker = _TRANSCRIPTION.search(text)
    similar = _SIMILAR.search(text)
    if marker:
        head = text[: marker.start()]
        if similar and similar.start() < marker.start():
            preamble = [line.strip() for line in head[: similar.start()].splitlines() if line.strip()]
            count = sum(1 for line in head[similar.end() :].splitlines() if line.strip())
            removed.append(f'a "Similar documents" list of {count} titles')
        else:
            preamble = [line.strip() for line in head.splitlines() if line.strip()]
        removed.append('the "Transcription:" marker')
        text = text[marker.end() :]
    elif similar:
        # A list of similar documents after the text: everything from its heading on is the page's.
        count = sum(1 for line in text[similar.end() :].splitlines() if line.strip())
        removed.append(f'a "Similar documents" list of {count} titles')
        text = text[: similar.start()]
    text, numbers = _drop_page_numbers(text)
    if numbers:
        removed.append(f"{numbers} page numbers run into line ends")
    return CleanText(text=text.strip(), preamble=preamble, removed=removed, source=source, front_matter=front_matter)


def _take_source(text: str, removed: list[str]) -> tuple[str, str, dict[str, str]]:
    """The text without its source line and front matter, the source, and the front matter's fields."""
    source, fields = "", {}
    first, _, rest = text.lstrip("\n").partition("\n")
    match = _SOURCE_LINE.match(first)
    if match:
        source, text = match.group("url"), rest
        removed.append(f"the first line naming the source ({source})")
    match = _FRONT_MATTER.match(text.lstrip("\n"))
    if match:
        for line in match.group("body").splitlines():
            field_match = _FRONT_KEY.match(line.strip())
            if field_match:
                fields[field_match.group("key").lower()] = field_match.group("value").strip().strip("\"'")
        text = text.lstrip("\n")[match.end() :]
        removed.append(f"a front matter of {len(fields)} fields ({', '.join(fields) or 'none'})")
        address = fields.get("source", "") or fields.get("url", "")
        source = source or (address if re.match(r"^https?://\S+$", address) else "")
    return text, source, fields


def _drop_viewer_lines(text: str, removed: list[str]) -> str:
    lines = text.split("\n")
    kept = [line for line in lines if not _VIEWER_LINE.match(line)]
    if len(kept) != len(lines):
        removed.append(f"{len(lines) - len(kept)} page-position line(s) of a document viewer")
    return "\n".join(kept)


def _drop_page_numbers(text: str) -> tuple[str, int]:
    """Remove "... end of page. 7" where 7 is the next page number and the page (a paragraph) ends there.

    Only a run counting 1, 2, 3, ... from the first page is taken for page numbers (at least three
    of them), so a sentence that happens to end in a number is left alone.
    """
    lines = text.split("\n")
    candidates: list[tuple[int, int]] = []  # (line index, number)
    for index, line in enumerate(lines):
        at_page_end = index + 1 == len(lines) or not lines[index + 1].strip()
        match = _TRAILING_NUMBER.search(line)
        if match and at_page_end and len(line) > 40:
            candidates.append((index, int(match.group(1))))
    expected, chosen = 1, []
    for index, number in candidates:
        if number == expected:
            chosen.append(index)
            expected += 1
    if len(chosen) < 3:
        return text, 0
    for index in chosen:
        lines[index] = _TRAILING_NUMBER.sub("", lines[index])
    return "\n".join(lines), len(chosen)
