"""The audit trail on the agency server: sealed by the server in commit order with the laptop's
own hash, checked by the server, and each login told only about the entries it may read."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest

from tests.agency_server import add_case, agency_server, needs_server

pytestmark = needs_server

TRICKY = [
    "plain",
    'quotes " and \\ backslash',
    "control \x01\x1f\t\n\r\b\f chars",
    "🌱 مرحبا שלום ü",
    "",
]


@pytest.fixture(scope="module")
def server():
    with agency_server() as server:
        yield server


def _add_entry(server, person: str, session_id: int | None, detail: str, at: datetime) -> int:
    from sqlalchemy import text

    with server.engine(person).begin() as conn:
        return conn.execute(
            text(
                "INSERT INTO audit_events (session_id, case_reference, at, last_at, user_name, "
                "user_role, event, detail) VALUES (:s, :ref, :at, :at, 'anyone', :role, "
                "'printed', :detail) RETURNING id"
            ),
            {"s": session_id, "ref": detail[:10], "at": at, "role": detail, "detail": detail},
        ).scalar_one()


def _all_rows(server):
    from sqlalchemy import text

    from supervision_app.storage.audit_chain import SELECT_ROWS

    with server.admin.connect() as conn:  # the tables' owner sees every entry
        return conn.execute(text(SELECT_ROWS)).all()


def _problems(server, person: str) -> list[tuple]:
    from sqlalchemy import text

    with server.engine(person).connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT * FROM supervision_audit_problems()"))]


def test_the_server_seals_each_entry_with_the_laptops_own_hash(server) -> None:
    from supervision_app.storage.audit_chain import GENESIS, row_digest

    with server.engine("alice").begin() as conn:
        _, alice_session = add_case(conn, "AUDIT-A")
    at = datetime(2026, 12, 7, 1, 2, 3, 456789)
    for n, detail in enumerate(TRICKY):
        _add_entry(server, "alice" if n % 2 else "bob", alice_session if n % 2 else None,
                   detail, at)  # fmt: skip
    previous = GENESIS
    rows = _all_rows(server)
    assert len(rows) == len(TRICKY)
    for row in rows:
        assert row.prev_hash == previous  # one chain across logins, in order
        assert row.row_hash == row_digest(previous, tuple(row[:8]))
        previous = row.row_hash
    for person in ("alice", "bob", "sue", "rita"):
        assert _problems(server, person) == []


def test_the_apps_own_sealing_afterwards_changes_nothing(server) -> None:
    from sqlalchemy import text

    entry = _add_entry(server, "bob", None, "sealed once", datetime.now())
    before = [r for r in _all_rows(server) if r.id == entry]
    with server.engine("bob").begin() as conn:
        conn.execute(
            text("UPDATE audit_events SET prev_hash = 'x', row_hash = 'y' WHERE id = :i"),
            {"i": entry},
        )
    assert [r for r in _all_rows(server) if r.id == entry] == before
    assert _problems(server, "bob") == []


def test_entries_written_at_once_by_many_logins_form_one_chain(server) -> None:
    failures: list[BaseException] = []

    def writer(person: str) -> None:
        try:
            for n in range(15):
                _add_entry(server, person, None, f"{person} {n}", datetime.now())
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(p,)) for p in ("alice", "bob", "sue") * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert _problems(server, "rita") == []


def test_a_changed_entry_is_reported_to_those_who_may_read_it(server) -> None:
    from sqlalchemy import text

    with server.engine("alice").begin() as conn:
        _, session_id = add_case(conn, "AUDIT-B")
    entry = _add_entry(server, "alice", session_id, "signed as practitioner", datetime.now())
    with server.admin.begin() as conn:  # someone with the owner's powers edits the trail
        conn.execute(
            text("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only_update")
        )
        conn.execute(text("UPDATE audit_events SET detail = 'nothing' WHERE id = :i"), {"i": entry})
        conn.execute(
            text("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only_update")
        )
    edited = (session_id, "signed as ", f"the audit trail was changed: entry {entry} was edited")
    assert _problems(server, "alice") == [edited]
    assert _problems(server, "sue") == [edited]  # alice's supervisor
    assert _problems(server, "rita") == [edited]
    assert _problems(server, "bob") == []  # not bob's to read
    with server.admin.begin() as conn:  # and the newest entries removed
        conn.execute(
            text("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only_delete")
        )
        conn.execute(text("DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)"))
        conn.execute(
            text("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only_delete")
        )
    removed = (None, "", "the audit trail was changed: its newest entries were removed")
    assert removed in _problems(server, "bob")
