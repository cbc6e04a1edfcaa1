"""The audit trail is append-only and hash-chained; verify checks it; ids are never reused.

Includes the issue 16 reproduction (a signed record stripped of its chain, seal, snapshot and
"signed" audit entries read as an unsigned draft) and a small run of the tamper fuzzer (the full
run is in scripts/reliability.py). The two schema steps are found by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from supervision_app.domain import AuditEvent, Party, SignOffInput
from supervision_app.storage import SupervisionStore
from supervision_app.storage.sqlite import cipher
from supervision_app.storage.sqlite.migrations import MIGRATIONS
from supervision_app.storage.sqlite.triggers import AUDIT_TRIGGERS as TRIGGERS
from tests.attack_fuzz import fuzz_tampering
from tests.helpers import make_case, make_full_session, open_db, raw_connection


def _step(name: str) -> int:
    return next(v for v, step in MIGRATIONS.items() if step.__name__ == name)


def _sql(db_path: Path, *statements: str, unguarded: bool = False) -> None:
    conn = raw_connection(db_path)
    try:
        if unguarded:
            for name in TRIGGERS:
                conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        for statement in statements:
            conn.execute(statement)
        if unguarded:  # put the protection back, as a careful intruder would
            for statement in TRIGGERS.values():
                conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


@pytest.fixture
def signed(store: SupervisionStore) -> int:
    store.settings.set_current_user("Jo Supervisor", "Team manager")
    session_id = make_full_session(store, make_case(store))
    store.signing.sign_session(session_id, SignOffInput(Party.PRACTITIONER, "Alex P", "Social worker"))
    store.signing.sign_session(session_id, SignOffInput(Party.SUPERVISOR, "Jo S", "Team manager"))
    other = make_full_session(store, make_case(store, "C-200"))
    store.audit.record_event(other, AuditEvent.EXPORTED, "PDF")
    return session_id


def _problems(store) -> list[str]:
    return [r.problem for r in store.signing.verify_all() if not r.ok]


def test_the_trail_refuses_edits_and_deletions(store, signed, db_path: Path) -> None:
    assert _problems(store) == []
    for statement in (
        "UPDATE audit_events SET user_name = 'Someone else'",
        "UPDATE audit_events SET event = 'printed' WHERE event = 'signed'",
        "DELETE FROM audit_events WHERE event = 'signed'",
    ):
        with pytest.raises(cipher.Error, match="append-only"):
            _sql(db_path, statement)
    assert _problems(store) == []


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("UPDATE audit_events SET user_name = 'Someone else' WHERE id = 2", "entry 2 was edited"),
        ("UPDATE audit_events SET at = '2020-01-01 09:00:00.000000' WHERE id = 1", "edited"),
        ("DELETE FROM audit_events WHERE id = 2", "removed"),
        ("DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)", "newest"),
    ],
)
def test_an_edited_or_removed_entry_is_reported(
    store, signed, db_path: Path, statement: str, expected: str
) -> None:
    _sql(db_path, statement, unguarded=True)
    problems = _problems(store)
    assert any(expected in p for p in problems), problems


def test_removing_the_protection_is_reported_and_not_silently_remade(store, signed, db_path):
    store.database.close()
    _sql(db_path, 'DROP TRIGGER "audit_events_append_only_delete"')
    database = open_db(db_path)  # opening does not put it back
    try:
        problems = _problems(SupervisionStore(database))
    finally:
        database.close()
    assert any("protection was removed" in p for p in problems), problems


def test_a_signed_record_stripped_of_every_trace_of_signing_is_tampered_not_a_draft(
    store, signed, db_path: Path
) -> None:
    """Issue 16, 4: chain, seal, snapshot and the "signed" audit entries all deleted."""
    _sql(db_path, *(f"DELETE FROM {t} WHERE session_id = {signed}" for t in
                    ("record_chain_links", "record_chain_seals", "record_snapshots")))  # fmt: skip
    _sql(db_path, f"DELETE FROM audit_events WHERE session_id = {signed} AND event = 'signed'",
         unguarded=True)  # fmt: skip
    assert not store.signing.is_signed(signed)  # it now looks like a draft...
    problems = _problems(store)
    assert problems and any("audit trail was changed" in p for p in problems)  # ...but is not


def test_ids_are_never_reused(store) -> None:
    case_id = make_case(store)
    first = make_full_session(store, case_id)
    second = make_full_session(store, case_id)
    store.sessions.delete_session(second)
    third = make_full_session(store, case_id)
    assert third > second > first
    assert store.audit.audit_trail(third)[0].event == AuditEvent.CREATED
    assert len(store.audit.audit_trail(third)) == len(store.audit.audit_trail(first))  # no history of #2


def _downgrade_ids(db_path: Path) -> None:
    """The tables as schema 5 had them: ids without AUTOINCREMENT, no id counters."""
    conn = raw_connection(db_path)
    try:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("DROP TABLE IF EXISTS search_index")
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%'"
        ).fetchall():
            indexes = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND "
                                   "tbl_name = ? AND sql IS NOT NULL", (name,)).fetchall()  # fmt: skip
            conn.execute(sql.replace(" AUTOINCREMENT", "").replace(f"TABLE {name}", f"TABLE {name}_old", 1))
            conn.execute(f"INSERT INTO {name}_old SELECT * FROM {name}")
            conn.execute(f"DROP TABLE {name}")
            conn.execute(f"ALTER TABLE {name}_old RENAME TO {name}")
            for (index,) in indexes:
                conn.execute(index)
        conn.execute("DELETE FROM sqlite_sequence")
        conn.execute("DELETE FROM app_meta WHERE key = 'audit_head'")
        conn.execute("UPDATE audit_events SET prev_hash = NULL, row_hash = NULL")
        conn.execute("UPDATE app_meta SET value = ? WHERE key = 'schema_version'",
                     (str(_step("ids_never_reused")),))  # fmt: skip
        conn.commit()
    finally:
        conn.close()


def test_the_schema_steps_make_ids_autoincrement_and_chain_the_existing_trail(db_path: Path):
    database = open_db(db_path)
    store = SupervisionStore(database)
    store.settings.set_current_user("Jo Supervisor", "Team manager")
    case_id = make_case(store)
    kept = make_full_session(store, case_id)
    store.signing.sign_session(kept, SignOffInput(Party.PRACTITIONER, "Alex P", "Social worker"))
    freed = make_full_session(store, case_id)
    store.sessions.delete_session(freed)  # its audit entries stay, naming its id
    database.close()
    _downgrade_ids(db_path)
    assert _step("chain_audit_trail") == _step("ids_never_reused") + 1

    database = open_db(db_path)  # the two steps run
    store = SupervisionStore(database)
    try:
        conn = raw_connection(db_path)
        tables = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        conn.close()
        for name in ("cases", "sessions", "answers", "audit_events", "record_chain_links"):
            assert "AUTOINCREMENT" in tables[name], name
        assert set(TRIGGERS) <= triggers
        assert [r.ok for r in store.signing.verify_all()] == [True]  # the trail is chained
        assert store.sessions.get_session(kept).answers  # the data came through
        new = make_full_session(store, case_id)
        assert new > freed  # the freed id, still named in the trail, is not handed out again
        assert [e.event for e in store.audit.audit_trail(new)] == [AuditEvent.CREATED, AuditEvent.EDITED]
    finally:
        database.close()


def test_the_tamper_fuzzer_small(tmp_path: Path) -> None:
    report = fuzz_tampering(30, tmp_path / "tamper")
    assert report.attempts == 30 and len(report.kinds) >= 25
    assert report.missed == [] and report.detected == 30
