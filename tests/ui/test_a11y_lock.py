"""Locking clears every window that shows case text, hidden ones too: a screen reader reads
hidden windows over AT-SPI, and they came back after unlock."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QPlainTextEdit

from tests.ui.test_gui import open_session
from tests.ui.test_gui_security import unlocked  # noqa: F401 (fixture)


def test_lock_forgets_the_search_and_empties_open_dialogs(qtbot, unlocked) -> None:  # noqa: F811
    window, _database, session_id = unlocked
    open_session(qtbot, window, session_id)
    search = window.search.open()
    search.query_edit.setText("Alex")
    search.run_search()
    search.hide()  # closed by the user, still holding the term and its results
    assert search.results.count() or search.query_edit.text()
    window.session_view.show_decisions()
    window.session_view.decisions_page.add_decision_button.click()
    dialog = window.findChild(QDialog, "decisionDialog")
    qtbot.keyClicks(dialog.decision_edit, "MARKER-DECISION-77")

    window.lock_controller.lock()  # as the idle timer does, with the dialog open
    assert window.lock_controller.locked
    assert window.search.dialog is None
    texts = []
    for left in window.findChildren(QDialog):
        texts += [e.text() for e in left.findChildren(QLineEdit)]
        texts += [e.toPlainText() for e in left.findChildren(QPlainTextEdit)]
        texts += [str(view.count()) for view in left.findChildren(QListWidget) if view.count()]
    assert not any("Alex" in t or "MARKER-DECISION" in t for t in texts), texts
    assert not [v for v in window.findChildren(QListWidget, "searchResults") if v.count()]
