"""The autosave writer's rules around its hand-off: what happens to text submitted while a
commit is under way, while a failed edit waits out its back-off, and at flush and close.

Real database files; the store's save is wrapped only to hold a commit open or to make one
fail, as a slow or full disk would."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import date

import pytest

from supervision_app.storage import SupervisionStore
from supervision_app.storage.autosave import AnswerEdit, AutosaveWriter, SaveOutcome
from tests.helpers import make_case


def _session(store: SupervisionStore) -> int:
    return store.sessions.create_session(make_case(store), date(2026, 1, 5), [], "1")


def _edit(session_id: int, prompt_id: str, text: str, generation: int) -> AnswerEdit:
    return AnswerEdit(session_id, prompt_id, "s", "Q", text, generation=generation)


def _answer(store: SupervisionStore, session_id: int, prompt_id: str) -> str:
    return store.sessions.get_session(session_id).answers[prompt_id].text


def _fails_once(store: SupervisionStore, monkeypatch, message: str) -> list[str]:
    """The store's save raises ``message`` (as SQLite would) the first time, then works;
    with a back-off of ten minutes, so that only new text, a flush or close cut it short.
    Returns the texts tried, in order."""
    real_save = store.sessions.save_answer_versioned
    tried: list[str] = []

    def failing_once(*args):
        tried.append(args[4])
        if len(tried) == 1:
            raise sqlite3.OperationalError(message)
        return real_save(*args)

    monkeypatch.setattr(store.sessions, "save_answer_versioned", failing_once)
    monkeypatch.setattr("supervision_app.storage.autosave.RETRY_DELAYS", (600.0,))
    return tried


def _listener() -> tuple[list[SaveOutcome], threading.Event, Callable[[SaveOutcome], None]]:
    """The outcomes heard, and an event set once a failure has been reported (the edit is
    then back in the queue, backing off)."""
    outcomes: list[SaveOutcome] = []
    failed = threading.Event()

    def heard(outcome: SaveOutcome) -> None:
        outcomes.append(outcome)
        if not outcome.ok:
            failed.set()

    return outcomes, failed, heard


def test_text_submitted_during_a_commit_is_saved_after_it(store, monkeypatch) -> None:
    session_id = _session(store)
    real_save = store.sessions.save_answer_versioned
    inside, release = threading.Event(), threading.Event()
    saved: list[str] = []

    def slow_first_commit(*args):
        if not saved:
            inside.set()
            assert release.wait(10)
        saved.append(args[4])
        return real_save(*args)

    monkeypatch.setattr(store.sessions, "save_answer_versioned", slow_first_commit)
    outcomes: list[SaveOutcome] = []
    writer = AutosaveWriter(store, outcomes.append)
    writer.submit(_edit(session_id, "s.p", "first draft", 1))
    assert inside.wait(10)  # the writer is committing "first draft"
    writer.submit(_edit(session_id, "s.p", "second draft", 2))
    writer.submit(_edit(session_id, "s.p", "third draft", 3))  # replaces the second, unsaved
    writer.submit(_edit(session_id, "s.q", "another answer", 1))
    assert writer.pending_count() == 3  # two waiting and the one being written
    release.set()
    assert writer.close()

    assert saved == ["first draft", "third draft", "another answer"]
    assert _answer(store, session_id, "s.p") == "third draft"
    assert _answer(store, session_id, "s.q") == "another answer"
    assert [(o.key[1], o.ok, o.generation, o.pending) for o in outcomes] == [
        ("s.p", True, 1, 2),
        ("s.p", True, 3, 1),
        ("s.q", True, 1, 0),
    ]


def test_newer_text_replaces_a_failed_edit_and_is_tried_at_once(store, monkeypatch) -> None:
    session_id = _session(store)
    tried = _fails_once(store, monkeypatch, "database or disk is full")
    outcomes, failed, heard = _listener()
    writer = AutosaveWriter(store, heard)
    writer.submit(_edit(session_id, "s.p", "kept while the disk is full", 1))
    assert failed.wait(10)
    assert writer.is_pending((session_id, "s.p"))  # kept, never dropped
    writer.submit(_edit(session_id, "s.p", "newer words", 2))
    assert writer.flush(timeout=10)  # only the new text could cut the back-off short
    writer.close()

    assert tried == ["kept while the disk is full", "newer words"]
    assert _answer(store, session_id, "s.p") == "newer words"
    assert [(o.ok, o.generation) for o in outcomes] == [(False, 1), (True, 2)]
    assert "disk is full" in outcomes[0].error and outcomes[0].pending == 1


def test_flush_retries_a_failed_edit_without_waiting_out_its_back_off(store, monkeypatch) -> None:
    session_id = _session(store)
    tried = _fails_once(store, monkeypatch, "database is locked")
    outcomes, failed, heard = _listener()
    writer = AutosaveWriter(store, heard)
    writer.submit(_edit(session_id, "s.p", "words", 1))
    assert failed.wait(10)
    assert writer.flush(timeout=10)  # the back-off is 10 minutes: the flush cut it short
    assert writer.close()
    assert tried == ["words", "words"]
    assert [o.ok for o in outcomes] == [False, True]
    assert _answer(store, session_id, "s.p") == "words"


def test_close_commits_what_is_waiting_and_then_refuses_more(store) -> None:
    session_id = _session(store)
    outcomes: list[SaveOutcome] = []
    writer = AutosaveWriter(store, outcomes.append)
    for i in range(1, 6):
        writer.submit(_edit(session_id, f"s.p{i % 3}", f"text {i}", i))
    assert writer.close()
    assert writer.pending_count() == 0
    assert {k: _answer(store, session_id, k) for k in ("s.p0", "s.p1", "s.p2")} == {
        "s.p0": "text 3",
        "s.p1": "text 4",
        "s.p2": "text 5",
    }
    assert outcomes[-1].pending == 0 and all(o.ok for o in outcomes)
    with pytest.raises(RuntimeError, match="closed"):
        writer.submit(_edit(session_id, "s.p1", "too late", 9))


def test_close_gives_up_on_an_edit_that_keeps_failing_and_says_so(store, monkeypatch) -> None:
    session_id = _session(store)

    def always_full(*args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store.sessions, "save_answer_versioned", always_full)
    monkeypatch.setattr("supervision_app.storage.autosave.RETRY_DELAYS", (0.01,))
    outcomes: list[SaveOutcome] = []
    writer = AutosaveWriter(store, outcomes.append)
    writer.submit(_edit(session_id, "s.p", "unsaved words", 1))
    assert not writer.close(timeout=0.3)
    assert writer.is_pending((session_id, "s.p"))  # still held, never silently dropped
    assert outcomes and not any(o.ok for o in outcomes)
    assert all("unsaved words" not in o.error for o in outcomes)


def test_an_idle_writer_wakes_for_each_new_edit(store) -> None:
    """Submits spaced out so that the writer is asleep each time: every one is committed."""
    session_id = _session(store)
    done = threading.Semaphore(0)
    outcomes: list[SaveOutcome] = []

    def heard(outcome: SaveOutcome) -> None:
        outcomes.append(outcome)
        done.release()

    writer = AutosaveWriter(store, heard)
    for i in range(1, 21):
        writer.submit(_edit(session_id, "s.p", f"edit {i}", i))
        assert done.acquire(timeout=10)  # the writer went back to sleep after this one
    assert writer.close()
    assert [o.generation for o in outcomes] == list(range(1, 21))
    assert _answer(store, session_id, "s.p") == "edit 20"
