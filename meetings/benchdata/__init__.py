"""Benchmark archives: as many meetings as asked, with the proportions, words and publication states of real ones.

`generate(meetings)` adds that many meetings with their documents, agreements
(their countries, topics and organisations), participations and action items,
about 5 % of them drafts and some withdrawn, to whatever the database holds.
On PostgreSQL the rows are made by set-based SQL inside the server
(`postgres.py`); elsewhere by batched `bulk_create` (`orm.py`). Both draw from
`shape.py`. It is for measuring, never for a production archive: the records
are made up, and they carry no edit history.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from django.db import connection

from meetings.benchdata import orm, postgres
from meetings.benchdata.shape import TextPool
from meetings.models import Country
from meetings.seeds import SEED_FIXTURES, load_missing


def generate(
    meetings: int,
    *,
    seed: int = 12,
    method: str | None = None,
    report: Callable[[str], None] = lambda line: None,
) -> str:
    """Add `meetings` generated meetings (and all they produced); return the tag their slugs carry.

    `method` is "sql" (PostgreSQL only) or "orm"; by default "sql" on
    PostgreSQL. The reference data and seed meetings are loaded first when the
    database has no countries yet.
    """
    method = method or ("sql" if connection.vendor == "postgresql" else "orm")
    if method == "sql" and connection.vendor != "postgresql":
        raise ValueError("The set-based writer needs PostgreSQL; use the ORM writer on other databases.")
    if not Country.objects.exists():
        load_missing(SEED_FIXTURES)
    rng = random.Random(seed)
    pool = TextPool.build(rng)
    tag = f"{seed}-{int(time.time() * 1000) % 10**10:x}"
    started = time.monotonic()
    (postgres if method == "sql" else orm).write(meetings, rng, pool, tag, report)
    report(f"Wrote {meetings} meetings in {time.monotonic() - started:.1f} s.")
    analyse(report)
    return tag


def analyse(report: Callable[[str], None]) -> None:
    """Give the planner statistics for the new rows (and, outside a transaction, a fresh visibility map).

    VACUUM sets the visibility map that index-only scans rely on; it cannot run
    inside a transaction, so within one (the test suite) only ANALYZE runs.
    """
    if connection.vendor == "postgresql":
        statement = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    elif connection.vendor == "sqlite":
        statement = "ANALYZE"
    else:
        return
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(statement)
    report(f"{statement} in {time.monotonic() - started:.1f} s.")
