"""The store, unchanged, on the agency server: each person through their own login.

What the laptop does through ``store.*`` works on a server-init'ed PostgreSQL opened with
``open_server``: cases, sessions, autosave, sign-off in the login's name by the practitioner and
their supervisor, verify, search, the audit trail naming the login; and a second practitioner
sees none of it.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.agency_server import agency_server, needs_server

pytestmark = needs_server


@pytest.fixture(scope="module")
def server():
    with agency_server() as server:
        yield server


def _store(server, person: str):
    from supervision_app.storage import SupervisionStore
    from supervision_app.storage.postgres.backend import open_server

    database = open_server(server.url(person).render_as_string(hide_password=False))
    return SupervisionStore(database)


def test_a_session_is_written_signed_and_verified_through_the_store(server) -> None:
    from supervision_app.domain import CaseInput, Child, Party, SignOffInput

    alice, sue, bob = (_store(server, p) for p in ("alice", "sue", "bob"))
    try:
        case_id = alice.cases.create_case(
            CaseInput("AG-1", "Alice", "Sue", children=[Child(name="Ruby", age="3")])
        )
        sid = alice.sessions.create_session(case_id, date(2026, 12, 7), ["Alice", "Sue"], "1")
        alice.sessions.save_answer(sid, "a.b", "a", "Q?", "The kitchen was cold")
        alice.sessions.save_answer(sid, "a.b", "a", "Q?", "The kitchen was cold and bare")
        assert [h.session_id for h in alice.memory.search("kitchen")] == [sid]
        assert bob.memory.search("kitchen") == []
        assert bob.cases.list_cases() == []
        alice.signing.sign_session(sid, SignOffInput(Party.PRACTITIONER, server.role("alice"), "SW"))
        sue.signing.sign_session(sid, SignOffInput(Party.SUPERVISOR, server.role("sue"), "TM"))
        assert alice.signing.verify_session(sid).ok
        trail = alice.audit.audit_trail(sid)
        who = {e.user.split(" ")[0] for e in trail}
        assert who == {server.role("alice"), server.role("sue")}, who
        assert [r.ok for r in alice.signing.verify_all()] == [True]
        assert [r.ok for r in bob.signing.verify_all()] == []
    finally:
        for store in (alice, sue, bob):
            store.database.close()


def test_a_signature_in_another_name_is_refused_and_nothing_is_written(server) -> None:
    from supervision_app.domain import CaseInput, Child, Party, SignOffInput, ValidationError

    alice = _store(server, "alice")
    try:
        case_id = alice.cases.create_case(
            CaseInput("AG-2", "Alice", "Sue", children=[Child(name="Sam", age="4")])
        )
        sid = alice.sessions.create_session(case_id, date(2026, 12, 7), ["Alice"], "1")
        # the server's refusal, in its words, as a problem the sign-off dialog shows
        with pytest.raises(ValidationError, match="in the name of your login"):
            alice.signing.sign_session(sid, SignOffInput(Party.PRACTITIONER, "Priya", "SW"))
        assert not alice.signing.is_signed(sid)
    finally:
        alice.database.close()


def test_two_people_autosaving_one_answer_get_a_conflict_with_both_texts(server) -> None:
    from supervision_app.domain import CaseInput, Child
    from supervision_app.storage.postgres.concurrency import AnswerConflictError

    alice, sue = _store(server, "alice"), _store(server, "sue")
    try:
        case_id = alice.cases.create_case(
            CaseInput("AG-3", "Alice", "Sue", children=[Child(name="Kai", age="2")])
        )
        sid = alice.sessions.create_session(case_id, date(2026, 12, 7), ["Alice", "Sue"], "1")
        alice.sessions.save_answer(sid, "a.b", "a", "Q?", "first")
        alice.sessions.save_answer(sid, "a.b", "a", "Q?", "Alice typing")
        sue.sessions.save_answer(sid, "a.b", "a", "Q?", "Sue typing")
        with pytest.raises(AnswerConflictError) as conflict:
            alice.sessions.save_answer(sid, "a.b", "a", "Q?", "Alice typing more")
        assert (conflict.value.mine, conflict.value.theirs) == ("Alice typing more", "Sue typing")
        [answer] = alice.sessions.get_session(sid).answers.values()
        assert answer.text == "Sue typing"  # nothing overwritten
    finally:
        alice.database.close()
        sue.database.close()


def test_verify_on_the_server_reports_an_edited_audit_entry_to_those_who_may_read_it(server) -> None:
    """``verify`` on the server uses the server's own walk of the whole chain: a login sees only
    part of the trail, yet an entry edited by someone with the tables owner's powers is reported
    on the record it belongs to, to its practitioner and supervisor, and not to anyone else."""
    from sqlalchemy import text

    from supervision_app.domain import CaseInput, Child, Party, SignOffInput

    alice, sue, bob = (_store(server, p) for p in ("alice", "sue", "bob"))
    try:
        case_id = alice.cases.create_case(
            CaseInput("AG-TAMPER", "Alice", "Sue", children=[Child(name="Ivy", age="2")])
        )
        sid = alice.sessions.create_session(case_id, date(2026, 12, 7), ["Alice", "Sue"], "1")
        alice.sessions.save_answer(sid, "a.b", "a", "Q?", "Seen in the bedroom, alone")
        alice.signing.sign_session(sid, SignOffInput(Party.PRACTITIONER, server.role("alice"), "SW"))
        assert [r.ok for r in alice.signing.verify_all() if r.session_id == sid] == [True]
        with server.admin.begin() as conn:  # the owner's powers: switch the guard off, edit
            conn.execute(
                text("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only_update")
            )
            conn.execute(
                text(
                    "UPDATE audit_events SET detail = 'nothing happened' WHERE id = "
                    "(SELECT max(id) FROM audit_events WHERE session_id = :s)"
                ),
                {"s": sid},
            )
            conn.execute(
                text("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only_update")
            )
        for store in (alice, sue):
            mine = [r for r in store.signing.verify_all() if r.session_id == sid]
            assert len(mine) == 1 and not mine[0].ok
            assert "the audit trail was changed" in mine[0].problem
            assert "was edited" in mine[0].problem
        assert all(r.session_id != sid for r in bob.signing.verify_all())
    finally:
        for store in (alice, sue, bob):
            store.database.close()


def test_the_apps_own_signing_waits_its_turn_and_says_so_when_someone_else_is_signing(
    server,
) -> None:
    """The window signs through ``store.signing``: while another login holds the record's
    signing turn (mid-signature), a sign-off or an addendum is refused at once with words fit
    for the dialog and nothing is written; once the other signing ends, it goes through."""
    from sqlalchemy.orm import Session

    from supervision_app.domain import CaseInput, Child, Party, SignOffInput, ValidationError
    from supervision_app.storage.postgres.concurrency import BUSY_MESSAGE, take_signing_turn

    alice, sue = (_store(server, p) for p in ("alice", "sue"))
    try:
        case_id = alice.cases.create_case(
            CaseInput("AG-TURN", "Alice", "Sue", children=[Child(name="Noor", age="5")])
        )
        sid = alice.sessions.create_session(case_id, date(2026, 12, 7), ["Alice", "Sue"], "1")
        alice.sessions.save_answer(sid, "a.b", "a", "Q?", "Noor said she was hungry")
        as_alice = SignOffInput(Party.PRACTITIONER, server.role("alice"), "SW")
        with Session(server.engine("sue")) as other, other.begin():
            take_signing_turn(other, sid)  # sue is in the middle of signing
            with pytest.raises(ValidationError) as refused:
                alice.signing.sign_session(sid, as_alice)
            assert refused.value.problems == [BUSY_MESSAGE]
        assert alice.signing.integrity(sid).signoffs == ()  # nothing was written
        alice.signing.sign_session(sid, as_alice)
        sue.signing.sign_session(sid, SignOffInput(Party.SUPERVISOR, server.role("sue"), "TM"))
        with Session(server.engine("alice")) as other, other.begin():
            take_signing_turn(other, sid)
            with pytest.raises(ValidationError) as refused:
                sue.signing.add_addendum(sid, server.role("sue"), "TM", "Seen again on Friday")
            assert refused.value.problems == [BUSY_MESSAGE]
        assert alice.signing.integrity(sid).addenda == ()
        sue.signing.add_addendum(sid, server.role("sue"), "TM", "Seen again on Friday")
        assert alice.signing.verify_session(sid).ok
    finally:
        for store in (alice, sue):
            store.database.close()
