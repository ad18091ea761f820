"""The text of a web page: its main content, with scripts, styles, navigation and page furniture out.

Parsed with BeautifulSoup (Python's own HTML parser underneath): block elements become lines,
list items keep their numbers ("1.", "2.") or get a bullet, and the page's <main> or <article> is
read when it has one, so menus and footers stay out.
"""

from __future__ import annotations

import re

from meetings.importer.errors import DocumentImportError

_DROP = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button",
         "template", "select", "input", "menu"]  # fmt: skip
_FURNITURE = re.compile(r"\b(?:nav|navbar|menu|breadcrumbs?|footer|header|sidebar|cookies?|share|social|skip)\b", re.I)
_BLOCKS = {"p", "div", "section", "article", "main", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br",
           "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "figcaption", "address"}  # fmt: skip


def looks_like_html(data: bytes, name: str) -> bool:
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or (b"<html" in head and b"<body" in data[:20000].lower())


def read_html(data: bytes) -> str:
    from bs4 import BeautifulSoup

    from meetings.importer.reading import decode_text

    soup = BeautifulSoup(decode_text(data), "html.parser")
    for tag in soup(_DROP):
        tag.decompose()
    for tag in soup.find_all(attrs={"role": ["navigation", "banner", "contentinfo", "search"]}):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.attrs is not None and _FURNITURE.search(" ".join([*tag.get("class", []), tag.get("id") or ""])):
            tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    for ordered in root.find_all("ol"):
        start = int(ordered.get("start", 1)) if str(ordered.get("start", "1")).isdigit() else 1
        for number, item in enumerate(ordered.find_all("li", recursive=False), start=start):
            item.insert(0, f"{number}. ")
    for item in root.find_all("li"):
        if item.parent is not None and item.parent.name == "ul":
            item.insert(0, "• ")
    for tag in root.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = root.get_text()
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if not text:
        raise DocumentImportError("the web page holds no text once scripts and navigation are taken out.")
    return text
