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
