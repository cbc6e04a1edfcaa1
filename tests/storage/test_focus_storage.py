"""The focused session in the database: the agenda, Today and the summary are saved, autosaved,
frozen at sign-off, covered by the signing snapshot and Verify, and migrate into old files."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from supervision_app.domain import LockedSessionError, Party, SignOffInput, ValidationError
from supervision_app.domain.focus import AgendaItem, AgendaOrigin, ChildScaling, SinceLastItem
from supervision_app.domain.opening_closing import SESSION_TEXT_KIND
from supervision_app.record.changes import as_signed
from supervision_app.storage import SupervisionStore
from supervision_app.storage.autosave import AnswerEdit, AutosaveWriter
from supervision_app.storage.identity import SCHEMA_VERSION
from supervision_app.storage.sqlite.migrations import MIGRATIONS, add_focused_session
from supervision_app.storage.sqlite.schema import backup_path_for
from tests.helpers import HOSTILE, make_case, make_full_session, open_db, raw_connection

#: The storage tests run on the laptop's SQLite and on the agency server (conftest.py).
pytestmark = pytest.mark.both_backends

AGENDA = [
    AgendaItem("professional_curiosity.see_hear_smell_sense", 4),
    AgendaItem(
        "escalation.refused_referral",
        5,
        AgendaOrigin.THEME,
        "Pattern: Referrals refused again, with no escalation",
        "escalation",
    ),
    AgendaItem("professional_curiosity.hypotheses", 8, AgendaOrigin.ADDED),
]


def sign(store: SupervisionStore, session_id: int) -> None:
    store.signing.sign_session(session_id, SignOffInput(Party.PRACTITIONER, "Alex P", "Social worker"))
    store.signing.sign_session(session_id, SignOffInput(Party.SUPERVISOR, "Jo S", "Team manager"))


@pytest.fixture
def session_id(store: SupervisionStore) -> int:
    return make_full_session(store, make_case(store))


def test_a_session_starts_with_no_agenda_and_blank_today_and_summary(store, session_id) -> None:
    assert store.focus.get_agenda(session_id) == []
    detail = store.sessions.get_session(session_id)
    assert detail.agenda == [] and detail.opening is None and detail.closing is None
    opening = store.focus.get_opening(session_id)
    assert opening.main_worries == (("K", ""), ("Baby", ""), ("T", ""))
    closing = store.focus.get_closing(session_id)
    assert [s.child for s in closing.scaling] == ["K", "Baby", "T"]
    assert all(s.score is None for s in closing.scaling) and closing.planned_minutes == 75


def test_agenda_is_saved_in_order_and_replaced(store, session_id) -> None:
    store.focus.save_agenda(session_id, AGENDA)
    assert store.focus.get_agenda(session_id) == AGENDA
    assert store.sessions.get_session(session_id).agenda == AGENDA
    reordered = [replace(AGENDA[2], minutes=12), AGENDA[0]]
    store.focus.save_agenda(session_id, reordered)
    assert store.focus.get_agenda(session_id) == reordered
    trail = [(e.event.value, e.detail) for e in store.audit.audit_trail(session_id)]
    assert trail.count(("edited", "agenda set (3 items)")) == 1
    assert ("edited", "agenda set (2 items)") in trail


def test_a_bad_agenda_is_refused_and_the_saved_one_kept(store, session_id) -> None:
    store.focus.save_agenda(session_id, AGENDA)
    with pytest.raises(ValidationError, match="on the agenda twice"):
        store.focus.save_agenda(session_id, [AGENDA[0], AGENDA[0]])
    with pytest.raises(ValidationError, match="minutes must be from 1 to 90"):
        store.focus.save_agenda(session_id, [replace(AGENDA[0], minutes=0)])
    assert store.focus.get_agenda(session_id) == AGENDA


def test_today_and_summary_round_trip_with_the_users_words_intact(store, session_id) -> None:
    big = "Ruby said: " + "ça va 👶🏽 مرحبا " * 40_000  # about a megabyte
    opening = replace(
        store.focus.get_opening(session_id),
        check_in="Tired; a hard week. " + HOSTILE,
        print_check_in=True,
        question="Should I escalate the step-down?",
        since_last=(
            SinceLastItem("action:1", "action", "Action 'x': overdue", "a.b", "discuss"),
            SinceLastItem("event:4", "event", "New: referral", "c.d", "not_today"),
        ),
        main_worries=(("K", big), ("Baby", "No pre-birth plan"), ("T", "")),
    )
    store.focus.save_opening(session_id, opening)
    closing = replace(
        store.focus.get_closing(session_id),
        reflection=HOSTILE,
        worries="Dean's history",
        working_well="Nursery attendance",
        needs_to_happen="Pre-birth assessment",
        scaling=(
            ChildScaling("K", 4, "Up from 3"),
            ChildScaling("Baby", 3),
            ChildScaling("T", None),
        ),
        next_review=date(2026, 12, 14),
        planned_minutes=90,
    )
    store.focus.save_closing(session_id, closing)
    detail = store.sessions.get_session(session_id)
    assert detail.opening == opening and detail.closing == closing
    assert store.focus.get_opening(session_id).main_worries[0][1] == big


def test_free_text_autosaves_by_field_key_and_keeps_the_rest(store, session_id) -> None:
    store.focus.save_closing(
        session_id, replace(store.focus.get_closing(session_id), next_review=date(2027, 1, 4))
    )
    saved = []
    writer = AutosaveWriter(store, saved.append)
    try:
        for key, text in [
            ("today.question", "What do I do about the refused referral?"),
            ("today.worry.1", "The baby is due in January"),
            ("summary.worries", HOSTILE),
            ("summary.scaling_note.2", "Not seen alone yet"),
        ]:
            writer.submit(AnswerEdit(session_id, key, "", "", text, kind=SESSION_TEXT_KIND))
        assert writer.flush()
    finally:
        writer.close()
    assert all(o.ok for o in saved) and len(saved) >= 1
    opening, closing = store.focus.get_opening(session_id), store.focus.get_closing(session_id)
    assert opening.question == "What do I do about the refused referral?"
    assert opening.main_worries[1] == ("Baby", "The baby is due in January")
    assert closing.worries == HOSTILE and closing.scaling[2].note == "Not seen alone yet"
    assert closing.next_review == date(2027, 1, 4)  # the rest of the summary is kept
    with pytest.raises(ValidationError, match=r"'today\.mood' is not a field"):
        store.focus.save_session_text(session_id, "today.mood", "x")


@pytest.mark.sqlite_only("signs in a name that is not the login's: the server refuses it")
def test_everything_is_refused_after_sign_off_like_answers(store, session_id) -> None:
    store.focus.save_agenda(session_id, AGENDA)
    store.focus.save_session_text(session_id, "today.question", "Before signing")
    sign(store, session_id)
    with pytest.raises(LockedSessionError):
        store.focus.save_agenda(session_id, AGENDA[:1])
    with pytest.raises(LockedSessionError):
        store.focus.save_opening(session_id, replace(store.focus.get_opening(session_id), question="After"))
    with pytest.raises(LockedSessionError):
        store.focus.save_closing(session_id, store.focus.get_closing(session_id))
    with pytest.raises(LockedSessionError):
        store.focus.save_session_text(session_id, "summary.worries", "After")
    outcomes = []
    writer = AutosaveWriter(store, outcomes.append)
    writer.submit(AnswerEdit(session_id, "today.question", "", "", "late", kind=SESSION_TEXT_KIND))
    writer.flush()
    writer.close()
    assert outcomes and outcomes[-1].final and not outcomes[-1].ok
    assert store.focus.get_opening(session_id).question == "Before signing"
    assert store.focus.get_agenda(session_id) == AGENDA


@pytest.mark.sqlite_only("signs in a name that is not the login's: the server refuses it")
def test_the_signed_snapshot_holds_the_focus_and_verify_catches_a_change(
    store, session_id, db_path
) -> None:
    store.focus.save_agenda(session_id, AGENDA)
    store.focus.save_session_text(session_id, "today.question", "Should I escalate?")
    store.focus.save_closing(
        session_id,
        replace(store.focus.get_closing(session_id), worries="W", next_review=date(2027, 1, 4)),
    )
    sign(store, session_id)
    snapshot = store.signing.signed_snapshot(session_id)
    assert snapshot["agenda"][1]["reason"].startswith("Pattern: ")
    assert snapshot["opening"]["question"] == "Should I escalate?"
    assert snapshot["closing"]["next_review"] == "2027-01-04"
    signed = as_signed(store.sessions.get_session(session_id), snapshot)
    assert signed.agenda == AGENDA and signed.opening.question == "Should I escalate?"
    assert store.signing.verify_session(session_id).ok
    store.database.close()
    conn = raw_connection(db_path)
    conn.execute(
        "UPDATE session_focus SET opening = json_set(opening, '$.question', 'Changed later')"
    )
    conn.commit()
    conn.close()
    reopened = SupervisionStore(open_db(db_path))
    try:
        result = reopened.signing.verify_session(session_id)
        assert not result.ok and "opening" in result.problem
    finally:
        reopened.database.close()


@pytest.mark.sqlite_only("signs in a name that is not the login's: the server refuses it")
def test_records_signed_without_a_focus_keep_their_content(store, session_id) -> None:
    sign(store, session_id)
    snapshot = store.signing.signed_snapshot(session_id)
    assert "agenda" not in snapshot and "opening" not in snapshot
    assert store.signing.verify_session(session_id).ok
    assert as_signed(store.sessions.get_session(session_id), snapshot).agenda == []


def test_deleting_a_session_deletes_its_focus(store, session_id) -> None:
    store.focus.save_agenda(session_id, AGENDA)
    store.sessions.delete_session(session_id)
    with store.database.read() as session:
        from sqlalchemy import text

        assert session.execute(text("SELECT count(*) FROM session_focus")).scalar() == 0


def test_the_migration_step_adds_the_table_to_an_older_file(db_path) -> None:
    step = next(n for n, f in MIGRATIONS.items() if f is add_focused_session)
    database = open_db(db_path)
    store = SupervisionStore(database)
    session_id = make_full_session(store, make_case(store))
    database.close()
    conn = raw_connection(db_path)
    conn.execute("DROP TABLE session_focus")
    conn.execute("DROP INDEX ix_actions_open_due")
    conn.execute("UPDATE app_meta SET value = ? WHERE key = 'schema_version'", (str(step),))
    conn.commit()
    conn.close()
    database = open_db(db_path)
    try:
        store = SupervisionStore(database)
        assert backup_path_for(db_path, SCHEMA_VERSION).exists()
        assert store.focus.get_agenda(session_id) == []  # an old session: no agenda
        assert store.sessions.get_session(session_id).answers  # its answers as before
        store.focus.save_agenda(session_id, AGENDA)
        assert store.focus.get_agenda(session_id) == AGENDA
    finally:
        database.close()
    conn = raw_connection(db_path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    version = conn.execute("SELECT value FROM app_meta WHERE key = 'schema_version'").fetchone()
    conn.close()
    assert {"session_focus", "ix_session_focus_next_review", "ix_actions_open_due"} <= names
    assert version[0] == str(SCHEMA_VERSION)


def test_old_text_answers_to_the_hypotheses_prompts_still_show(store, content) -> None:
    """The two hypotheses prompts now open the tool; text typed under them before is kept."""
    from supervision_app.services.records import load_record

    session_id = make_full_session(store, make_case(store))
    prompt = content.prompt("professional_curiosity.hypotheses")
    assert prompt.opens_hypotheses
    store.sessions.save_answer(session_id, prompt.id, prompt.stage_id, prompt.text, HOSTILE)
    record = load_record(store, session_id, content)
    shown = [p.answer for s in record.stages for p in s.prompts]
    assert HOSTILE in shown
