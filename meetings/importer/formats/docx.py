"""The text of a Word document (.docx), paragraphs and tables in printed order, with list numbers.

Word keeps automatic list numbers out of the paragraph's text (they live in numbering.xml); a
communiqué numbered by Word would lose its labels. They are rendered here from the numbering
definitions ("%1.", "%1.%2", "%1)"; decimal, letters, roman numerals; bullets as "•").
"""

from __future__ import annotations

import io
import zipfile

from meetings.importer.errors import DocumentImportError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def is_docx(data: bytes) -> bool:
    if data[:4] != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def read_docx(data: bytes) -> str:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise DocumentImportError(f"the Word document is damaged and cannot be read ({error}).") from error
    numbering = _Numbering(document)
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag == f"{_W}p":
            text = "".join(node.text or "" for node in block.iter(f"{_W}t"))
            label = numbering.label(block)
            lines.append(f"{label} {text}".strip() if label else text)
        elif block.tag == f"{_W}tbl":
            for row in block.iter(f"{_W}tr"):
                cells = ["".join(t.text or "" for t in cell.iter(f"{_W}t")).strip() for cell in row.iter(f"{_W}tc")]
                lines.append("\t".join(cells))
    text = "\n".join(lines).strip()
    if not text:
        raise DocumentImportError("the Word document holds no text.")
    return text


class _Numbering:
    """Counters for Word's automatic numbering, level by level, as the paragraphs come."""

    def __init__(self, document):
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, level) -> (fmt, text, start)
        self.counters: dict[str, list[int]] = {}
        self.styles = _style_numbering(document)
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[int(lvl.get(f"{_W}ilvl"))] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "%1.",
                    int(start.get(f"{_W}val")) if start is not None else 1,
                )
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            for level, spec in abstract.get(ref.get(f"{_W}val") if ref is not None else "", {}).items():
                self.formats[(num.get(f"{_W}numId"), level)] = spec

    def label(self, paragraph) -> str:
        props = paragraph.find(f"{_W}pPr")
        num = props.find(f"{_W}numPr") if props is not None else None
        style = props.find(f"{_W}pStyle") if props is not None else None
        inherited = self.styles.get(style.get(f"{_W}val")) if style is not None else None
        if num is None and inherited is None:
            return ""
        num_id, level = _num_pr(num) if num is not None else ("", None)
        num_id = num_id or (inherited[0] if inherited else "")
        level = level if level is not None else (inherited[1] if inherited else 0)
        if (num_id, level) not in self.formats or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = self.formats[(num_id, level)]
        if fmt == "bullet":
            return "•"
        for index in range(level + 1):
            spec = self.formats.get((num_id, index), ("decimal", "", 1))
            value = counters[index] + spec[2] - 1 if counters[index] else spec[2]
            text = text.replace(f"%{index + 1}", _render(value, spec[0]))
        return text


def _num_pr(node) -> tuple[str, int | None]:
    num_id = node.find(f"{_W}numId")
    level = node.find(f"{_W}ilvl")
    return (
        num_id.get(f"{_W}val") if num_id is not None else "",
        int(level.get(f"{_W}val")) if level is not None else None,
    )


def _style_numbering(document) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs ("List Number"), through the styles they are based on."""
    try:
        root = document.styles.element
    except (KeyError, AttributeError, NotImplementedError):
        return {}
    own, based_on = {}, {}
    for style in root.iter(f"{_W}style"):
        style_id = style.get(f"{_W}styleId")
        props = style.find(f"{_W}pPr")
        num = props.find(f"{_W}numPr") if props is not None else None
        if num is not None:
            own[style_id] = _num_pr(num)
        parent = style.find(f"{_W}basedOn")
        if parent is not None:
            based_on[style_id] = parent.get(f"{_W}val")
    resolved = {}
    for style_id in set(own) | set(based_on):
        seen, current = set(), style_id
        while current and current not in own and current not in seen:
            seen.add(current)
            current = based_on.get(current)
        if current in own and own[current][0]:
            resolved[style_id] = (own[current][0], own[current][1] or 0)
    return resolved


def _render(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out, rest = "", value
        for number, numeral in numerals:
            while rest >= number:
                out, rest = out + numeral, rest - number
        return out if fmt == "lowerRoman" else out.upper()
    return str(value)
