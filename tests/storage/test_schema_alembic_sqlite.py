"""Alembic on the laptop: a file at schema version 9 is stamped with the baseline, an older file
takes the pre-Alembic steps first, a newer revision runs after a backup, and a file stamped by a
newer version of the app is refused and left as it was. Real encrypted files throughout."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from supervision_app.storage import SupervisionStore, revisions
from supervision_app.storage.identity import SCHEMA_VERSION, NewerDatabaseError
from supervision_app.storage.sqlite.schema import backup_path_for
from tests.helpers import make_case, open_db, raw_connection
from tests.storage.test_schema_revisions import next_revision  # noqa: F401  (the fixture)


def _file_with_a_case(path: Path) -> None:
    database = open_db(path)
    make_case(SupervisionStore(database))
    database.close()


def _unstamp(path: Path, version: int = SCHEMA_VERSION) -> None:
    """Take a file back to what a version of the app before Alembic wrote."""
    conn = raw_connection(path)
    with conn:
        conn.execute(f"DROP TABLE {revisions.VERSION_TABLE}")
        conn.execute("UPDATE app_meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    conn.close()


def _state(path: Path) -> tuple[str | None, str, int]:
    conn = raw_connection(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        stamped = None
        if revisions.VERSION_TABLE in tables:
            stamped = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        version = conn.execute("SELECT value FROM app_meta WHERE key='schema_version'").fetchone()[0]
        cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    finally:
        conn.close()
    return stamped, version, cases


def _backups(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.glob(f"{path.name}.before-schema-*.bak"))


def test_a_new_file_is_stamped_with_the_head_and_an_ordinary_open_changes_nothing(db_path: Path) -> None:
    _file_with_a_case(db_path)
    assert _state(db_path) == (revisions.HEAD, str(SCHEMA_VERSION), 1)
    open_db(db_path).close()
    assert _backups(db_path) == []


def test_a_version_9_file_is_stamped_then_brought_to_the_head_after_a_backup_and_keeps_its_data(
    db_path: Path,
) -> None:
    _file_with_a_case(db_path)
    _unstamp(db_path)
    open_db(db_path).close()  # stamped with the baseline, then the revisions after it run
    assert _state(db_path) == (revisions.HEAD, str(SCHEMA_VERSION), 1)
    assert _backups(db_path) == [backup_path_for(db_path, revisions.HEAD).name]
    open_db(db_path).close()  # once stamped, nothing more
    assert len(_backups(db_path)) == 1


def test_an_older_file_takes_the_old_steps_then_is_stamped(db_path: Path) -> None:
    _file_with_a_case(db_path)
    _unstamp(db_path, SCHEMA_VERSION - 1)
    open_db(db_path).close()
    assert _state(db_path) == (revisions.HEAD, str(SCHEMA_VERSION), 1)
    assert _backups(db_path) == [backup_path_for(db_path, SCHEMA_VERSION).name]


def test_a_newer_revision_runs_on_the_laptop_after_a_backup(
    db_path: Path,
    next_revision: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(revisions, "REVISIONS", revisions.REVISIONS[:-1])
    monkeypatch.setattr(revisions, "HEAD", revisions.REVISIONS[-1])
    this_version = revisions.HEAD
    _file_with_a_case(db_path)  # written by this version of the app
    monkeypatch.setattr(revisions, "REVISIONS", (*revisions.REVISIONS, "0090_test"))
    monkeypatch.setattr(revisions, "HEAD", "0090_test")
    open_db(db_path).close()  # opened by the next
    assert _state(db_path) == ("0090_test", str(SCHEMA_VERSION), 1)
    backup = backup_path_for(db_path, "0090_test")
    assert _backups(db_path) == [backup.name]
    assert _state(backup)[0] == this_version
    conn = raw_connection(db_path)
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(children)")}
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    assert "pronouns" in columns
    assert any("audit" in name for name in triggers)  # the append-only triggers are back


def test_a_file_from_a_newer_version_of_the_app_is_refused_untouched(db_path: Path) -> None:
    _file_with_a_case(db_path)
    conn = raw_connection(db_path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
    conn.close()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(NewerDatabaseError, match=r"newer version of this app.*untouched"):
        open_db(db_path)
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    assert _backups(db_path) == []


def test_a_file_from_before_row_versions_gains_them_after_a_backup(db_path: Path) -> None:
    """Revision 0002: an answer and a structured tool written before it are at version 1, kept
    as they were, and the next save over version 1 goes through (a stale one is a conflict)."""
    from supervision_app.storage.conflict import AnswerConflictError

    database = open_db(db_path)
    store = SupervisionStore(database)
    session_id = store.sessions.create_session(make_case(store), date(2026, 11, 2), [], "1")
    store.sessions.save_answer(session_id, "a.x", "a", "Q?", "written before versions")
    store.sessions.save_structured_answer(
        session_id, "a.tool", "a", "Tool", "checklist", {"items": [{"label": "Seen"}]}
    )
    database.close()
    conn = raw_connection(db_path)
    with conn:
        for table in ("answers", "structured_answers"):
            conn.execute(f"ALTER TABLE {table} DROP COLUMN version")
        conn.execute("UPDATE alembic_version SET version_num = ?", (revisions.BASELINE,))
    conn.close()

    database = open_db(db_path)
    store = SupervisionStore(database)
    detail = store.sessions.get_session(session_id)
    assert detail.answers["a.x"].text == "written before versions"
    assert detail.answers["a.x"].version == 1 and detail.structured["a.tool"].version == 1
    assert _state(db_path)[0] == revisions.HEAD
    backup = backup_path_for(db_path, revisions.HEAD)
    assert _backups(db_path) == [backup.name] and _state(backup)[0] == revisions.BASELINE
    saved = store.sessions.save_answer_versioned(session_id, "a.x", "a", "Q?", "after", 1)
    assert saved.version == 2
    with pytest.raises(AnswerConflictError) as conflict:
        store.sessions.save_answer_versioned(session_id, "a.x", "a", "Q?", "stale", 1)
    assert (conflict.value.mine, conflict.value.theirs) == ("stale", "after")
    database.close()
