"""The window's security features, driven like a user: first run, lock, unlock, clipboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QTextEdit, QWidget

from supervision_app import APP_NAME
from supervision_app.storage import Database, Passphrase, SupervisionStore, open_database
from supervision_app.ui.app import build_window
from supervision_app.ui.clipboard_guard import KDE_HINT
from supervision_app.ui.passphrase_dialog import PassphraseDialog
from supervision_app.ui.recovery_key_dialog import RecoveryKeyDialog
from supervision_app.ui.startup import open_interactively
from tests.helpers import TEST_PASSPHRASE, open_db
from tests.ui.test_gui import interactive_without_name, make_case, open_session, type_text

SECRET = "Mum's new partner, MARKER-LOCK-5521, visits at night"


@pytest.fixture
def unlocked(qtbot, db_path: Path, content) -> Iterator[tuple[object, Database, int]]:
    database = open_db(db_path)
    _case, session_id = make_case(SupervisionStore(database))
    window = build_window(database, content)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, database, session_id
    window.close()
    database.close()
    window.deleteLater()  # its lock controller and clipboard guard go with it
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def visible_texts(root: QWidget) -> str:
    parts = [w.text() for w in root.findChildren(QLabel)]
    parts += [w.toPlainText() for w in root.findChildren(QPlainTextEdit)]
    parts += [w.toPlainText() for w in root.findChildren(QTextEdit)]  # answers, preview
    return "\n".join(parts)


def test_ctrl_l_saves_typing_clears_the_screen_and_unlock_returns(qtbot, unlocked, content) -> None:
    window, database, session_id = unlocked
    open_session(qtbot, window, session_id)
    prompt_id = window.session_view.focus.items[0].prompt_id  # the agenda's first item
    window.session_view.go_to_prompt(prompt_id)
    editor = window.session_view.editor_for(prompt_id)
    editor.setFocus()
    type_text(qtbot, editor, SECRET)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    controller = window.lock_controller
    assert controller.locked
    assert window.central_stack.currentWidget() is controller.panel
    assert SECRET not in visible_texts(window)
    assert "CSC-7" not in visible_texts(window)
    assert window.windowTitle() == APP_NAME
    assert not window.menuBar().isEnabled()

    panel = controller.panel
    qtbot.keyClicks(panel.field, "not my passphrase")
    qtbot.mouseClick(panel.unlock_button, Qt.MouseButton.LeftButton)
    assert panel.problems_frame.isVisible()
    assert "not right" in panel.problems_label.text()
    assert controller.locked

    panel.field.clear()
    qtbot.keyClicks(panel.field, TEST_PASSPHRASE)
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert not controller.locked
    assert window.session_view.session_id == session_id
    assert window.session_view.current_page_index() == 2  # the agenda's first item, again
    assert SECRET in visible_texts(window.session_view)
    assert SupervisionStore(database).sessions.get_session(session_id).answers[prompt_id].text == SECRET


def test_idle_time_on_the_wall_clock_locks(qtbot, unlocked) -> None:
    window, _database, _session_id = unlocked
    controller = window.lock_controller
    now = [10_000.0]
    controller._clock = lambda: now[0]
    controller.last_activity = controller._last_check = now[0]
    for _tick in range(controller.timeout_seconds // 5 - 1):  # the timer, every 5 seconds
        now[0] += 5
        controller.check_idle()
    assert not controller.locked
    now[0] += 5
    controller.check_idle()
    assert controller.locked


def test_auto_lock_minutes_are_kept_within_limits(qtbot, unlocked) -> None:
    controller = unlocked[0].lock_controller
    controller.set_timeout_minutes(600)
    assert controller.timeout_seconds == 30 * 60
    controller.set_timeout_minutes(0)
    assert controller.timeout_seconds == 60


def test_repeated_wrong_passphrases_disable_unlock_for_a_while(qtbot, unlocked) -> None:
    window, _database, _session_id = unlocked
    controller = window.lock_controller
    controller.lock()
    panel = controller.panel
    for _ in range(4):
        panel.field.setText("wrong passphrase")
        panel.try_unlock()
    assert not panel.unlock_button.isEnabled()
    assert "wait" in panel.problems_label.text()
    panel.field.setText(TEST_PASSPHRASE)
    panel.try_unlock()  # ignored while waiting
    assert controller.locked


def test_copied_text_is_marked_sensitive_and_cleared_on_lock(qtbot, unlocked, content) -> None:
    window, _database, session_id = unlocked
    open_session(qtbot, window, session_id)
    window.session_view.go_to_prompt(window.session_view.focus.items[0].prompt_id)
    editor = window.session_view.editor_for(window.session_view.focus.items[0].prompt_id)
    editor.setFocus()
    type_text(qtbot, editor, SECRET)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)  # the user is in the app
    editor.selectAll()
    editor.copy()
    clipboard = QApplication.clipboard()
    qtbot.waitUntil(lambda: clipboard.mimeData().hasFormat(KDE_HINT))
    assert bytes(clipboard.mimeData().data(KDE_HINT)) == b"secret"
    assert clipboard.text() == SECRET
    window.lock_controller.lock()
    assert clipboard.text() != SECRET


def test_passphrase_dialog_refuses_weak_or_mismatched_passphrases(qtbot) -> None:
    dialog = PassphraseDialog(None, db_path=Path("/somewhere/supervision.sqlite3"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not interactive_without_name(dialog)
    qtbot.keyClicks(dialog.passphrase, "password1")
    assert "Too short" in dialog.strength_label.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "at least 12" in dialog.problems_label.text()
    dialog.passphrase.setText("Tiger-Violin-Harbour-79!")
    assert "Strong" in dialog.strength_label.text()
    dialog.confirm.setText("Tiger-Violin-Harbour-78!")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "different" in dialog.problems_label.text()
    dialog.confirm.setText("Tiger-Violin-Harbour-79!")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_first_run_creates_the_database_only_after_the_recovery_key_is_confirmed(
    qtbot, tmp_path: Path
) -> None:
    path = tmp_path / "first.sqlite3"
    seen: dict[str, str] = {}

    def drive() -> None:
        modal = QApplication.activeModalWidget()
        try:
            step(modal)
        except Exception as exc:  # report it, and never leave a modal dialog waiting
            seen["error"] = repr(exc)
            modal.reject()

    def step(modal) -> None:
        if isinstance(modal, PassphraseDialog):
            assert not path.exists()
            seen["lead"] = visible_texts(modal)
            modal.passphrase.setText("Tiger-Violin-Harbour-79!")
            modal.confirm.setText("Tiger-Violin-Harbour-79!")
            modal.ok_button.click()
        elif isinstance(modal, RecoveryKeyDialog):
            assert not path.exists()
            assert not interactive_without_name(modal)
            seen["key"] = modal.key_label.text()
            modal.ok_button.click()  # not yet confirmed: refused
            assert modal.isVisible()
            modal.stored.setChecked(True)
            modal.ok_button.click()
            return
        QTimer.singleShot(50, drive)

    QTimer.singleShot(50, drive)
    database = open_interactively(path)
    assert "error" not in seen, seen.get("error")
    assert database is not None
    database.close()
    assert str(path) in seen["lead"]
    assert len(seen["key"].split("-")) == 8
    from supervision_app.storage import RecoveryKey

    open_database(path, RecoveryKey(seen["key"])).close()
    open_database(path, Passphrase("Tiger-Violin-Harbour-79!")).close()
