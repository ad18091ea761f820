"""The interface's catalogues: locale/<language>/LC_MESSAGES/django.po compiled to .mo in pure Python.

The .po files are the source, kept in git; the .mo files Django reads are
built from them (and ignored by git), by `manage.py compile_translations`,
which bin/serve runs, and at the start of the test session. polib does what
GNU gettext's msgfmt would, so a fresh machine needs no system package.
Only a catalogue whose .mo is missing or older than its .po is rebuilt.
"""

from __future__ import annotations

from pathlib import Path

import polib


def catalogues(locale_dirs: list[Path]) -> list[Path]:
    return sorted(po for directory in locale_dirs for po in Path(directory).glob("*/LC_MESSAGES/*.po"))


def compile_catalogues(locale_dirs: list[Path], *, force: bool = False) -> list[Path]:
    """Writes the .mo beside each .po that needs it; returns the .mo files written."""
    written = []
    for po_path in catalogues(locale_dirs):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(po_path))
        # Like msgfmt: fuzzy entries are drafts, never shown (tests/test_translations.py refuses them).
        tmp = mo_path.with_suffix(".mo.tmp")
        catalogue.save_as_mofile(str(tmp))
        tmp.replace(mo_path)  # a server reading the catalogue never sees half a file
        written.append(mo_path)
    return written
