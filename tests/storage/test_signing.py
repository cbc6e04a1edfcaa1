"""Sign-off, locking, addenda, the audit trail and the hash chain, through the store and raw SQL."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import make_case, make_full_session, raw_connection

from supervision_app.domain import (
    AuditEvent,
    LockedSessionError,
    Party,
    SignOffInput,
    ValidationError,
)
from supervision_app.storage import SupervisionStore
from supervision_app.storage.autosave import AnswerEdit, AutosaveWriter


def sign_both(store: SupervisionStore, session_id: int, disagreement: str = "") -> None:
    store.signing.sign_session(
        session_id,
        SignOffInput(Party.PRACTITIONER, "Alex Practitioner", "Social worker", "",
                     disagreement, include_wellbeing=True),
    )  # fmt: skip
    store.signing.sign_session(
        session_id, SignOffInput(Party.SUPERVISOR, "Jo Supervisor", "Team manager", "Agreed.")
    )


@pytest.fixture
def signed(store: SupervisionStore) -> int:
    store.settings.set_current_user("Jo Supervisor", "Team manager")
    session_id = make_full_session(store, make_case(store))
    sign_both(store, session_id)
    return session_id


def raw(db_path, sql: str, *params) -> None:
    connection = raw_connection(db_path)
    try:
        connection.execute(sql, params)
        connection.commit()
    finally:
        connection.close()


def test_both_signatures_lock_the_session(store: SupervisionStore, signed: int) -> None:
    state = store.signing.integrity(signed)
    assert state.locked
    assert [s.party for s in state.signoffs] == [Party.PRACTITIONER, Party.SUPERVISOR]
    assert state.signoffs[1].comment == "Agreed."
    assert state.include_wellbeing
    assert len(state.fingerprint.replace(" ", "")) == 20
    detail = store.sessions.get_session(signed)
    with pytest.raises(LockedSessionError, match="addendum"):
        store.sessions.save_answer(signed, "escalation.y", "escalation", "Q two?", "changed")
    with pytest.raises(LockedSessionError):
        store.sessions.add_decision(signed, "New", "Because")
    with pytest.raises(LockedSessionError):
        store.sessions.update_decision(detail.decisions[0].id, "New", "Because")
    with pytest.raises(LockedSessionError):
        store.sessions.delete_action(detail.actions[0].id)
    with pytest.raises(LockedSessionError):
        store.sessions.update_session(signed, date(2026, 1, 1), [])
    with pytest.raises(LockedSessionError):
        store.sessions.delete_session(signed)
    with pytest.raises(LockedSessionError):
        store.cases.delete_case(detail.case.id)
    assert (
        store.sessions.get_session(signed).answers["escalation.y"].text == "Escalated to the team manager."
    )
    assert store.signing.verify_session(signed).ok


def test_one_signature_freezes_and_the_same_party_cannot_sign_twice(store) -> None:
    session_id = make_full_session(store, make_case(store))
    store.signing.sign_session(session_id, SignOffInput(Party.PRACTITIONER, "Alex", "Social worker"))
    assert not store.signing.integrity(session_id).locked
    with pytest.raises(LockedSessionError, match="waiting for the other signature"):
        store.sessions.save_answer(session_id, "escalation.y", "escalation", "Q", "x")
    with pytest.raises(ValidationError, match="already signed"):
        store.signing.sign_session(session_id, SignOffInput(Party.PRACTITIONER, "Alex", "Social worker"))
    with pytest.raises(ValidationError, match="both"):
        store.signing.add_addendum(session_id, "Alex", "Social worker", "Too early")


def test_signing_needs_name_and_role_and_keeps_disagreement(store) -> None:
    session_id = make_full_session(store, make_case(store))
    with pytest.raises(ValidationError) as problems:
        store.signing.sign_session(session_id, SignOffInput(Party.SUPERVISOR, "  ", ""))
    assert len(problems.value.problems) == 2
    assert not store.signing.is_signed(session_id)
    sign_both(store, session_id, disagreement="I do not agree that the risk is low.")
    practitioner = store.signing.integrity(session_id).signed_by(Party.PRACTITIONER)
    assert practitioner is not None
    assert practitioner.disagreement == "I do not agree that the risk is low."


def test_addenda_are_dated_attributed_and_marked_late(store, signed, monkeypatch) -> None:
    first = store.signing.add_addendum(signed, "Jo Supervisor", "Team manager", "Police check returned.")
    assert first.number == 1 and first.author == "Jo Supervisor"
    assert first.late  # the session was on 2 Nov 2026, long before "now" in this test run
    store.settings.set_late_entry_days(100000 // 30)
    on_time = store.signing.add_addendum(signed, "Alex", "Social worker", "Correction: K is 7.")
    assert not on_time.late
    state = store.signing.integrity(signed)
    assert [a.text for a in state.addenda] == ["Police check returned.", "Correction: K is 7."]
    assert store.signing.verify_session(signed).ok
    with pytest.raises(ValidationError):
        store.signing.add_addendum(signed, "Alex", "Social worker", "   ")


def test_audit_trail_names_the_user_and_never_holds_note_text(store) -> None:
    store.settings.set_current_user("Alex Practitioner", "Social worker")
    session_id = make_full_session(store, make_case(store))
    store.audit.record_event(session_id, AuditEvent.EXPORTED, "PDF")
    store.settings.set_current_user("Jo Supervisor", "Team manager")
    sign_both(store, session_id)
    store.signing.add_addendum(session_id, "Jo Supervisor", "Team manager", "SECRET-NOTE")
    store.audit.record_event(session_id, AuditEvent.PRINTED)
    trail = store.audit.audit_trail(session_id)
    events = [e.event for e in trail]
    assert events[0] == AuditEvent.CREATED
    assert events.count(AuditEvent.EDITED) == 1  # a run of edits is one entry
    assert events[-4:] == [
        AuditEvent.SIGNED, AuditEvent.SIGNED, AuditEvent.ADDENDUM, AuditEvent.PRINTED,
    ]  # fmt: skip
    assert trail[0].user == "Alex Practitioner (Social worker)"
    assert trail[-1].user == "Jo Supervisor (Team manager)"
    assert all("SECRET" not in e.detail for e in trail)


def test_current_user_is_remembered_and_validated(store) -> None:
    assert store.settings.current_user() is None
    store.settings.set_current_user("  Sam   Lee ", "Senior practitioner")
    store.settings.set_current_user("Jo", "Team manager")
    store.settings.set_current_user("Sam Lee", "Senior practitioner")
    assert store.settings.current_user().display == "Sam Lee (Senior practitioner)"
    assert len(store.settings.list_users()) == 2
    with pytest.raises(ValidationError):
        store.settings.set_current_user("", "")


# -- tampering with raw SQL -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE answers SET text = text || '.' WHERE prompt_id = 'escalation.y'",
        "DELETE FROM answers WHERE prompt_id = 'escalation.y'",
        "INSERT INTO answers (session_id, prompt_id, stage_id, prompt_text, text, updated_at) "
        "SELECT session_id, 'x.new', 'x', 'Q', 'added', updated_at FROM answers LIMIT 1",
        "UPDATE decisions SET rationale = 'Different'",
        "DELETE FROM actions WHERE position = 1",
        "UPDATE actions SET position = -position;"
        "UPDATE actions SET position = 3 + position",  # reorder
        "UPDATE actions SET owner = 'Someone else'",
        "UPDATE sessions SET date = '2026-11-03'",
        "UPDATE sessions SET attendees = '[\"Alex\"]'",
        # the snapshot the record was signed with, and prints from
        "UPDATE record_snapshots SET content = replace(content, 'C-100', 'C-999')",
        "UPDATE record_snapshots SET content = replace(content, 'Jo Supervisor', 'Someone')",
        "UPDATE record_snapshots SET content = replace(content, '\"open\"', '\"done\"')",
        "UPDATE record_snapshots SET content = substr(content, 1, length(content) - 20)",
        "UPDATE record_snapshots SET kind = 'legacy'",
        "DELETE FROM record_snapshots",
        "UPDATE record_chain_links SET comment = 'Not agreed.' WHERE party = 'supervisor'",
        "UPDATE record_chain_links SET disagreement = 'x' WHERE party = 'practitioner'",
        "UPDATE record_chain_links SET seq = -seq WHERE seq < 3;"
        "UPDATE record_chain_links SET seq = 3 + seq WHERE seq < 0",  # reorder the links
        "DELETE FROM record_chain_links WHERE seq = 2",  # truncation
        "DELETE FROM record_chain_links WHERE seq = 1",
        "DELETE FROM record_chain_seals",
        "DELETE FROM record_chain_links",
        "DELETE FROM record_chain_links; DELETE FROM record_chain_seals",
    ],
)
def test_any_tampering_is_detected(store, signed, db_path, sql) -> None:
    store.signing.add_addendum(signed, "Jo", "Team manager", "Late information.")
    assert [r.ok for r in store.signing.verify_all()] == [True]
    for statement in sql.split(";"):
        raw(db_path, statement)
    results = [r for r in store.signing.verify_all() if not r.ok]
    assert [r.session_id for r in results] == [signed]
    assert results[0].problem


def test_truncating_and_resealing_is_still_detected_by_the_trail(store, signed, db_path) -> None:
    store.signing.add_addendum(signed, "Jo", "Team manager", "Late information.")
    before = store.signing.integrity(signed).fingerprint
    raw(db_path, "DELETE FROM record_chain_links WHERE kind = 'addendum'")
    raw(db_path, "UPDATE record_chain_seals SET links = 2, head_hash = "
        "(SELECT hash FROM record_chain_links WHERE seq = 2)")  # fmt: skip
    result = store.signing.verify_session(signed)
    assert not result.ok and "audit trail" in result.problem
    assert store.signing.integrity(signed).fingerprint != before  # nor does the printed fingerprint match


def test_verify_detects_a_deleted_signed_session(store, signed, db_path) -> None:
    connection = raw_connection(db_path)
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("DELETE FROM sessions")
    connection.commit()
    connection.close()
    results = store.signing.verify_all()
    assert [r.ok for r in results] == [False]
    assert "deleted" in results[0].problem


def test_unsigned_sessions_verify_and_stay_editable(store) -> None:
    session_id = make_full_session(store, make_case(store))
    assert store.signing.verify_session(session_id).ok
    assert store.signing.verify_session(session_id).fingerprint == ""
    store.sessions.save_answer(session_id, "escalation.y", "escalation", "Q", "edited")
    store.sessions.delete_session(session_id)


def test_autosave_reports_a_locked_session_once_and_keeps_nothing_pending(store, signed) -> None:
    outcomes = []
    writer = AutosaveWriter(store, outcomes.append)
    writer.submit(AnswerEdit(signed, "escalation.y", "escalation", "Q two?", "late typing"))
    assert writer.flush(5)
    writer.close()
    assert len(outcomes) == 1
    assert not outcomes[0].ok and "signed" in outcomes[0].error
    assert outcomes[0].final
    assert store.sessions.get_session(signed).answers["escalation.y"].text != "late typing"


def test_late_days_preference(store) -> None:
    assert store.settings.late_entry_days() == 7
    store.settings.set_late_entry_days(14)
    assert store.settings.late_entry_days() == 14
    with pytest.raises(ValidationError):
        store.settings.set_late_entry_days(-1)
    assert store.settings.protective_marking() == "OFFICIAL-SENSITIVE"
    store.settings.set_protective_marking("OFFICIAL")
    assert store.settings.protective_marking() == "OFFICIAL"


def test_canonical_bytes_are_deterministic() -> None:
    from supervision_app.storage.chain import canonical_bytes

    a = canonical_bytes({"b": 1, "a": "é"}, [{"seq": 1}])
    b = canonical_bytes({"a": "é", "b": 1}, [{"seq": 1}])
    assert a == b
    assert b'"version":1' in a and b" " not in a


def test_a_signature_names_the_signer_and_separately_who_recorded_it(store) -> None:
    """A supervisor recording both signatures on their laptop does not read as the supervisor
    signing for the practitioner."""
    session_id = make_full_session(store, make_case(store))
    store.settings.set_current_user("Priya Hale", "Named Nurse")
    store.signing.sign_session(session_id, SignOffInput(Party.PRACTITIONER, "Sam Okafor", "Health Visitor"))
    [entry] = [e for e in store.audit.audit_trail(session_id) if e.event == AuditEvent.SIGNED]
    assert entry.user == "Sam Okafor (Health Visitor)"
    assert entry.detail == "as practitioner; recorded on this computer by Priya Hale (Named Nurse)"


def test_name_and_role_are_split_at_the_first_comma() -> None:
    from supervision_app.domain.signing import name_and_role

    assert name_and_role("Sam Okafor (fictional), Health Visitor") == (
        "Sam Okafor (fictional)",
        "Health Visitor",
    )
    assert name_and_role("Chloe Adeyemi, School Nurse, 0-19 team") == (
        "Chloe Adeyemi",
        "School Nurse, 0-19 team",
    )
    assert name_and_role("  Jo   Patel ") == ("Jo Patel", "")
