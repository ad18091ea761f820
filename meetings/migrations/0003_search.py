"""Full-text search columns on PostgreSQL, kept current by the database itself.

Each searchable table gets a `search_vector tsvector` column that the models do
not declare: triggers fill it, so admin edits, imports, `QuerySet.update()`,
fixture loads (raw saves) and plain SQL all keep it current, which Django
signals could not promise. `meetings/search.py` reads the column.

Weights: A for titles, agreement texts and commitment descriptions, B for
summaries, headings and notes, C for places, D for a document's long text, so
that a word in an agreement outranks the same word deep inside a report.

The text-search configuration follows the record's language: a document's own
`language`; an agreement's document's; an action item's agreement's document's
(or, for an item set by the meeting as a whole, its meeting's); a meeting's
first document's; English when there is none. When a document's language
changes, or a meeting gains or loses documents, the dependent vectors are
recomputed by setting them to NULL, which their own trigger fills again.

The GIN indexes are built with fastupdate off: records are written rarely
and in small numbers (secretariat edits, imports), and without a pending list
a record is found through the index as soon as it is saved, and the planner's
estimates do not depend on when autovacuum last ran.

On any other database (the embedded SQLite default) this migration does
nothing: search falls back to substring matching there.
"""

from django.db import migrations

# Texts are indexed up to their first million characters (left(text, 1000000)):
# a tsvector cannot exceed 1 MB and would make the save fail; a million
# characters stay well below that, and no record here comes close.
FORWARD_SQL = """
CREATE FUNCTION meetings_search_config(lang text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE lang
        WHEN 'es' THEN 'pg_catalog.spanish'
        WHEN 'pt' THEN 'pg_catalog.portuguese'
        WHEN 'fr' THEN 'pg_catalog.french'
        ELSE 'pg_catalog.english'
    END::regconfig
$$;

CREATE FUNCTION meetings_meeting_language(meeting_id bigint) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(
        (SELECT d.language FROM meetings_document d WHERE d.meeting_id = $1 ORDER BY d."order", d.id LIMIT 1),
        'en'
    )
$$;

CREATE FUNCTION meetings_actionitem_language(meeting_id bigint, agreement_id bigint) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(
        (SELECT d.language FROM meetings_agreement a JOIN meetings_document d ON d.id = a.document_id
         WHERE a.id = $2),
        meetings_meeting_language($1)
    )
$$;

-- Meetings ------------------------------------------------------------------
ALTER TABLE meetings_meeting ADD COLUMN search_vector tsvector;

CREATE FUNCTION meetings_meeting_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cfg regconfig;
BEGIN
    IF TG_OP = 'INSERT' OR NEW.search_vector IS NULL
       OR (NEW.title, NEW.edition, NEW.theme, NEW.summary, NEW.city, NEW.venue)
          IS DISTINCT FROM (OLD.title, OLD.edition, OLD.theme, OLD.summary, OLD.city, OLD.venue) THEN
        cfg := meetings_search_config(meetings_meeting_language(NEW.id));
        NEW.search_vector :=
            setweight(to_tsvector(cfg, concat_ws(' ', NEW.title, NEW.edition, NEW.theme)), 'A')
            || setweight(to_tsvector(cfg, left(NEW.summary, 1000000)), 'B')
            || setweight(to_tsvector(cfg, concat_ws(' ', NEW.city, NEW.venue)), 'C');
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER meetings_meeting_search_vector
    BEFORE INSERT OR UPDATE ON meetings_meeting
    FOR EACH ROW EXECUTE FUNCTION meetings_meeting_search_vector();

CREATE INDEX meeting_search_idx ON meetings_meeting USING gin (search_vector) WITH (fastupdate = off);

-- Documents -----------------------------------------------------------------
ALTER TABLE meetings_document ADD COLUMN search_vector tsvector;

CREATE FUNCTION meetings_document_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cfg regconfig;
BEGIN
    IF TG_OP = 'INSERT' OR NEW.search_vector IS NULL
       OR (NEW.title, NEW.symbol, NEW.text, NEW.language)
          IS DISTINCT FROM (OLD.title, OLD.symbol, OLD.text, OLD.language) THEN
        cfg := meetings_search_config(NEW.language);
        NEW.search_vector :=
            setweight(to_tsvector(cfg, concat_ws(' ', NEW.title, NEW.symbol)), 'A')
            || setweight(to_tsvector(cfg, left(NEW.text, 1000000)), 'D');
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER meetings_document_search_vector
    BEFORE INSERT OR UPDATE ON meetings_document
    FOR EACH ROW EXECUTE FUNCTION meetings_document_search_vector();

CREATE INDEX document_search_idx ON meetings_document USING gin (search_vector) WITH (fastupdate = off);

-- Agreements ----------------------------------------------------------------
ALTER TABLE meetings_agreement ADD COLUMN search_vector tsvector;

CREATE FUNCTION meetings_agreement_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cfg regconfig;
BEGIN
    IF TG_OP = 'INSERT' OR NEW.search_vector IS NULL
       OR (NEW.text, NEW.section_heading, NEW.document_id)
          IS DISTINCT FROM (OLD.text, OLD.section_heading, OLD.document_id) THEN
        cfg := meetings_search_config(
            (SELECT d.language FROM meetings_document d WHERE d.id = NEW.document_id)
        );
        NEW.search_vector :=
            setweight(to_tsvector(cfg, left(NEW.text, 1000000)), 'A')
            || setweight(to_tsvector(cfg, NEW.section_heading), 'B');
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER meetings_agreement_search_vector
    BEFORE INSERT OR UPDATE ON meetings_agreement
    FOR EACH ROW EXECUTE FUNCTION meetings_agreement_search_vector();

CREATE INDEX agreement_search_idx ON meetings_agreement USING gin (search_vector) WITH (fastupdate = off);

-- Action items --------------------------------------------------------------
ALTER TABLE meetings_actionitem ADD COLUMN search_vector tsvector;

CREATE FUNCTION meetings_actionitem_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cfg regconfig;
BEGIN
    IF TG_OP = 'INSERT' OR NEW.search_vector IS NULL
       OR (NEW.description, NEW.due_text, NEW.notes, NEW.meeting_id, NEW.agreement_id)
          IS DISTINCT FROM (OLD.description, OLD.due_text, OLD.notes, OLD.meeting_id, OLD.agreement_id) THEN
        cfg := meetings_search_config(meetings_actionitem_language(NEW.meeting_id, NEW.agreement_id));
        NEW.search_vector :=
            setweight(to_tsvector(cfg, left(NEW.description, 1000000)), 'A')
            || setweight(to_tsvector(cfg, concat_ws(' ', NEW.due_text, left(NEW.notes, 1000000))), 'B');
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER meetings_actionitem_search_vector
    BEFORE INSERT OR UPDATE ON meetings_actionitem
    FOR EACH ROW EXECUTE FUNCTION meetings_actionitem_search_vector();

CREATE INDEX action_item_search_idx ON meetings_actionitem USING gin (search_vector) WITH (fastupdate = off);

-- Vectors that depend on another row's language -----------------------------
-- A document's language decides its agreements' configuration, and its
-- meeting's (through the first document); setting a vector to NULL makes the
-- row's own trigger compute it again.
CREATE FUNCTION meetings_document_language_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    meeting_ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        meeting_ids := ARRAY[NEW.meeting_id];
    ELSIF TG_OP = 'DELETE' THEN
        meeting_ids := ARRAY[OLD.meeting_id];
    ELSE
        meeting_ids := ARRAY[OLD.meeting_id, NEW.meeting_id];
        IF NEW.language IS DISTINCT FROM OLD.language THEN
            UPDATE meetings_agreement SET search_vector = NULL WHERE document_id = NEW.id;
            UPDATE meetings_actionitem SET search_vector = NULL
                WHERE agreement_id IN (SELECT id FROM meetings_agreement WHERE document_id = NEW.id);
        END IF;
    END IF;
    UPDATE meetings_meeting SET search_vector = NULL WHERE id = ANY(meeting_ids);
    UPDATE meetings_actionitem SET search_vector = NULL
        WHERE agreement_id IS NULL AND meeting_id = ANY(meeting_ids);
    RETURN NULL;
END
$$;

CREATE TRIGGER meetings_document_language_inserted
    AFTER INSERT OR DELETE ON meetings_document
    FOR EACH ROW EXECUTE FUNCTION meetings_document_language_changed();

CREATE TRIGGER meetings_document_language_updated
    AFTER UPDATE OF language, meeting_id, "order" ON meetings_document
    FOR EACH ROW
    WHEN (OLD.language IS DISTINCT FROM NEW.language
          OR OLD.meeting_id IS DISTINCT FROM NEW.meeting_id
          OR OLD."order" IS DISTINCT FROM NEW."order")
    EXECUTE FUNCTION meetings_document_language_changed();

-- An agreement moved to another document may change its action items' language.
CREATE FUNCTION meetings_agreement_document_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE meetings_actionitem SET search_vector = NULL WHERE agreement_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER meetings_agreement_document_changed
    AFTER UPDATE OF document_id ON meetings_agreement
    FOR EACH ROW
    WHEN (OLD.document_id IS DISTINCT FROM NEW.document_id)
    EXECUTE FUNCTION meetings_agreement_document_changed();

-- Fill the vectors of the records already there.
UPDATE meetings_meeting SET search_vector = NULL;
UPDATE meetings_document SET search_vector = NULL;
UPDATE meetings_agreement SET search_vector = NULL;
UPDATE meetings_actionitem SET search_vector = NULL;
"""

