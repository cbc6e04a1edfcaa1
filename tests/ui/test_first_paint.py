"""Work the first screen does not need waits until the main window has been painted."""

from __future__ import annotations

from pathlib import Path

import pytest

from supervision_app.storage import SupervisionStore
from supervision_app.ui import spell_check
from supervision_app.ui.main_window import MainWindow


def test_the_spelling_dictionary_opens_after_the_first_paint(
    qtbot, store: SupervisionStore, content, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    real = spell_check.load_checker

    def counting_loader(*args, **kwargs):
        opened.append("dictionary")
        return real(*args, **kwargs)

    monkeypatch.setattr(spell_check, "load_checker", counting_loader)
    window = MainWindow(store, content, db_path)
    qtbot.addWidget(window)
    qtbot.wait(50)  # the event loop runs: nothing is waiting on a zero timer any more
    assert opened == []  # built, not yet painted: no dictionary
    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: opened == ["dictionary"])
    window.desktop.spelling.ignore("Plinkadoo")  # a word ignored at once is kept
    checker = window.desktop.spelling.checker()
    assert checker is None or checker.is_correct("Plinkadoo")


def test_the_window_modules_preload_after_the_first_screen_is_painted(qtbot) -> None:
    """The preload (SQLAlchemy and the window's modules, on a thread) waits until the unlock
    dialog has been painted, so that it does not compete with it for the interpreter. Only
    that dialog's paint counts: another window painted first starts nothing."""
    from PySide6.QtWidgets import QDialog, QLabel

    from supervision_app.ui.app import _AfterFirstPaint

    started: list[str] = []
    dialog = QDialog()
    QLabel("Passphrase:", dialog)
    qtbot.addWidget(dialog)
    hook = _AfterFirstPaint(dialog, lambda: started.append("preload"))
    other = QDialog()
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    qtbot.wait(50)
    assert started == []  # the first screen is not painted yet
    dialog.show()
    qtbot.waitUntil(lambda: started == ["preload"])
    dialog.update()
    qtbot.wait(50)
    assert started == ["preload"]  # once only
    hook.cancel()  # harmless after it has run


def test_the_wheel_guard_comes_with_the_first_paint_and_guards_the_boxes_made_before(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    """Without a first screen (scripted start, the server's window) the wheel guard is put in
    once the main window has been painted, not while it is built (its Python event filter
    made Home's scroll area cost 30-60 ms); the boxes made before it, such as the session
    timer's, are guarded all the same."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QSpinBox

    from supervision_app.ui.wheel_guard import GUARD_NAME, WheelGuard

    app = QApplication.instance()
    earlier = app.findChild(WheelGuard, GUARD_NAME)  # from an earlier test in this process
    if earlier is not None:
        app.removeEventFilter(earlier)
        earlier.setParent(None)
        earlier.deleteLater()
    window = MainWindow(store, content, db_path)
    qtbot.addWidget(window)
    early_box = QSpinBox(window)  # made before the guard exists
    early_box.setFocusPolicy(Qt.FocusPolicy.WheelFocus)
    assert app.findChild(WheelGuard, GUARD_NAME) is None
    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: app.findChild(WheelGuard, GUARD_NAME) is not None)
    assert early_box.focusPolicy() == Qt.FocusPolicy.StrongFocus
    later_box = QSpinBox(window)
    later_box.show()  # polished with the guard in place
    qtbot.waitUntil(lambda: later_box.focusPolicy() == Qt.FocusPolicy.StrongFocus)
