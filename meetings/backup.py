"""Backups of the whole archive, and restoring them: the database, its history and the uploaded files.

A backup is one tar file:

- `manifest.json`: what it holds (format version, database kind, the migrations
  applied, the SHA-256 and size of every member, the row count of every table);
- `database.pgdump` (PostgreSQL, `pg_dump --format=custom`: schema, rows,
  sequences, the search triggers and their functions, the search vectors) or
  `database.sqlite3` (SQLite, a consistent copy made with SQLite's online
  backup API while the site runs);
- `media/...`: every file under MEDIA_ROOT (the documents' original files).

`restore` checks every member against the manifest before it changes
anything, refuses a database that already holds records unless told to
replace them (and then first writes a backup of what is there), and
replaces the database in one transaction on PostgreSQL (one backup step on
SQLite), so that a failed restore leaves the database as it was.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader

FORMAT = "migconf-backup"
VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBER = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}

#: Rows that `migrate` itself creates: a database holding only these counts as empty.
CREATED_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission", "auth.group", "auth.group_permissions"}
#: Rows that are logs, not records (sessions, login attempts).
NOT_RECORDS = {"sessions"} | {"axes"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass
class Manifest:
    vendor: str
    migrations: list[list[str]]
    members: dict[str, dict] = field(default_factory=dict)
    tables: dict[str, int] = field(default_factory=dict)
    created_at: str = ""
    format: str = FORMAT
    version: int = VERSION

    def to_json(self) -> bytes:
        return json.dumps(self.__dict__, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw)
            if data.get("format") != FORMAT:
                raise ValueError
            return cls(**data)
        except (ValueError, TypeError) as error:
            raise BackupError("This file is not a migconf backup (its manifest cannot be read).") from error

    @property
    def media(self) -> list[str]:
        return sorted(name for name in self.members if name.startswith(MEDIA_PREFIX))


# --------------------------------------------------------------------------
# What the database holds
# --------------------------------------------------------------------------


def _vendor(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in DATABASE_MEMBER:
        raise BackupError(f"Backups cover PostgreSQL and SQLite; this database is {vendor}.")
    return vendor


def table_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Rows in the table of every installed model (and many-to-many table) that exists."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in existing and table not in counts:
            counts[table] = model._base_manager.using(using).count()
    return dict(sorted(counts.items()))


def records_present(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """The tables that hold records (rows `migrate` did not create itself, logs aside), with their counts."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    found = {}
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.label_lower in CREATED_BY_MIGRATE or opts.app_label in NOT_RECORDS or opts.db_table not in existing:
            continue
        if model._base_manager.using(using).exists():
            found[opts.db_table] = model._base_manager.using(using).count()
    return found


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def media_files() -> list[Path]:
    root = media_root()
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def applied_migrations(using: str) -> list[list[str]]:
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    return sorted([app, name] for app, name in loader.applied_migrations)


# --------------------------------------------------------------------------
# Database copies
# --------------------------------------------------------------------------


def _pg_env(using: str) -> dict[str, str]:
    """libpq's environment for the database Django uses (so no password is on a command line)."""
    params = connections[using].settings_dict
    options = params.get("OPTIONS", {})
    env = {**os.environ}
    for key, value in {
        "PGHOST": params.get("HOST"),
        "PGPORT": str(params.get("PORT") or ""),
        "PGUSER": params.get("USER"),
        "PGPASSWORD": params.get("PASSWORD"),
        "PGDATABASE": params.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
    }.items():
        if value:
            env[key] = value
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} is not installed: install PostgreSQL's client programs (Debian: postgresql-client).")
    return path


def _run(command: list[str], env: dict[str, str], what: str, **kwargs) -> None:
    result = subprocess.run(command, env=env, capture_output=True, check=False, **kwargs)  # noqa: S603
    if result.returncode:
        raise BackupError(f"{what} failed: {result.stderr.decode(errors='replace').strip()}")


def _dump_database(using: str, vendor: str, target: Path) -> dict[str, int]:
    """Copy the database to `target`; return the row count of every table *in that copy*."""
    connection = connections[using]
    if vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)  # SQLite's online backup: a consistent copy
            tables = set(table_counts(using))
            return {t: destination.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}  # noqa: S608
        finally:
            destination.close()
    # pg_dump reads the snapshot of a transaction of ours, in which the rows are
    # counted too: the counts describe exactly what the dump holds, however
    # busy the site is meanwhile.
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = table_counts(using)
        command = [
            _tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot}",
            f"--file={target}",
        ]
        _run(command, _pg_env(using), "pg_dump")
    return counts


