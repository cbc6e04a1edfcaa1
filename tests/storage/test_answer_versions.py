"""Optimistic concurrency for every autosaved text, on the laptop's SQLite and on the agency server.

Two clients (two windows, or two people on the server) that loaded the same answer never
overwrite each other: a save based on an older version is a conflict carrying both texts, and
nothing is written until the user chooses.  One client's own successive autosaves never
conflict with themselves, even when the editor has not yet heard of its last save.  The same
holds for the structured tools and for Today's and the summary's free text (field by field).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date

import pytest

from supervision_app.domain.opening_closing import SESSION_TEXT_KIND
from supervision_app.storage import SupervisionStore
from supervision_app.storage.autosave import AnswerEdit, AutosaveWriter, SaveOutcome
from supervision_app.storage.conflict import AnswerConflictError
from supervision_app.storage.identity import DatabaseLockedError
from tests.helpers import make_case

pytestmark = pytest.mark.both_backends

CHECKLIST = {"items": [{"id": "seen", "label": "Child seen alone", "answer": "", "note": ""}]}


def _with(answer: str, note: str) -> dict:
    return {"items": [{**CHECKLIST["items"][0], "answer": answer, "note": note}]}


@pytest.fixture
def other(store: SupervisionStore, backend: str) -> Iterator[SupervisionStore]:
    """A second client of the same records: another window on the laptop's file, another
    connection of the same login on the server."""
    if backend == "postgresql":
        from supervision_app.storage.postgres.backend import open_server
        from tests.agency_server import shared_server

        url = shared_server().url("alice").render_as_string(hide_password=False)
        second = SupervisionStore(open_server(url))
        yield second
        second.database.close()
    else:
        yield SupervisionStore(store.database)


def _session(store: SupervisionStore) -> int:
    return store.sessions.create_session(make_case(store), date(2026, 3, 2), ["Alex"], "1.0.0")


class Outcomes:
    """A writer's outcomes, waited for one at a time."""

    def __init__(self) -> None:
        self.seen: list[SaveOutcome] = []
        self._event = threading.Event()

    def __call__(self, outcome: SaveOutcome) -> None:
        self.seen.append(outcome)
        self._event.set()

    def next(self, writer: AutosaveWriter, edit: AnswerEdit) -> SaveOutcome:
        self._event.clear()
        writer.submit(edit)
        assert self._event.wait(20), "no outcome"
        return self.seen[-1]


def test_two_clients_that_loaded_one_answer_cannot_overwrite_each_other(store, other) -> None:
    session_id = _session(store)
    store.sessions.save_answer(session_id, "a.x", "a", "Q?", "As loaded by both")
    loaded = store.sessions.get_session(session_id).answers["a.x"].version
    assert other.sessions.get_session(session_id).answers["a.x"].version == loaded

    theirs = other.sessions.save_answer_versioned(session_id, "a.x", "a", "Q?", "Theirs", loaded)
    assert theirs.version == loaded + 1
    with pytest.raises(AnswerConflictError) as conflict:
        store.sessions.save_answer_versioned(session_id, "a.x", "a", "Q?", "Mine", loaded)
    assert (conflict.value.mine, conflict.value.theirs) == ("Mine", "Theirs")
    assert conflict.value.version == theirs.version and conflict.value.kind == "text"
    assert store.sessions.get_session(session_id).answers["a.x"].text == "Theirs"

    chosen = store.sessions.save_answer_versioned(
        session_id, "a.x", "a", "Q?", "Theirs, then mine", conflict.value.version
    )
    answer = other.sessions.get_session(session_id).answers["a.x"]
    assert (answer.text, answer.version) == ("Theirs, then mine", chosen.version)
    # Their stale save is now the conflict; the same text again (a lost reply) is not.
    with pytest.raises(AnswerConflictError):
        other.sessions.save_answer_versioned(session_id, "a.x", "a", "Q?", "Theirs 2", theirs.version)
    again = other.sessions.save_answer_versioned(
        session_id, "a.x", "a", "Q?", "Theirs, then mine", loaded
    )
    assert again.version == chosen.version


def test_a_first_answer_typed_in_two_windows_at_once_is_a_conflict(store, other) -> None:
    session_id = _session(store)
    store.sessions.save_answer_versioned(session_id, "a.x", "a", "Q?", "First here", None)
    with pytest.raises(AnswerConflictError) as conflict:
        other.sessions.save_answer_versioned(session_id, "a.x", "a", "Q?", "First there", None)
    assert conflict.value.theirs == "First here"


