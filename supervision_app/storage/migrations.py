"""Versioned schema migrations, and the one-off conversion of a plain database.

The schema version lives in ``app_meta``.  Each step in :data:`MIGRATIONS`
takes the database from version ``n`` to ``n + 1`` inside one transaction, and
an encrypted backup of the whole file (``<db>.before-schema-vN.bak`` with its
key file) is written before the first step runs.  Tables added by later
releases without a version step are created by ``create_all``; existing
tables are never altered by it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from supervision_app.atomic import fsync_dir
from supervision_app.private_files import make_private
from supervision_app.storage import cipher
from supervision_app.storage.audit import ensure_edit_audit
from supervision_app.storage.keys import KeyRing, key_file_path, write_key_file
from supervision_app.storage.models import Base
from supervision_app.storage.search_index import ensure_search_index

PLAIN_BACKUP_SUFFIX = ".plain-backup"
ENCRYPTING_SUFFIX = ".encrypting"


def _v1_to_v2(conn) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS security_events ("
        "id INTEGER NOT NULL PRIMARY KEY, at DATETIME NOT NULL, kind VARCHAR(40) NOT NULL)"
    )


def _v2_to_v3(conn) -> None:
    """Spell-check's "my words" (names of children and families among them), kept encrypted."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS personal_words ("
        "word TEXT NOT NULL PRIMARY KEY, added_at DATETIME NOT NULL)"
    )


def _v3_to_v4(conn) -> None:
    """Structured hypotheses: what each rests on, how it will be tested, its evaluation, and the
    result of each review; and each escalation stage's name and timescale from the policy.
    Idempotent: a column already there is left alone, and a database without the case-memory
    tables gets them (with these columns) from ``create_all``.

    The search index's triggers index the new fields too, so the index and its triggers are
    dropped here and rebuilt from every row by ``ensure_search_index`` after the steps run.
    """
    text = "TEXT NOT NULL DEFAULT ''"
    added = {
        "hypotheses": {"basis": text, "test_plan": text, "evaluation": text},
        "hypothesis_notes": {"result": text},
        "escalation_steps": {"stage_name": text, "days": "INTEGER"},
    }
    for table, columns in added.items():
        have = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")').fetchall()}
        if not have:
            continue  # the table does not exist yet
        for column, kind in columns.items():
            if column not in have:
                conn.execute(f'ALTER TABLE "{table}" ADD COLUMN {column} {kind}')
    triggers = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%search_index%'"
    ).fetchall()
    for (name,) in triggers:
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    conn.execute("DROP TABLE IF EXISTS search_index")


