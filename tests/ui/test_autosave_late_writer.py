"""The autosave writer (and its thread) starts at the first edit submitted, not with the
window: Home, the first screen after unlock, has nothing to save."""

from __future__ import annotations

import threading
from pathlib import Path

from supervision_app.storage import SupervisionStore
from supervision_app.storage.autosave import AnswerEdit
from supervision_app.ui.autosave_bridge import AutosaveBridge, SaveState
from supervision_app.ui.main_window import MainWindow
from tests.ui.test_gui import make_case


def autosave_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "autosave"]


def test_a_bridge_with_nothing_submitted_has_no_writer_and_flushes_and_closes_at_once(
    qtbot, store: SupervisionStore
) -> None:
    before = autosave_threads()
    bridge = AutosaveBridge(store)
    assert autosave_threads() == before
    assert bridge.flush(0.0) and bridge.state() is SaveState.IDLE
    key = (1, "professional_curiosity.x")
    bridge.note_edit(key)  # typed, not yet submitted: the indicator says so, nothing to wait on
    assert bridge.state() is SaveState.SAVING
    assert bridge.flush(0.0)
    assert bridge.close(0.0)
    assert autosave_threads() == before


def test_the_first_edit_starts_the_writer_and_is_saved(qtbot, store: SupervisionStore) -> None:
    _case_id, session_id = make_case(store)
    bridge = AutosaveBridge(store)
    before = len(autosave_threads())
    key = (session_id, "professional_curiosity.x")
    bridge.note_edit(key)
    bridge.submit(AnswerEdit(session_id, key[1], "professional_curiosity", "Q?", "typed first"))
    assert len(autosave_threads()) == before + 1
    qtbot.waitUntil(lambda: bridge.state() is SaveState.SAVED)
    assert store.sessions.get_session(session_id).answers[key[1]].text == "typed first"
    assert bridge.close(5.0)
    assert len(autosave_threads()) == before


def test_the_window_opens_and_closes_without_an_autosave_thread(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    make_case(store)
    before = autosave_threads()
    window = MainWindow(store, content, db_path)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    assert autosave_threads() == before
    assert window.wait_for_saves(0.0)
    window.close()
    assert autosave_threads() == before
