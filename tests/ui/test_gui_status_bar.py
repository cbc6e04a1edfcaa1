"""The status bar on a laptop screen: a long save error is cut short with "…" (the whole of it
in the tooltip and for screen readers) instead of being cut mid-word and pushing everything
else off, and the window still fits the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow, QStatusBar

from supervision_app.ui.elided_label import ElidedLabel
from tests.ui.test_gui import open_window

ERROR = (
    "● Not saved: The disk holding the records is full. Free some space on it, then go on "
    "typing: nothing you typed is lost, and it is saved as soon as there is room."
)


def test_a_long_save_error_ends_in_an_ellipsis_and_is_whole_in_its_tooltip(
    qtbot, store, content, db_path: Path
) -> None:
    window = open_window(qtbot, store, content, db_path)
    window.resize(1000, 700)
    indicator = window.save_indicator
    indicator.setText(ERROR)
    QApplication.processEvents()
    shown = indicator.shown_text()
    assert shown.endswith("…") and ERROR.startswith(shown[:-1]) and len(shown) < len(ERROR)
    assert indicator.text() == ERROR
    assert indicator.toolTip() == ERROR and indicator.accessibleDescription() == ERROR
    assert indicator.width() <= indicator.maximumWidth()
    # Everything in the status bar is inside the window.
    bar = window.statusBar()
    assert all(w.geometry().right() <= bar.width() for w in bar.findChildren(ElidedLabel))
    assert window.width() == 1000


def test_a_short_text_is_shown_whole_and_a_wider_window_shows_more(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    label = ElidedLabel("Saving…", minimum=60, maximum=400)
    bar = QStatusBar()
    window.setStatusBar(bar)
    bar.addPermanentWidget(label)
    window.resize(600, 200)
    window.show()
    qtbot.waitExposed(window)
    assert label.shown_text() == "Saving…"
    label.setText(ERROR)
    QApplication.processEvents()
    narrow = label.shown_text()
    assert narrow.endswith("…")
    assert label.width() <= 400
    label.setMaximumWidth(16_777_215)
    window.resize(1600, 200)
    QApplication.processEvents()
    assert label.shown_text() == ERROR  # room for all of it now