def test_one_windows_autosaves_never_conflict_with_themselves_but_catch_another(
    store, other
) -> None:
    """Edits typed before the editor heard of its last save carry the loaded version."""
    session_id = _session(store)
    store.sessions.save_answer(session_id, "a.x", "a", "Q?", "Loaded")
    loaded = store.sessions.get_session(session_id).answers["a.x"].version
    outcomes = Outcomes()
    writer = AutosaveWriter(store, outcomes)
    try:
        for n in range(5):
            edit = AnswerEdit(session_id, "a.x", "a", "Q?", f"Typing {n}", version=loaded)
            outcome = outcomes.next(writer, edit)
            assert outcome.ok and outcome.version == loaded + n + 1
        # The editor heard of a save (its version moved on): still its own line.
        heard = outcomes.next(
            writer, AnswerEdit(session_id, "a.x", "a", "Q?", "Heard", version=loaded + 2)
        )
        assert heard.ok and heard.version == loaded + 6
        other.sessions.save_answer(session_id, "a.x", "a", "Q?", "Someone else's")
        conflict = outcomes.next(
            writer, AnswerEdit(session_id, "a.x", "a", "Q?", "Mine again", version=loaded)
        )
        assert not conflict.ok and conflict.final and conflict.conflict is not None
        assert (conflict.conflict.mine, conflict.conflict.theirs) == ("Mine again", "Someone else's")
        assert store.sessions.get_session(session_id).answers["a.x"].text == "Someone else's"
        resolved = outcomes.next(
            writer,
            AnswerEdit(session_id, "a.x", "a", "Q?", "Both", version=conflict.conflict.version),
        )
        assert resolved.ok
    finally:
        writer.close()
    assert store.sessions.get_session(session_id).answers["a.x"].text == "Both"


def test_a_structured_tool_keeps_both_versions_on_a_conflict(store, other) -> None:
    session_id = _session(store)
    save = store.sessions.save_structured_versioned
    first = save(session_id, "a.t", "a", "Tool?", "checklist", _with("Yes", ""), None)
    theirs = other.sessions.save_structured_versioned(
        session_id, "a.t", "a", "Tool?", "checklist", _with("No", "Theirs"), first.version
    )
    with pytest.raises(AnswerConflictError) as conflict:
        save(session_id, "a.t", "a", "Tool?", "checklist", _with("Yes", "Mine"), first.version)
    assert conflict.value.kind == "checklist" and conflict.value.version == theirs.version
    assert '"Mine"' in conflict.value.mine and '"Theirs"' in conflict.value.theirs
    stored = store.sessions.get_session(session_id).structured["a.t"]
    assert stored.data == _with("No", "Theirs") and stored.version == theirs.version
    # The same data again is not a conflict; the user's choice goes over their version.
    save(session_id, "a.t", "a", "Tool?", "checklist", _with("No", "Theirs"), first.version)
    save(session_id, "a.t", "a", "Tool?", "checklist", _with("Yes", "Mine"), theirs.version)
    assert other.sessions.get_session(session_id).structured["a.t"].data == _with("Yes", "Mine")


def test_todays_text_conflicts_field_by_field(store, other) -> None:
    session_id = _session(store)
    store.focus.save_session_text(session_id, "today.question", "Loaded question")
    mine = store.focus.save_session_text
    theirs = other.focus.save_session_text
    # Different fields of the one row, each based on what its editor loaded: both kept.
    theirs(session_id, "today.check_in", "Tired", base="")
    mine(session_id, "today.question", "My question", base="Loaded question")
    opening = store.focus.get_opening(session_id)
    assert (opening.check_in, opening.question) == ("Tired", "My question")
    # The same field: the second save is a conflict with both texts, nothing overwritten.
    theirs(session_id, "today.worry.0", "Their worry", base="")
    with pytest.raises(AnswerConflictError) as conflict:
        mine(session_id, "today.worry.0", "My worry", base="")
    assert (conflict.value.mine, conflict.value.theirs) == ("My worry", "Their worry")
    assert conflict.value.kind == SESSION_TEXT_KIND
    assert store.focus.get_opening(session_id).main_worries[0][1] == "Their worry"
    mine(session_id, "today.worry.0", "Their worry, and mine", base="Their worry")
    assert other.focus.get_opening(session_id).main_worries[0][1] == (
        "Their worry, and mine"
    )


def test_todays_autosaves_from_one_window_never_conflict_with_themselves(store) -> None:
    session_id = _session(store)
    outcomes = Outcomes()
    writer = AutosaveWriter(store, outcomes)
    try:
        for n in range(3):  # the editor's base stays the text it loaded: ""
            edit = AnswerEdit(session_id, "summary.worries", "", "", f"Worry {n}",
                              SESSION_TEXT_KIND, base_text="")  # fmt: skip
            assert outcomes.next(writer, edit).ok
    finally:
        writer.close()
    assert store.focus.get_closing(session_id).worries == "Worry 2"


def test_the_held_connection_closes_when_the_records_lock(store) -> None:
    session_id = _session(store)
    store.sessions.save_answer(session_id, "a.x", "a", "Q?", "Before the lock")
    store.sessions.save_answer(session_id, "a.x", "a", "Q?", "Quick path")
    store.database.lock()
    with pytest.raises(DatabaseLockedError):
        store.sessions.save_answer(session_id, "a.x", "a", "Q?", "While locked")
