"""Autosave conflicts in the window: someone else saved a structured tool or Today's text first;
both versions are shown, nothing is overwritten before the user chooses, and the choice goes
back into the editor and is saved.  (On the laptop the second client is another store on the
same file, as a second window would be; the agency server's two logins are in
test_gui_agency_window.py.)"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPushButton, QWidget
from test_gui import make_case, open_session, open_window, type_text

from supervision_app.storage import SupervisionStore
from supervision_app.ui.agency_window import install_agency
from supervision_app.ui.answer_conflict import AnswerConflictDialog

DANGER = "professional_curiosity.dangerousness_check"


def _screenshot(widget: QWidget, name: str) -> None:
    """Saved only when SUPERVISION_APP_SHOTS names a folder (for looking at)."""
    if folder := os.environ.get("SUPERVISION_APP_SHOTS"):
        widget.grab().save(str(Path(folder) / name))


def _window(qtbot, store, content, db_path):
    window = open_window(qtbot, store, content, db_path)
    install_agency(window, store.database, content, lambda *_args, **_kw: None)  # as app.py does
    return window


def _dialog(qtbot, window) -> AnswerConflictDialog:
    qtbot.waitUntil(lambda: window.findChild(AnswerConflictDialog) is not None, timeout=10000)
    return window.findChild(AnswerConflictDialog)


def test_a_conflict_in_a_structured_tool_shows_both_versions(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    _case_id, session_id = make_case(store)
    window = _window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    view = window.session_view
    view.focus.agenda.add_prompt(DANGER)
    view.go_to_prompt(DANGER)
    checklist = view.editor_for(DANGER)
    qtbot.mouseClick(checklist.groups["rule_of_optimism"].buttons()[0], Qt.MouseButton.LeftButton)
    assert view.wait_for_saves(10)

    other = SupervisionStore(store.database)  # another window on the same records
    theirs = checklist.data()
    for item in theirs["items"]:
        if item["id"] == "rule_of_optimism":
            item["answer"], item["note"] = "No", "Theirs: mum was not seen alone"
    other.sessions.save_structured_answer(
        session_id, DANGER, checklist.stage_id, checklist.prompt_text, "checklist", theirs
    )
    note = checklist.notes["rule_of_optimism"]
    note.setFocus()
    type_text(qtbot, note, "Mine: reassured by the visit")
    checklist.commit_now()

    dialog = _dialog(qtbot, window)
    their_text, my_text = dialog.theirs_view.toPlainText(), dialog.mine_view.toPlainText()
    assert "No" in their_text and "Theirs: mum was not seen alone" in their_text
    assert "Yes" in my_text and "Mine: reassured by the visit" in my_text
    assert "{" not in their_text + my_text  # readable lines, not the stored JSON
    assert not dialog.merge_edit.isVisible()  # a tool is merged in the tool itself
    assert dialog.findChild(QPushButton, "keepMine").isVisible()
    assert dialog.findChild(QPushButton, "takeTheirs").isVisible()
    stored = other.sessions.get_session(session_id).structured[DANGER].data
    assert stored == theirs  # nothing overwritten before the user chose
    _screenshot(dialog, "tool-conflict.png")

    qtbot.mouseClick(dialog.findChild(QPushButton, "keepMine"), Qt.MouseButton.LeftButton)
    assert checklist.choice("rule_of_optimism") == "Yes"
    assert checklist.notes["rule_of_optimism"].text() == "Mine: reassured by the visit"
    assert window.bridge.flush(10) and not window.bridge.errors()
    items = other.sessions.get_session(session_id).structured[DANGER].data["items"]
    mine = next(i for i in items if i["id"] == "rule_of_optimism")
    assert (mine["answer"], mine["note"]) == ("Yes", "Mine: reassured by the visit")
    # Typing on after the choice is based on the version just saved: no second conflict.
    type_text(qtbot, checklist.notes["rule_of_optimism"], ".")
    checklist.commit_now()
    assert window.bridge.flush(10) and not window.bridge.errors()
    window.close()


def test_a_conflict_in_todays_text_takes_theirs_when_chosen(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    _case_id, session_id = make_case(store)
    window = _window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    today = window.session_view.focus.today
    question = today.question
    question.setFocus()
    type_text(qtbot, question, "Mine")
    question.commit_now()
    assert window.bridge.flush(10)

    other = SupervisionStore(store.database)
    other.focus.save_session_text(session_id, "today.question", "Theirs", base="Mine")
    type_text(qtbot, question, " and more")
    question.commit_now()

    dialog = _dialog(qtbot, window)
    assert dialog.theirs_view.toPlainText() == "Theirs"
    assert dialog.mine_view.toPlainText() == "Mine and more"
    assert other.focus.get_opening(session_id).question == "Theirs"
    qtbot.mouseClick(dialog.findChild(QPushButton, "takeTheirs"), Qt.MouseButton.LeftButton)
    assert question.text() == "Theirs"
    question.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, question, ", then mine")
    question.commit_now()
    assert window.bridge.flush(10) and not window.bridge.errors()
    assert other.focus.get_opening(session_id).question == "Theirs, then mine"
    window.close()
