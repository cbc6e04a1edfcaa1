"""The autosave write path (prepared Core statements, no ORM loads) keeps every rule of the
ORM path it replaced: insert then update, the session's last edit, one coalesced audit entry
per run of edits by one user, and refusal of a missing or signed session."""

from __future__ import annotations

from datetime import date

import pytest

from supervision_app.domain import AuditEvent, LockedSessionError, Party, SignOffInput
from supervision_app.storage import NotFoundError, SupervisionStore
from tests.helpers import make_case, raw_connection


def _edited(store: SupervisionStore, session_id: int) -> list[str]:
    return [e.user for e in store.audit.audit_trail(session_id) if e.event == AuditEvent.EDITED]


def _new_session(store: SupervisionStore) -> int:
    return store.sessions.create_session(make_case(store), date(2020, 1, 6), ["Alex"], "1.0.0")


def test_answers_are_inserted_then_updated_and_the_session_is_touched(store, db_path) -> None:
    session_id = _new_session(store)
    conn = raw_connection(db_path)  # an old last edit, so "touched" cannot pass by itself
    with conn:
        conn.execute(
            "UPDATE sessions SET updated_at = '2020-01-06 09:00:00.000000' WHERE id = ?",
            (session_id,),
        )
    conn.close()
    before = store.sessions.get_session(session_id).updated_at
    assert before.year == 2020
    first = store.sessions.save_answer(session_id, "a.x", "a", "Q?", "one")
    store.sessions.save_answer(session_id, "a.x", "a", "Q?", "two")
    store.sessions.save_structured_answer(session_id, "a.t", "a", "Tool?", "records",
                                 {"fields": [], "choice_fields": [], "rows": []})  # fmt: skip
    store.sessions.save_structured_answer(session_id, "a.t", "a", "Tool?", "records",
                                 {"fields": [{"id": "w", "label": "W"}], "choice_fields": [],
                                  "rows": [{"w": "x"}]})  # fmt: skip
    detail = store.sessions.get_session(session_id)
    assert detail.answers["a.x"].text == "two"
    assert (detail.answers["a.x"].stage_id, detail.answers["a.x"].prompt_text) == ("a", "Q?")
    assert detail.structured["a.t"].data["rows"] == [{"w": "x"}]
    assert detail.updated_at > before  # the session was touched by the edits
    assert detail.updated_at >= first.replace(microsecond=0)


def test_a_run_of_edits_is_one_audit_entry_per_user_and_per_half_hour(store, db_path) -> None:
    store.settings.set_current_user("Alex Practitioner", "Social worker")
    session_id = _new_session(store)
    for text in ("a", "ab", "abc"):
        store.sessions.save_answer(session_id, "a.x", "a", "Q?", text)
    assert _edited(store, session_id) == ["Alex Practitioner (Social worker)"]

    store.settings.set_current_user("Jo Supervisor", "Team manager")
    store.sessions.save_answer(session_id, "a.x", "a", "Q?", "abcd")
    store.sessions.save_answer(session_id, "a.x", "a", "Q?", "abcde")
    assert _edited(store, session_id) == [
        "Alex Practitioner (Social worker)",
        "Jo Supervisor (Team manager)",
    ]

    conn = raw_connection(db_path)  # the last edit was 31 minutes ago
    try:
        conn.execute(
            # only the "until" time of a run of edits may change (the trail is append-only)
            "UPDATE audit_events SET last_at = datetime(last_at, '-31 minutes') "
            "WHERE session_id = ?",
            (session_id,),
        )
        conn.commit()
    finally:
        conn.close()
    store.sessions.save_answer(session_id, "a.x", "a", "Q?", "abcdef")
    assert len(_edited(store, session_id)) == 3


def test_a_missing_or_signed_session_is_refused_and_nothing_is_written(store) -> None:
    with pytest.raises(NotFoundError):
        store.sessions.save_answer(987654, "a.x", "a", "Q?", "text")
    with pytest.raises(NotFoundError):
        store.sessions.save_structured_answer(987654, "a.t", "a", "Tool?", "records",
                                     {"fields": [], "choice_fields": [], "rows": []})  # fmt: skip
    session_id = _new_session(store)
    store.sessions.save_answer(session_id, "a.x", "a", "Q?", "before signing")
    store.signing.sign_session(
        session_id, SignOffInput(Party.PRACTITIONER, "Alex Practitioner", "Social worker", "")
    )
    with pytest.raises(LockedSessionError, match="waiting for the other signature"):
        store.sessions.save_answer(session_id, "a.x", "a", "Q?", "after signing")
    with pytest.raises(LockedSessionError):
        store.sessions.save_answer(session_id, "b.y", "b", "Q2?", "new answer after signing")
    answers = store.sessions.get_session(session_id).answers
    assert answers["a.x"].text == "before signing"
    assert "b.y" not in answers