# Everything of the current schema that a restore replaces (objects that belong
# to an extension stay: the dump re-creates extensions with IF NOT EXISTS).
_EMPTY_SCHEMA_SQL = """
DO $migconf$
DECLARE
    item record;
BEGIN
    FOR item IN
        SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format(
            CASE item.relkind WHEN 'v' THEN 'DROP VIEW IF EXISTS %s CASCADE'
                              WHEN 'm' THEN 'DROP MATERIALIZED VIEW IF EXISTS %s CASCADE'
                              WHEN 'f' THEN 'DROP FOREIGN TABLE IF EXISTS %s CASCADE'
                              ELSE 'DROP TABLE IF EXISTS %s CASCADE' END, item.name);
    END LOOP;
    FOR item IN
        SELECT c.oid::regclass AS name FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'S'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('DROP SEQUENCE IF EXISTS %s CASCADE', item.name);
    END LOOP;
    FOR item IN
        SELECT p.oid::regprocedure AS name FROM pg_proc p
        WHERE p.pronamespace = current_schema()::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('DROP ROUTINE IF EXISTS %s CASCADE', item.name);
    END LOOP;
END
$migconf$;
"""


def _load_database(using: str, vendor: str, source: Path) -> None:
    connection = connections[using]
    if vendor == "sqlite":
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)  # replaces every page of the live database at once
        finally:
            origin.close()
        return
    connection.close()
    env = _pg_env(using)
    # One transaction for emptying the schema and loading the dump: if any
    # statement fails, the database is left exactly as it was.
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as wipe:
        wipe.write(_EMPTY_SCHEMA_SQL)
    try:
        script = subprocess.Popen(  # noqa: S603
            [_tool("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(source)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        loaded = subprocess.run(  # noqa: S603
            [_tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", wipe.name, "-f", "-"],
            env=env,
            stdin=script.stdout,
            capture_output=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
        )
        script.stdout.close()
        script_errors = script.stderr.read()
        script.wait()
    finally:
        os.unlink(wipe.name)
    if script.returncode:
        raise BackupError(f"pg_restore could not read the dump: {script_errors.decode(errors='replace').strip()}")
    if loaded.returncode:
        raise BackupError(
            "Loading the dump failed; the database was left as it was: "
            + loaded.stderr.decode(errors="replace").strip()
        )


# --------------------------------------------------------------------------
# Backup
# --------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _add(tar: tarfile.TarFile, manifest: Manifest, path: Path, name: str) -> None:
    manifest.members[name] = {"size": path.stat().st_size, "sha256": _sha256(path)}
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as stream:
        tar.addfile(info, stream)


def create_backup(target: Path | str, using: str = DEFAULT_DB_ALIAS) -> Manifest:
    """Write a backup of the database (rows, history, search) and of the uploaded files to `target`."""
    target = Path(target)
    vendor = _vendor(using)
    manifest = Manifest(
        vendor=vendor,
        migrations=applied_migrations(using),
        created_at=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed at the end: a failed backup never
    # leaves a half-written file under the name asked for.
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".backup-") as work:
        work = Path(work)
        database = work / DATABASE_MEMBER[vendor]
        manifest.tables = _dump_database(using, vendor, database)
        partial = work / "backup.tar"
        with tarfile.open(partial, "w") as tar:
            _add(tar, manifest, database, database.name)
            root = media_root()
            for path in media_files():
                _add(tar, manifest, path, MEDIA_PREFIX + path.relative_to(root).as_posix())
            raw = manifest.to_json()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(raw), int(datetime.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(raw))
        os.replace(partial, target)
    return manifest


# --------------------------------------------------------------------------
# Restore
# --------------------------------------------------------------------------


@dataclass
class RestoreResult:
    manifest: Manifest
    safety_backup: Path | None
    pending_migrations: list[str]
    #: Tables whose row count differs from the backup's (none unless something is badly wrong).
    mismatched: dict[str, tuple[int, int | None]] = field(default_factory=dict)


def read_manifest(tar: tarfile.TarFile) -> Manifest:
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise BackupError("This file is not a migconf backup (it has no manifest.json).") from None
    return Manifest.from_json(tar.extractfile(member).read())


def _check_migrations(manifest: Manifest, using: str) -> list[str]:
    """Migrations the code has and the backup lacks; refuses a backup made by a newer version of the code."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True, load=True)
    known = set(loader.disk_migrations)
    backed_up = {tuple(m) for m in manifest.migrations}
    unknown = sorted(f"{app}.{name}" for app, name in backed_up - known)
    if unknown:
        raise BackupError(
            "This backup was made by a newer version of migconf (it has migrations this code does not know: "
            f"{', '.join(unknown[:5])}). Install that version, restore, then upgrade."
        )
    return sorted(f"{app}.{name}" for app, name in known - backed_up)


def _extract_verified(tar: tarfile.TarFile, manifest: Manifest, into: Path) -> None:
    """Extract every member the manifest names, checking its size and SHA-256 (nothing else is extracted)."""
    for name, expected in manifest.members.items():
        try:
            member = tar.getmember(name)
        except KeyError:
            raise BackupError(f"The backup is incomplete: {name} is missing.") from None
        if not member.isfile():
            raise BackupError(f"The backup is damaged: {name} is not a file.")
        tar.extract(member, into, filter="data")  # refuses absolute paths, "..", links out of `into`
        path = into / name
        if path.stat().st_size != expected["size"] or _sha256(path) != expected["sha256"]:
            raise BackupError(f"The backup is damaged: {name} does not match its checksum.")


def _replace_media(extracted: Path) -> None:
    """Make MEDIA_ROOT hold exactly the backup's files."""
    root = media_root()
    root.mkdir(parents=True, exist_ok=True)
    wanted = set()
    if extracted.is_dir():
        for path in extracted.rglob("*"):
            if path.is_file():
                relative = path.relative_to(extracted)
                wanted.add(relative)
                destination = root / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination)
    for path in media_files():
        if path.relative_to(root) not in wanted:
            path.unlink()


def default_safety_path() -> Path:
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "var" / "backups" / f"before-restore-{stamp}.tar"


def restore_backup(
    source: Path | str,
    using: str = DEFAULT_DB_ALIAS,
    replace: bool = False,
    safety_backup: Path | str | None = None,
) -> RestoreResult:
    """Put the archive back as `source` holds it. See the module's docstring for the checks."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source}: no such file.")
    vendor = _vendor(using)
    try:
        tar = tarfile.open(source, "r:*")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{source} is not a migconf backup: {error}.") from None
    with tar, tempfile.TemporaryDirectory(prefix="migconf-restore-") as work:
        work = Path(work)
        manifest = read_manifest(tar)
        if manifest.version > VERSION:
            raise BackupError(f"This backup has format version {manifest.version}; this code reads up to {VERSION}.")
        if manifest.vendor != vendor:
            names = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
            raise BackupError(
                f"This is a backup of a {names[manifest.vendor]} database and DATABASE_URL names a "
                f"{names[vendor]} one: restore it into the same kind of database."
            )
        pending = _check_migrations(manifest, using)
        _extract_verified(tar, manifest, work)

        present = records_present(using)
        files = media_files()
        if (present or files) and not replace:
            held = ", ".join(f"{table} ({count})" for table, count in list(present.items())[:6])
            what = f"the database holds records: {held}" if present else ""
            if files:
                what += ("; and " if what else "") + f"MEDIA_ROOT holds {len(files)} file(s)"
            raise BackupError(
                f"Refusing to restore over an archive that is not empty: {what}. "
                "Run again with --replace to replace it: a backup of what is there now is written first."
            )
        written = None
        if present or files:
            written = Path(safety_backup) if safety_backup else default_safety_path()
            create_backup(written, using)

        _load_database(using, vendor, work / DATABASE_MEMBER[vendor])
        _replace_media(work / MEDIA_PREFIX.rstrip("/"))
    connections[using].close()  # the next query sees the restored database afresh
    counts = table_counts(using)
    mismatched = {
        table: (expected, counts.get(table))
        for table, expected in manifest.tables.items()
        if counts.get(table) != expected
    }
    return RestoreResult(manifest=manifest, safety_backup=written, pending_migrations=pending, mismatched=mismatched)
