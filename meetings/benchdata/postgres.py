"""The PostgreSQL writer: every table filled by one set-based `INSERT … SELECT` over `generate_series`.

Python only prepares small lookup tables (the sentence pool, weighted lists of
countries, topics and processes) as temporary tables; the millions of rows are
made inside the server, so about a million agreements build in minutes. The
random draws are seeded (`setseed`), so the same seed gives the same archive.
The search vectors are filled by the triggers of migration 0003_search as rows
arrive. No edit history is written: benchmark records were never edited.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from django.db import connection, transaction

from meetings.benchdata import shape
from meetings.benchdata.shape import TextPool, cumulative
from meetings.models import AgreementSection, DocumentKind, MeetingKind


def _case(weights: dict[str, float], draw: str) -> str:
    """A CASE expression giving a weighted value for the uniform draw `draw` (a column, drawn once)."""
    branches = " ".join(f"WHEN {draw} < {bound!r} THEN '{value}'" for bound, value in cumulative(weights)[:-1])
    return f"(CASE {branches} ELSE '{cumulative(weights)[-1][1]}' END)"


def _label(choices, column: str) -> str:
    """The display label of a choices column, in SQL."""
    branches = " ".join(f"WHEN '{value}' THEN '{label.replace(chr(39), chr(39) * 2)}'" for value, label in choices)
    return f"(CASE {column} {branches} END)"


def _published_at(status: str) -> str:
    return f"(CASE WHEN {status} = 'published' THEN now() END)"


def _lookup_table(cursor, name: str, column: str, values: list) -> int:
    cursor.execute(f"CREATE TEMP TABLE {name} (i integer PRIMARY KEY, {column}) ON COMMIT DROP")
    cursor.executemany(f"INSERT INTO {name} VALUES (%s, %s)", list(enumerate(values)))
    return len(values)


def write(count: int, rng: random.Random, pool: TextPool, tag: str, report: Callable[[str], None]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [rng.uniform(-1, 1)])
        sizes = {
            "nc": _lookup_table(cursor, "bench_country", "id bigint", shape.expand(shape.country_weights())),
            "nt": _lookup_table(cursor, "bench_topic", "id bigint", shape.expand(shape.topic_weights(rng))),
            "np": _lookup_table(cursor, "bench_process", "id bigint", shape.expand(shape.process_weights())),
            "no": _lookup_table(cursor, "bench_organisation", "id bigint", shape.organisation_ids() or [None]),
            "ns": _lookup_table(cursor, "bench_sentence", "body text", pool.sentences),
            "nh": _lookup_table(cursor, "bench_title", "body text", pool.titles),
        }
        cursor.execute("ANALYZE bench_country, bench_topic, bench_process, bench_organisation, bench_sentence")
        params = {"count": count, "prefix": f"bench-{tag}-", **sizes}
        # Foreign keys checked at each statement's end rather than at commit, so that no check is
        # pending when a trigger is switched off (PostgreSQL refuses that) and none piles up.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        restore = _drop_search_indexes(cursor) + _drop_foreign_keys(cursor)
        for label, sql in statements():
            started = time.monotonic()
            cursor.execute(sql, params)
            rows = f"{cursor.rowcount} rows in " if cursor.rowcount >= 0 else ""
            report(f"  {label}: {rows}{time.monotonic() - started:.1f} s")
        started = time.monotonic()
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for definition in restore:
            cursor.execute(definition)
        report(f"  search indexes rebuilt and foreign keys checked in {time.monotonic() - started:.1f} s")


#: The tables the generator writes.
TABLES = (
    "meetings_meeting",
    "meetings_meeting_processes",
    "meetings_participation",
    "meetings_document",
    "meetings_agreement",
    "meetings_agreement_countries",
    "meetings_agreement_topics",
    "meetings_agreement_organisations",
    "meetings_actionitem",
    "meetings_actionitem_responsible_countries",
    "meetings_actionitem_responsible_organisations",
)


def _drop_foreign_keys(cursor) -> list[str]:
    """Drop the written tables' foreign keys for the load, returning the statements that add them back.

    Checked row by row they cost more than the inserts themselves (two index
    probes a link row); added back at the end, each is checked once over the
    whole table, and a generator bug would still fail the load there.
    """
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
        [list(TABLES)],
    )
    found = cursor.fetchall()
    for table, name, _ in found:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    return [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for table, name, definition in found]


def _drop_search_indexes(cursor) -> list[str]:
    """Drop the full-text (GIN) indexes for the load, returning their definitions to build them again after it.

    Each row would otherwise add one entry per distinct word to the index (the
    indexes keep no pending list, see 0003_search): hundreds of scattered
    writes for a document's text. Built once at the end, in bulk, they cost a
    fraction of that, and come out the same as built by migration 0003.
    """
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename IN ('meetings_meeting', 'meetings_document', 'meetings_agreement', 'meetings_actionitem') "
        "AND indexdef LIKE '%% USING gin %%'"
    )
    found = cursor.fetchall()
    for name, _ in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in found]


def statements() -> list[tuple[str, str]]:
    first, last = f"DATE '{shape.FIRST_YEAR}-01-01'", f"DATE '{shape.LAST_YEAR}-12-31'"
    cities = "ARRAY[" + ", ".join("'" + c.replace("'", "''") + "'" for c in shape.CITIES) + "]"
    new_meetings = "(SELECT * FROM meetings_meeting WHERE slug LIKE %(prefix)s || '%%')"
    new_documents = f"(SELECT d.* FROM meetings_document d WHERE d.meeting_id IN (SELECT id FROM {new_meetings} nm))"
    new_agreements = (
        f"(SELECT a.* FROM meetings_agreement a WHERE a.document_id IN (SELECT id FROM {new_documents} nd))"
    )
    lo, hi = shape.COUNTRIES_PER_AGREEMENT
    tlo, thi = shape.TOPICS_PER_AGREEMENT
    plo, phi = shape.PARTICIPANTS_PER_MEETING
    alo, ahi = shape.ACTION_ITEMS_PER_MEETING
    slo, shi = shape.SENTENCES_PER_DOCUMENT
    due_next_from = shape.DUE_DATE_SHARE
    due_next_to = shape.DUE_DATE_SHARE + shape.DUE_NEXT_MEETING_SHARE
    return [
        (
            "meetings",
            f"""
            INSERT INTO meetings_meeting (title, slug, edition, edition_number, kind, start_date, end_date, city,
                host_country_id, venue, theme, presidency_id, summary, status, published_at, created_at, updated_at)
            SELECT {_label(MeetingKind.choices, "m.kind")} || ': ' || t.body, %(prefix)s || m.g, '', NULL, m.kind,
                m.starts, m.starts + m.days, m.city, c.id, '', th.body, c.id, s1.body || ' ' || s2.body,
                m.status, {_published_at("m.status")}, now(), now()
            FROM (
                SELECT g, {_case(shape.MEETING_KINDS, "r1")} AS kind, {_case(shape.MEETING_STATES, "r2")} AS status,
                    {first} + floor(r3 * ({last} - {first}))::int AS starts, floor(r4 * 3)::int AS days,
                    ({cities})[1 + floor(r5 * cardinality({cities}))::int] AS city,
                    floor(r6 * %(nc)s)::int AS ci, floor(r7 * %(nh)s)::int AS ti, floor(r8 * %(nh)s)::int AS hi,
                    floor(r9 * %(ns)s)::int AS s1, floor(r10 * %(ns)s)::int AS s2
                FROM (SELECT g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6,
                             random() r7, random() r8, random() r9, random() r10
                      FROM generate_series(1, %(count)s) g) draws
            ) m
            JOIN bench_country c ON c.i = m.ci
            JOIN bench_title t ON t.i = m.ti
            JOIN bench_title th ON th.i = m.hi
            JOIN bench_sentence s1 ON s1.i = m.s1
            JOIN bench_sentence s2 ON s2.i = m.s2
            """,
        ),
        (
            "meeting processes",
            f"""
            INSERT INTO meetings_meeting_processes (meeting_id, process_id)
            SELECT d.id, p.id
            FROM (SELECT m.id, floor(random() * %(np)s)::int AS pi FROM {new_meetings} m
                  UNION ALL
                  SELECT m.id, floor(random() * %(np)s)::int FROM {new_meetings} m
                  WHERE random() < {shape.JOINT_MEETING_SHARE}) d
            JOIN bench_process p ON p.i = d.pi
            ON CONFLICT DO NOTHING
            """,
        ),
        (
            "participations",
            f"""
            INSERT INTO meetings_participation (meeting_id, country_id, organisation_id, role, person_id, note)
            SELECT DISTINCT ON (d.id, c.id) d.id, c.id, NULL, {_case(shape.PARTICIPATION_ROLES, "d.r")}, NULL, ''
            FROM (SELECT m.id, floor(random() * %(nc)s)::int AS ci, random() AS r
                  FROM (SELECT id, {plo} + floor(random() * {phi - plo + 1})::int AS n FROM {new_meetings} nm) m,
                       generate_series(1, m.n)) d
            JOIN bench_country c ON c.i = d.ci
            ORDER BY d.id, c.id
            """,
        ),
        (
            "document trigger",
            # A new document makes its meeting's vector be computed again (its language may be the meeting's):
            # done once for all the new meetings after the documents, rather than once a document.
            "ALTER TABLE meetings_document DISABLE TRIGGER meetings_document_language_inserted",
        ),
        (
            "documents",
            f"""
            INSERT INTO meetings_document (meeting_id, title, slug, kind, language, date, symbol, text, file, source,
                "order", version_of_id, source_sha256, import_report, import_findings, needs_review, status,
                published_at, created_at, updated_at)
            SELECT d.id, left({_label(DocumentKind.choices, "d.kind")} || ': ' || d.title, 400), d.slug || '-' || d.k,
                d.kind, {_case(shape.LANGUAGES, "d.r2")}, d.start_date, '',
                (SELECT string_agg((SELECT s.body FROM bench_sentence s WHERE s.i = w.i), E'\\n\\n' ORDER BY w.n)
                 FROM (SELECT n, floor(random() * %(ns)s)::int + 0 * d.id AS i
                       FROM generate_series(1, d.sentences) n) w),
                '', 'generate_benchmark_data', d.k, NULL, '', '', '{{}}'::jsonb, false, d.status,
                {_published_at("d.status")}, now(), now()
            FROM (
                SELECT m.id, m.title, m.slug, k, random() AS r2,
                    {slo} + floor(random() * {shi - slo + 1})::int AS sentences,
                    CASE WHEN k = 1 THEN {_case(shape.DOCUMENT_KINDS, "r1")}
                         ELSE {_case(shape.SECOND_DOCUMENT_KINDS, "r1")} END AS kind,
                    {_case(shape.DOCUMENT_STATES, "r3")} AS status, m.start_date
                FROM (SELECT nm.*, CASE WHEN random() < {shape.SECOND_DOCUMENT_SHARE} THEN 2 ELSE 1 END AS documents
                      FROM {new_meetings} nm) m,
                     generate_series(1, m.documents) k,
                     LATERAL (SELECT random() + 0 * k AS r1, random() + 0 * k AS r3) r
            ) d
            """,
        ),
        ("document trigger", "ALTER TABLE meetings_document ENABLE TRIGGER meetings_document_language_inserted"),
        (
            "meeting vectors in their documents' language",
            "UPDATE meetings_meeting SET search_vector = NULL WHERE slug LIKE %(prefix)s || '%%'",
        ),
        (
            "sentence vectors",
            # An agreement's text is one pool sentence and its heading one of a few: their vectors, made once
            # per language here, are exactly what the agreement trigger would compute for each row.
            f"""
            CREATE TEMP TABLE bench_vector ON COMMIT DROP AS
            SELECT s.i, l.language, setweight(to_tsvector(meetings_search_config(l.language), left(s.body, 1000000)),
                                              'A') AS vector
            FROM bench_sentence s, (VALUES {", ".join(f"('{code}')" for code in shape.LANGUAGES)}) l(language);
            CREATE UNIQUE INDEX ON bench_vector (i, language);
            CREATE TEMP TABLE bench_heading ON COMMIT DROP AS
            SELECT h.section, h.heading, l.language,
                   setweight(to_tsvector(meetings_search_config(l.language), h.heading), 'B') AS vector
            FROM (SELECT value AS section, upper({_label(AgreementSection.choices, "value")}) AS heading
                  FROM unnest(ARRAY[{", ".join(f"'{value}'" for value in shape.SECTIONS)}]) value) h,
                 (VALUES {", ".join(f"('{code}')" for code in shape.LANGUAGES)}) l(language);
            ANALYZE bench_vector, bench_heading;
            ALTER TABLE meetings_agreement DISABLE TRIGGER meetings_agreement_search_vector
            """,
        ),
        (
            "agreements",
            f"""
            INSERT INTO meetings_agreement (document_id, parent_id, label, "order", section, section_heading, text,
                kind, needs_review, status, published_at, created_at, updated_at, search_vector)
            SELECT a.document_id, NULL, a.k::text, a.k, a.section, h.heading,
                s.body, a.kind, false, a.status, {_published_at("a.status")}, now(), now(), v.vector || h.vector
            FROM (
                SELECT d.id AS document_id, d.language, k, floor(random() * %(ns)s)::int AS si,
                    {_case(shape.SECTIONS, "r1")} AS section, {_case(shape.AGREEMENT_KINDS, "r2")} AS kind,
                    {_case(shape.AGREEMENT_STATES, "r3")} AS status
                FROM (SELECT id, language, least({shape.AGREEMENTS_PER_DOCUMENT_MAX},
                                 1 + floor(-{shape.AGREEMENTS_PER_DOCUMENT_MEAN} * ln(1 - random())))::int AS n
                      FROM {new_documents} nd) d,
                     generate_series(1, d.n) k,
                     LATERAL (SELECT random() + 0 * k AS r1, random() + 0 * k AS r2, random() + 0 * k AS r3) r
            ) a
            JOIN bench_sentence s ON s.i = a.si
            JOIN bench_vector v ON v.i = a.si AND v.language = a.language
            JOIN bench_heading h ON h.section = a.section AND h.language = a.language
            ORDER BY a.document_id, a.k
            """,
        ),
        ("agreement trigger", "ALTER TABLE meetings_agreement ENABLE TRIGGER meetings_agreement_search_vector"),
        (
            "agreement countries",
            f"""
            INSERT INTO meetings_agreement_countries (agreement_id, country_id)
            SELECT d.id, c.id
            FROM (SELECT a.id, floor(random() * %(nc)s)::int AS ci
                  FROM (SELECT id, {lo} + floor(random() * {hi - lo + 1})::int AS n FROM {new_agreements} na) a,
                       generate_series(1, a.n)) d
            JOIN bench_country c ON c.i = d.ci
            ON CONFLICT DO NOTHING
            """,
        ),
        (
            "agreement topics",
            f"""
            INSERT INTO meetings_agreement_topics (agreement_id, topic_id)
            SELECT d.id, t.id
            FROM (SELECT a.id, floor(random() * %(nt)s)::int AS ti
                  FROM (SELECT id, {tlo} + floor(random() * {thi - tlo + 1})::int AS n FROM {new_agreements} na) a,
                       generate_series(1, a.n)) d
            JOIN bench_topic t ON t.i = d.ti
            ON CONFLICT DO NOTHING
            """,
        ),
        (
            "agreement organisations",
            f"""
            INSERT INTO meetings_agreement_organisations (agreement_id, organisation_id)
            SELECT d.id, o.id
            FROM (SELECT id, floor(random() * %(no)s)::int AS oi FROM {new_agreements} na WHERE random() < 0.2) d
            JOIN bench_organisation o ON o.i = d.oi
            WHERE o.id IS NOT NULL
            """,
        ),
        (
            "action items",
            f"""
            INSERT INTO meetings_actionitem (meeting_id, agreement_id, "order", description, due_date, due_text,
                due_next_meeting_kind, progress, notes, needs_review, reported_done_at_id, status, published_at,
                created_at, updated_at)
            SELECT i.id,
                CASE WHEN i.r1 < {shape.ACTION_ITEM_ON_AGREEMENT_SHARE} THEN (
                    SELECT a.id FROM meetings_agreement a JOIN meetings_document d ON d.id = a.document_id
                    WHERE d.meeting_id = i.id AND d."order" = 1 AND a."order" = 1 + (i.k * 7) %% greatest(1, (
                        SELECT count(*) FROM meetings_agreement a2 WHERE a2.document_id = d.id))
                ) END,
                i.k, s.body,
                CASE WHEN i.r2 < {shape.DUE_DATE_SHARE} THEN i.start_date + 30 + floor(i.r3 * 700)::int END,
                CASE WHEN i.r2 >= {due_next_from} AND i.r2 < {due_next_to}
                     THEN 'before the next vice-ministerial meeting' ELSE '' END,
                CASE WHEN i.r2 >= {due_next_from} AND i.r2 < {due_next_to}
                     THEN '{MeetingKind.VICE_MINISTERIAL}' ELSE '' END,
                {_case(shape.PROGRESS, "i.r4")}, '', false, NULL, i.status, {_published_at("i.status")}, now(), now()
            FROM (
                SELECT m.id, m.start_date, k, r.*, {_case(shape.ACTION_ITEM_STATES, "r.r5")} AS status,
                    floor(r.r6 * %(ns)s)::int AS si
                FROM (SELECT id, start_date, {alo} + floor(random() * {ahi - alo + 1})::int AS n
                      FROM {new_meetings} nm) m,
                     generate_series(1, m.n) k,
                     LATERAL (SELECT random() + 0 * k AS r1, random() + 0 * k AS r2, random() + 0 * k AS r3,
                                     random() + 0 * k AS r4, random() + 0 * k AS r5, random() + 0 * k AS r6) r
            ) i
            JOIN bench_sentence s ON s.i = i.si
            """,
        ),
        (
            "action item countries",
            f"""
            INSERT INTO meetings_actionitem_responsible_countries (actionitem_id, country_id)
            SELECT d.id, c.id
            FROM (SELECT ai.id, floor(random() * %(nc)s)::int AS ci FROM meetings_actionitem ai
                  WHERE ai.meeting_id IN (SELECT id FROM {new_meetings} nm) AND random() < 0.5) d
            JOIN bench_country c ON c.i = d.ci
            """,
        ),
        (
            "action item organisations",
            f"""
            INSERT INTO meetings_actionitem_responsible_organisations (actionitem_id, organisation_id)
            SELECT d.id, o.id
            FROM (SELECT ai.id, floor(random() * %(no)s)::int AS oi FROM meetings_actionitem ai
                  WHERE ai.meeting_id IN (SELECT id FROM {new_meetings} nm) AND random() < 0.4) d
            JOIN bench_organisation o ON o.i = d.oi
            WHERE o.id IS NOT NULL
            """,
        ),
    ]
