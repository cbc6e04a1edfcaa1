"""Storage round trips on a real temporary database file."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from supervision_app.domain import ActionStatus, CaseInput, Child, ValidationError
from supervision_app.storage import (
    DatabaseOpenError,
    NewerDatabaseError,
    NotFoundError,
    NotOurDatabaseError,
    SupervisionStore,
)
from supervision_app.storage.autosave import AnswerEdit, AutosaveWriter
from supervision_app.storage.sqlite import cipher
from tests.helpers import HOSTILE, make_case, make_full_session, open_db, shared_key_ring

#: The storage tests run on the laptop's SQLite and on the agency server (conftest.py).
pytestmark = pytest.mark.both_backends


def test_everything_survives_closing_and_reopening(db_path: Path) -> None:
    database = open_db(db_path)
    store = SupervisionStore(database)
    case_id = make_case(store)
    session_id = make_full_session(store, case_id)
    database.close()

    reopened = SupervisionStore(open_db(db_path))
    [case] = reopened.cases.list_cases()
    assert (case.reference, case.children, case.session_count) == ("C-100", "K, Baby, T", 1)
    detail = reopened.sessions.get_session(session_id)
    assert detail.answers["professional_curiosity.x"].text == HOSTILE
    assert detail.answers["professional_curiosity.x"].prompt_text == "Q one?"
    assert [(d.text, d.rationale) for d in detail.decisions] == [
        ("Convene a strategy discussion", "Bruising on a non-mobile baby.")
    ]
    assert [(a.description, a.owner, a.due_date, a.status) for a in detail.actions] == [
        ("Visit unannounced", "Alex", date(2026, 11, 9), ActionStatus.OPEN),
        ("Speak to K alone at school", "Alex", date(2026, 11, 16), ActionStatus.DONE),
    ]
    children = detail.case.children
    assert children[1].unborn and children[1].date_of_birth == date(2027, 2, 1)
    assert children[2].age == "about 12"
    [summary] = reopened.sessions.list_sessions(case_id)
    assert summary.answered == 2
    reopened.database.close()


@pytest.mark.sqlite_only("SQLite's own settings")
def test_database_uses_wal_and_foreign_keys(store: SupervisionStore) -> None:
    with store.database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_answer_is_replaced_not_duplicated(store: SupervisionStore) -> None:
    session_id = store.sessions.create_session(make_case(store), date(2026, 1, 5), [], "1")
    for text in ("a", "ab", "abc"):
        store.sessions.save_answer(session_id, "s.p", "s", "Q", text)
    assert {k: a.text for k, a in store.sessions.get_session(session_id).answers.items()} == {"s.p": "abc"}


def test_case_rules_are_enforced(store: SupervisionStore) -> None:
    with pytest.raises(ValidationError) as info:
        store.cases.create_case(CaseInput("", "", "", [], []))
    assert len(info.value.problems) == 4
    make_case(store, "DUP")
    with pytest.raises(ValidationError, match="already exists"):
        make_case(store, "DUP")
    with pytest.raises(ValidationError, match="in the future"):
        store.cases.create_case(CaseInput("F", "p", "s", [], [Child("X", date(2099, 1, 1))]))


def test_decision_needs_rationale_and_action_needs_owner_and_date(store: SupervisionStore) -> None:
    session_id = store.sessions.create_session(make_case(store), date(2026, 1, 5), [], "1")
    with pytest.raises(ValidationError, match="rationale"):
        store.sessions.add_decision(session_id, "Close the case", "   ")
    with pytest.raises(ValidationError) as info:
        store.sessions.add_action(session_id, "Do it", "", None)
    assert len(info.value.problems) == 2
    assert store.sessions.get_session(session_id).decisions == []


def test_deleting_a_case_removes_its_sessions(store: SupervisionStore) -> None:
    case_id = make_case(store)
    session_id = make_full_session(store, case_id)
    store.cases.delete_case(case_id)
    assert store.cases.list_cases() == []
    with pytest.raises(NotFoundError):
        store.sessions.get_session(session_id)


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"This is somebody's document, not a database." * 10)
    before = path.read_bytes()
    with pytest.raises(NotOurDatabaseError, match="not an SQLite file"):
        open_db(path)
    assert path.read_bytes() == before


def test_another_apps_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('x')")
    before = path.read_bytes()
    with pytest.raises(NotOurDatabaseError, match="another application"):
        open_db(path)
    assert path.read_bytes() == before
    assert not (tmp_path / "other.db-wal").exists()


def test_a_newer_database_is_refused_untouched(db_path: Path) -> None:
    open_db(db_path).close()
    conn = cipher.connect(str(db_path), shared_key_ring().data_key)
    with conn:
        conn.execute("UPDATE app_meta SET value='99' WHERE key='schema_version'")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version"):
        open_db(db_path)
    assert db_path.read_bytes() == before


def test_a_damaged_database_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 3000)
    before = path.read_bytes()
    with pytest.raises(DatabaseOpenError, match="left untouched"):
        open_db(path)
    assert path.read_bytes() == before


def test_an_unwritable_location_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseOpenError, match="Cannot create the folder"):
        open_db(blocker / "sub" / "db.sqlite3")


def test_autosave_commits_latest_text_off_the_calling_thread(store: SupervisionStore) -> None:
    session_id = store.sessions.create_session(make_case(store), date(2026, 1, 5), [], "1")
    outcomes = []
    writer = AutosaveWriter(store, outcomes.append)
    for i in range(1, 50):
        writer.submit(AnswerEdit(session_id, "s.p", "s", "Q", "word " * i))
    assert writer.close()
    assert store.sessions.get_session(session_id).answers["s.p"].text == "word " * 49
    assert outcomes and outcomes[-1].ok and outcomes[-1].pending == 0


def test_autosave_keeps_text_and_retries_when_the_disk_fails(
    store: SupervisionStore, monkeypatch
) -> None:
    session_id = store.sessions.create_session(make_case(store), date(2026, 1, 5), [], "1")
    real_save = store.sessions.save_answer_versioned
    calls = {"n": 0}

    def failing_then_ok(*args):
        calls["n"] += 1
        if calls["n"] == 1:
            raise sqlite3.OperationalError("database or disk is full")
        return real_save(*args)

    monkeypatch.setattr(store.sessions, "save_answer_versioned", failing_then_ok)
    monkeypatch.setattr("supervision_app.storage.autosave.RETRY_DELAYS", (0.05,))
    outcomes = []
    writer = AutosaveWriter(store, outcomes.append)
    writer.submit(AnswerEdit(session_id, "s.p", "s", "Q", "precious words"))
    assert writer.flush(timeout=5)
    writer.close()
    assert not outcomes[0].ok and "disk is full" in outcomes[0].error
    assert "precious words" not in outcomes[0].error
    assert outcomes[-1].ok
    assert store.sessions.get_session(session_id).answers["s.p"].text == "precious words"
