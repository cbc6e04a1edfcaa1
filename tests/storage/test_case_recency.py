"""The case list reads each case's stored session count and latest session date: they stay
right whatever happens to sessions (created, re-dated, deleted, imported, whole-case
import, cascade on case deletion), and an older database gains them, filled, when it
migrates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from supervision_app.services.record_files import export_case_json, import_case_file
from supervision_app.storage import SupervisionStore
from supervision_app.storage.identity import SCHEMA_VERSION
from supervision_app.storage.sqlite.migrations import MIGRATIONS, case_recency
from supervision_app.storage.sqlite.schema import backup_path_for
from tests.helpers import make_case, open_db, raw_connection

JAN, MAR, JUN = date(2025, 1, 6), date(2025, 3, 3), date(2025, 6, 2)
GROUPED = """
SELECT c.reference, count(s.id), max(s.date)
  FROM cases c LEFT JOIN sessions s ON s.case_id = c.id
 GROUP BY c.id
 ORDER BY coalesce(max(s.date), date(c.created_at)) DESC, c.reference
"""


def _listed(store: SupervisionStore) -> list[tuple[str, int, str | None]]:
    return [
        (c.reference, c.session_count, c.last_session.isoformat() if c.last_session else None)
        for c in store.cases.list_cases()
    ]


def _grouped(path: Path) -> list[tuple[str, int, str | None]]:
    """The same listing computed the slow way, from every session."""
    conn = raw_connection(path)
    try:
        return [tuple(row) for row in conn.execute(GROUPED).fetchall()]
    finally:
        conn.close()


def _step_version() -> int:
    """The version the case-recency step starts from (found by name: merges renumber)."""
    [version] = [v for v, step in MIGRATIONS.items() if step is case_recency]
    return version


def test_the_stored_counts_follow_every_change_to_sessions(db_path: Path, tmp_path: Path) -> None:
    database = open_db(db_path)
    try:
        store = SupervisionStore(database)
        a, b = make_case(store, "A-1"), make_case(store, "B-2")
        s1 = store.sessions.create_session(a, JAN, ["Ana"], "1")
        store.sessions.create_session(a, MAR, ["Ana"], "1")
        s3 = store.sessions.create_session(b, JAN, ["Ben"], "1")
        assert _listed(store)[:2] == [("A-1", 2, "2025-03-03"), ("B-2", 1, "2025-01-06")]
        store.sessions.update_session(s3, JUN, ["Ben"])  # re-dated: B is now the most recent
        assert _listed(store)[:2] == [("B-2", 1, "2025-06-02"), ("A-1", 2, "2025-03-03")]
        assert store.cases.list_cases(limit=1)[0].reference == "B-2"
        assert store.cases.list_cases(limit=1, offset=1)[0].reference == "A-1"
        store.sessions.delete_session(s3)  # no sessions left: ordered by its creation (today)
        assert ("B-2", 0, None) in _listed(store)
        store.sessions.delete_session(s1)
        assert ("A-1", 1, "2025-03-03") in _listed(store)
        # a record file of a session, imported into a case it creates
        detail = store.sessions.get_session(store.sessions.create_session(a, JUN, ["Ana"], "1"))
        other_path = tmp_path / "other.sqlite3"
        other = open_db(other_path)
        try:
            SupervisionStore(other).sessions.import_session(detail)
            assert _listed(SupervisionStore(other)) == [("A-1", 1, "2025-06-02")]
        finally:
            other.close()
        # a whole case exported, deleted (its sessions go with it) and imported back
        case_file = tmp_path / "case.json"
        export_case_json(store, a, case_file)
        store.cases.delete_case(a)
        assert [r[0] for r in _listed(store)] == ["B-2"]
        import_case_file(store, case_file)
        assert ("A-1", 2, "2025-06-02") in _listed(store)
        assert _listed(store) == _grouped(db_path)
    finally:
        database.close()


def test_an_older_database_gains_the_counts_when_it_migrates(db_path: Path) -> None:
    database = open_db(db_path)
    store = SupervisionStore(database)
    a, b = make_case(store, "A-1"), make_case(store, "B-2")
    for on in (JAN, MAR):
        store.sessions.create_session(a, on, ["Ana"], "1")
    store.sessions.create_session(b, JUN, ["Ben"], "1")
    database.close()
    before = _step_version()
    conn = raw_connection(db_path)
    with conn:  # take the file back to what the version before the step wrote
        for name in ("sessions_recency_ai", "sessions_recency_ad", "sessions_recency_au"):
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DROP INDEX ix_cases_recent")
        conn.execute("ALTER TABLE cases DROP COLUMN session_count")
        conn.execute("ALTER TABLE cases DROP COLUMN last_session")
        conn.execute("UPDATE app_meta SET value = ? WHERE key = 'schema_version'", (str(before),))
    conn.close()

    database = open_db(db_path)
    try:
        store = SupervisionStore(database)
        assert _listed(store) == [("B-2", 1, "2025-06-02"), ("A-1", 2, "2025-03-03")]
        store.sessions.create_session(a, date(2025, 9, 1), ["Ana"], "1")  # the triggers are back
        assert _listed(store)[0] == ("A-1", 3, "2025-09-01")
        assert _listed(store) == _grouped(db_path)
    finally:
        database.close()
    assert backup_path_for(db_path, SCHEMA_VERSION).exists()
    conn = raw_connection(db_path)
    try:
        plan = " ".join(
            str(row)
            for row in conn.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM cases ORDER BY "
                "coalesce(last_session, date(created_at)) DESC, reference LIMIT 100"
            )
        )
        assert "ix_cases_recent" in plan  # a page of the list is read from the index
        case_recency(conn.cursor())  # running the step again changes nothing
        conn.commit()
    finally:
        conn.close()
