"""The versioned schema steps of the SQLite database, each on a DB-API cursor.

The schema version lives in ``app_meta``.  Each step in :data:`MIGRATIONS` takes the
database from version ``n`` to ``n + 1`` inside one transaction (run by
:func:`.schema.prepare_schema`, after an encrypted backup of the whole file).  Tables added by
later releases without a version step are created by ``create_all``; existing tables are
never altered by it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from supervision_app.storage.audit_chain import HEAD_KEY, chain_all

#: A DB-API cursor (sqlcipher3's): the steps speak SQLite's SQL with qmark parameters.
Cursor = Any


def v1_to_v2(conn: Cursor) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS security_events ("
        "id INTEGER NOT NULL PRIMARY KEY, at DATETIME NOT NULL, kind VARCHAR(40) NOT NULL)"
    )


def v2_to_v3(conn: Cursor) -> None:
    """Spell-check's "my words" (names of children and families among them), kept encrypted."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS personal_words ("
        "word TEXT NOT NULL PRIMARY KEY, added_at DATETIME NOT NULL)"
    )


def v3_to_v4(conn: Cursor) -> None:
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


def v4_to_v5(conn: Cursor) -> None:
    """Integrity snapshots of signed records (``storage/snapshot.py``).

    A record signed before this version keeps its version 1 canonical content; this
    keeps the case reference it was signed under (from its first "signed" audit entry,
    else the case's reference now), so a later rename of the case does not make it fail
    verification.  The chain still checks the kept reference.  Safe to run twice.
    """
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


def add_focused_session(conn: Cursor) -> None:
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


def case_recency(conn: Cursor) -> None:
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


def ids_never_reused(conn: Cursor) -> None:
    """Ids are never handed out twice: every table with a whole-number ``id`` becomes
    AUTOINCREMENT (rebuilt in the documented way: new table, copy, drop, rename, indexes
    again), so history written against an id (the audit trail above all) can never attach to
    a later record.  The sessions' counter starts above every session id the audit trail has
    seen, so an id already freed before this step is not reused either.  The search index's
    triggers go with their tables; the index is dropped and rebuilt after the steps, as in
    :func:`v3_to_v4`.  Runs with foreign keys off (see :func:`.schema.prepare_schema`), so dropping
    a table does not cascade.  Safe to run twice.
    """
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


def chain_audit_trail(conn: Cursor) -> None:
    """The audit trail becomes hash-chained (``storage/audit_chain.py``): two columns, every
    existing entry chained in id order, and the newest entry's hash kept in ``app_meta``.
    The append-only triggers are created after the steps (:func:`.schema.prepare_schema`).  Safe to
    run twice (entries are re-chained as they stand)."""
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
MIGRATIONS: dict[int, Callable[[Cursor], None]] = {
    1: v1_to_v2,
    2: v2_to_v3,
    3: v3_to_v4,
    4: v4_to_v5,
    5: add_focused_session,
    6: case_recency,
    7: ids_never_reused,
    8: chain_audit_trail,
}