def _v4_to_v5(conn) -> None:
    """Integrity snapshots of signed records (``storage/snapshot.py``).

    A record signed before this version keeps its version 1 canonical content; this
    keeps the case reference it was signed under (from its first "signed" audit entry,
    else the case's reference now), so a later rename of the case does not make it fail
    verification.  The chain still checks the kept reference.  Safe to run twice.
    """
    import json
    from datetime import datetime

    conn.execute(
        "CREATE TABLE IF NOT EXISTS record_snapshots ("
        "session_id INTEGER NOT NULL PRIMARY KEY "
        "REFERENCES sessions (id) ON DELETE CASCADE, "
        "kind VARCHAR(16) NOT NULL, taken_at DATETIME NOT NULL, content TEXT NOT NULL)"
    )
    tables = {
        name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if not {"record_chain_links", "sessions", "cases"} <= tables:
        return
    signed_reference = (
        "(SELECT NULLIF(a.case_reference, '') FROM audit_events a "
        "WHERE a.session_id = s.id AND a.event = 'signed' ORDER BY a.id LIMIT 1)"
        if "audit_events" in tables
        else "NULL"
    )
    rows = conn.execute(
        f"SELECT s.id, COALESCE({signed_reference}, c.reference) "
        "FROM sessions s JOIN cases c ON c.id = s.case_id "
        "WHERE s.id IN (SELECT session_id FROM record_chain_links) "
        "AND s.id NOT IN (SELECT session_id FROM record_snapshots)"
    ).fetchall()
    now = datetime.now().strftime("%Y-%m-%d %H:%M:%S.000000")
    for session_id, reference in rows:
        conn.execute(
            "INSERT INTO record_snapshots (session_id, kind, taken_at, content) "
            "VALUES (?, 'legacy', ?, ?)",
            (session_id, now, json.dumps({"case_reference": reference}, ensure_ascii=False)),
        )


def add_focused_session(conn) -> None:
    """A focused supervision (issue 13): each session's agenda, Today and summary.

    One new table; existing sessions get no row, so they have no agenda and open and print
    their answered prompts only.  Self-contained and safe to run twice.
    """
    conn.execute(
        "CREATE TABLE IF NOT EXISTS session_focus ("
        "session_id INTEGER NOT NULL PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE, "
        "agenda JSON NOT NULL, opening JSON, closing JSON, next_review DATE, "
        "updated_at DATETIME NOT NULL)"
    )
    conn.execute(
        "CREATE INDEX IF NOT EXISTS ix_session_focus_next_review ON session_focus (next_review)"
    )
    conn.execute("CREATE INDEX IF NOT EXISTS ix_actions_open_due ON actions (status, due_date)")


def case_recency(conn) -> None:
    """Each case keeps its number of sessions and the date of its latest session
    (``cases.session_count`` / ``cases.last_session``), kept right by triggers on every
    insert, delete and change of date or case of a session, however it is made (the app,
    an import, a restore); and an index orders the case list by them, so listing the most
    recent cases reads a page of an index instead of grouping every session.

    Idempotent (a column, trigger or index already there is left alone), and also run on a
    new database after ``create_all``.  The counts are filled from the sessions the first
    time the columns are added.
    """
    have = {row[1] for row in conn.execute('PRAGMA table_info("cases")').fetchall()}
    if not have:
        return
    added = False
    if "session_count" not in have:
        conn.execute("ALTER TABLE cases ADD COLUMN session_count INTEGER NOT NULL DEFAULT 0")
        added = True
    if "last_session" not in have:
        conn.execute("ALTER TABLE cases ADD COLUMN last_session DATE")
        added = True
    refresh = (
        "UPDATE cases SET "
        "session_count = (SELECT count(*) FROM sessions WHERE case_id = {c}), "
        "last_session = (SELECT max(date) FROM sessions WHERE case_id = {c}) WHERE id = {c};"
    )
    if added:
        conn.execute(refresh.format(c="cases.id").replace("WHERE id = cases.id", ""))
    old, new = refresh.format(c="OLD.case_id"), refresh.format(c="NEW.case_id")
    for statement in (
        f"CREATE TRIGGER IF NOT EXISTS sessions_recency_ai AFTER INSERT ON sessions "
        f"BEGIN {new} END",
        f"CREATE TRIGGER IF NOT EXISTS sessions_recency_ad AFTER DELETE ON sessions "
        f"BEGIN {old} END",
        f"CREATE TRIGGER IF NOT EXISTS sessions_recency_au AFTER UPDATE OF date, case_id "
        f"ON sessions BEGIN {old} {new} END",
        "CREATE INDEX IF NOT EXISTS ix_cases_recent ON cases "
        "(coalesce(last_session, date(created_at)) DESC, reference)",
    ):
        conn.execute(statement)


def _ids_never_reused(conn) -> None:
    """Ids are never handed out twice: every table with a whole-number ``id`` becomes
    AUTOINCREMENT (rebuilt in the documented way: new table, copy, drop, rename, indexes
    again), so history written against an id (the audit trail above all) can never attach to
    a later record.  The sessions' counter starts above every session id the audit trail has
    seen, so an id already freed before this step is not reused either.  The search index's
    triggers go with their tables; the index is dropped and rebuilt after the steps, as in
    :func:`_v3_to_v4`.  Runs with foreign keys off (see :func:`prepare_schema`), so dropping
    a table does not cascade.  Safe to run twice.
    """
    import re

    names = ("cases", "children", "sessions", "answers", "decisions", "actions",
             "action_reviews", "hypotheses", "hypothesis_notes", "escalations",
             "escalation_steps", "chronology_events", "structured_answers", "local_users",
             "record_chain_links", "audit_events", "security_events")  # fmt: skip
    found = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
    todo = [n for n in names if n in found and "AUTOINCREMENT" not in found[n].upper()]
    if not todo:
        return
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%search_index%'"
    ).fetchall():
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    conn.execute("DROP TABLE IF EXISTS search_index")
    conn.execute("PRAGMA legacy_alter_table = ON")  # other tables' triggers name these tables
    for name in todo:
        sql = found[name]
        new = re.sub(r'\bid INTEGER NOT NULL( PRIMARY KEY)?', "id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT", sql, count=1)
        new = re.sub(r',\s*PRIMARY KEY \(id\)', "", new)
        new = re.sub(r'^CREATE TABLE\s+"?' + name + r'"?', f'CREATE TABLE "{name}__autoinc"', new)
        if "AUTOINCREMENT" not in new:
            continue  # not a plain integer id: left as it is
        indexes = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            (name,),
        ).fetchall()
        triggers = conn.execute(  # the table's own triggers go with it: put them back
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
            "AND sql IS NOT NULL",
            (name,),
        ).fetchall()
        conn.execute(new)
        conn.execute(f'INSERT INTO "{name}__autoinc" SELECT * FROM "{name}"')
        conn.execute(f'DROP TABLE "{name}"')
        conn.execute(f'ALTER TABLE "{name}__autoinc" RENAME TO "{name}"')
        for (index_sql,) in indexes:
            conn.execute(index_sql)
        for (trigger_sql,) in triggers:
            conn.execute(trigger_sql)
    conn.execute("PRAGMA legacy_alter_table = OFF")
    if "audit_events" in found and "sessions" in todo:
        conn.execute(
            "UPDATE sqlite_sequence SET seq = max(seq, (SELECT coalesce(max(session_id), 0) "
            "FROM audit_events)) WHERE name = 'sessions'"
        )
        conn.execute(
            "INSERT INTO sqlite_sequence (name, seq) SELECT 'sessions', max(session_id) "
            "FROM audit_events WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = "
            "'sessions') AND EXISTS (SELECT 1 FROM audit_events WHERE session_id IS NOT NULL)"
        )