REVERSE_SQL = """
DROP TRIGGER IF EXISTS meetings_agreement_document_changed ON meetings_agreement;
DROP FUNCTION IF EXISTS meetings_agreement_document_changed();
DROP TRIGGER IF EXISTS meetings_document_language_updated ON meetings_document;
DROP TRIGGER IF EXISTS meetings_document_language_inserted ON meetings_document;
DROP FUNCTION IF EXISTS meetings_document_language_changed();
DROP TRIGGER IF EXISTS meetings_actionitem_search_vector ON meetings_actionitem;
DROP FUNCTION IF EXISTS meetings_actionitem_search_vector();
ALTER TABLE meetings_actionitem DROP COLUMN IF EXISTS search_vector;
DROP TRIGGER IF EXISTS meetings_agreement_search_vector ON meetings_agreement;
DROP FUNCTION IF EXISTS meetings_agreement_search_vector();
ALTER TABLE meetings_agreement DROP COLUMN IF EXISTS search_vector;
DROP TRIGGER IF EXISTS meetings_document_search_vector ON meetings_document;
DROP FUNCTION IF EXISTS meetings_document_search_vector();
ALTER TABLE meetings_document DROP COLUMN IF EXISTS search_vector;
DROP TRIGGER IF EXISTS meetings_meeting_search_vector ON meetings_meeting;
DROP FUNCTION IF EXISTS meetings_meeting_search_vector();
ALTER TABLE meetings_meeting DROP COLUMN IF EXISTS search_vector;
DROP FUNCTION IF EXISTS meetings_actionitem_language(bigint, bigint);
DROP FUNCTION IF EXISTS meetings_meeting_language(bigint);
DROP FUNCTION IF EXISTS meetings_search_config(text);
"""


def _run(sql: str):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_history_import_and_follow_up"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD_SQL), _run(REVERSE_SQL)),
    ]