def _audit_chain(conn) -> None:
    """The audit trail becomes hash-chained (``storage/audit_chain.py``): two columns, every
    existing entry chained in id order, and the newest entry's hash kept in ``app_meta``.
    The append-only triggers are created after the steps (:func:`prepare_schema`).  Safe to
    run twice (entries are re-chained as they stand)."""
    from supervision_app.storage.audit_chain import HEAD_KEY, chain_all

    have = {row[1] for row in conn.execute('PRAGMA table_info("audit_events")').fetchall()}
    if not have:
        return
    for column in ("prev_hash", "row_hash"):
        if column not in have:
            conn.execute(f"ALTER TABLE audit_events ADD COLUMN {column} TEXT")
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'"
    ).fetchall():
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    chain_all(conn)
    last = conn.execute("SELECT id, row_hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
    conn.execute("DELETE FROM app_meta WHERE key = ?", (HEAD_KEY,))
    if last is not None:
        conn.execute(
            "INSERT INTO app_meta (key, value) VALUES (?, ?)", (HEAD_KEY, f"{last[0]}:{last[1]}")
        )


#: version n -> the step that brings a database from n to n + 1.
MIGRATIONS: dict[int, Callable[[object], None]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
    5: add_focused_session,
    6: case_recency,
    7: _ids_never_reused,
    8: _audit_chain,
}


def check_identity(path: Path, tables: set[str], meta: dict[str, str]) -> int:
    """The schema version of a database with tables; refuses files that are not ours or newer."""
    from supervision_app.storage.database import (
        APPLICATION_ID,
        SCHEMA_VERSION,
        DatabaseOpenError,
        NewerDatabaseError,
        NotOurDatabaseError,
    )

    if meta.get("application_id") != APPLICATION_ID:
        raise NotOurDatabaseError(
            f"{path} is a database written by another application, not this app. "
            "It has been left untouched; choose another file with --db."
        )
    try:
        version = int(meta.get("schema_version", "0"))
    except ValueError:
        version = 0
    if version > SCHEMA_VERSION:
        raise NewerDatabaseError(
            f"{path} was written by a newer version of this app (schema {version}; this version "
            f"understands {SCHEMA_VERSION}). Update the app to open it; the file is untouched."
        )
    if version < 1:
        raise DatabaseOpenError(
            f"{path} has an unknown schema version; it has been left untouched."
        )
    return version


def prepare_schema(engine: Engine, path: Path, data_key: bytes) -> None:
    from supervision_app.storage.database import (
        SCHEMA_VERSION,
        DatabaseOpenError,
        write_identity,
    )

    conn = cipher.connect(str(path), data_key, read_only=True)
    try:
        tables, meta = cipher.read_meta(conn)
    finally:
        conn.close()
    if not tables:
        Base.metadata.create_all(engine)
        with Session(engine) as session, session.begin():
            write_identity(session)
            case_recency(session.connection().connection.driver_connection)
            ensure_edit_audit(session.connection())
        ensure_search_index(engine)
        ensure_audit_protection(engine)
        return
    version = check_identity(path, tables, meta)
    if version < SCHEMA_VERSION:
        backup_before_migration(engine, path, SCHEMA_VERSION, data_key)
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            # Foreign keys off while tables are rebuilt (SQLite's documented procedure: a
            # DROP TABLE must not cascade), checked before each step commits.
            cur.execute("PRAGMA foreign_keys = OFF")
            try:
                for step in range(version, SCHEMA_VERSION):
                    cur.execute("BEGIN IMMEDIATE")
                    MIGRATIONS[step](cur)
                    if cur.execute("PRAGMA foreign_key_check").fetchone() is not None:
                        cur.execute("ROLLBACK")
                        raise DatabaseOpenError(
                            f"Upgrading {path} failed a check; it has been left as it was. "
                            "Please report this."
                        )
                    cur.execute(
                        "UPDATE app_meta SET value = ? WHERE key = 'schema_version'",
                        (str(step + 1),),
                    )
                    cur.execute("COMMIT")
            finally:
                cur.execute("PRAGMA foreign_keys = ON")
        finally:
            raw.close()
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        ensure_edit_audit(connection)
    ensure_search_index(engine)
    if version < SCHEMA_VERSION:
        # After the steps only; never on an ordinary open, where missing triggers were
        # removed by someone, and are reported by verify rather than silently remade.
        ensure_audit_protection(engine)


def ensure_audit_protection(engine: Engine) -> None:
    """The audit trail's append-only triggers (created when missing)."""
    from supervision_app.storage.audit_chain import ensure_triggers

    with engine.begin() as connection:
        ensure_triggers(connection)


def backup_path_for(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.before-schema-v{version}.bak")


def backup_before_migration(engine: Engine, path: Path, version: int, data_key: bytes) -> Path:
    target = backup_path_for(path, version)
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    raw = engine.raw_connection()
    try:
        cipher.export_to(raw.driver_connection, str(target), data_key)
    finally:
        raw.close()
    shutil.copyfile(key_file_path(path), key_file_path(target))
    make_private(key_file_path(target))
    return target


# -- plain (unencrypted) database from an earlier version ---------------------------


def recover_interrupted_conversion(path: Path) -> None:
    """Finish or undo a conversion that a crash interrupted."""
    backup = path.with_name(path.name + PLAIN_BACKUP_SUFFIX)
    if not backup.exists():
        return
    if path.exists():
        secure_remove(backup)  # the encrypted file was verified before it was put in place
    else:
        os.replace(backup, path)  # crashed between the two renames: back to the plain file


def encrypt_plain_database(path: Path, ring: KeyRing) -> None:
    """Convert a plain database to SQLCipher in place, keeping the original until verified."""
    from supervision_app.storage.database import DatabaseOpenError

    try:
        tables, meta = _identify_plain(path)
    except sqlite3.Error as exc:
        raise DatabaseOpenError(
            f"{path} could not be read as a supervision database ({exc}). "
            "It has been left untouched; restore it from a backup or choose another file."
        ) from None
    if tables:
        check_identity(path, tables, meta)
    tmp = path.with_name(path.name + ENCRYPTING_SUFFIX)
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    counts = {}
    plain = cipher.sqlcipher3.connect(str(path))
    try:
        plain.execute("PRAGMA cipher_log_level = NONE")
        for table in tables:
            counts[table] = plain.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        cipher.export_to(plain, str(tmp), ring.data_key)
    finally:
        plain.close()
    encrypted = cipher.connect(str(tmp), ring.data_key)
    try:
        problems = cipher.check_integrity(encrypted)
        for table, count in counts.items():
            if encrypted.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] != count:
                problems.append(table)
    finally:
        encrypted.close()
    if problems:
        tmp.unlink()
        raise DatabaseOpenError(
            f"Encrypting {path} failed its check; the original is untouched. Please report this."
        )
    write_key_file(key_file_path(path), [ring.entry])
    backup = path.with_name(path.name + PLAIN_BACKUP_SUFFIX)
    os.replace(path, backup)
    os.replace(tmp, path)
    fsync_dir(path.parent)
    secure_remove(backup)


def _identify_plain(path: Path) -> tuple[set[str], dict[str, str]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return cipher.read_meta(conn)
    finally:
        conn.close()


def move_with_sidecars(src: Path, dst: Path) -> None:
    """Rename a closed database file together with its ``-wal`` and ``-shm`` files.

    A WAL left behind under the old name would be replayed into whatever file
    takes that name next, so the three always move together.  The database goes
    first: a crash in between leaves its WAL under the old name, where moving
    the database back finds it again.
    """
    os.replace(src, dst)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{src}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{dst}{suffix}"))


def secure_remove(path: Path) -> None:
    """Overwrite a file with random bytes, flush it to disk, then delete it.

    On SSDs and copy-on-write file systems the old blocks may survive anyway
    (see docs/security.md); full-disk encryption is the real protection there.
    """
    for victim in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            size = victim.stat().st_size
        except FileNotFoundError:
            continue
        with victim.open("r+b") as handle:
            remaining = size
            while remaining > 0:
                chunk = min(remaining, 1 << 20)
                handle.write(os.urandom(chunk))
                remaining -= chunk
            handle.flush()
            os.fsync(handle.fileno())
        victim.unlink()
    fsync_dir(path.parent)
