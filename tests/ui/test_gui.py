"""The window, driven with real widgets on a real temporary database (pytest-qt, offscreen)."""

from __future__ import annotations

import importlib.util
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from supervision_app.domain import CaseInput, Child
from supervision_app.storage import SupervisionStore
from supervision_app.storage.autosave import AnswerEdit
from supervision_app.ui.action_dialog import ActionDialog
from supervision_app.ui.autosave_bridge import AutosaveBridge, SaveState
from supervision_app.ui.case_dialog import CaseDialog
from supervision_app.ui.decision_dialog import DecisionDialog
from supervision_app.ui.main_window import MainWindow
from supervision_app.ui.session_dialog import SessionDialog
from supervision_app.ui.settings import SETTINGS_FILE
from tests.helpers import open_db

HOSTILE = "<b>x</b> & 😀 مرحبا"
SAVED_PREFIX = "All changes saved at"


# -- helpers ------------------------------------------------------------------------


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type like a user: ASCII through qtbot.keyClicks, other characters as key events with text
    (QTest.keyClicks cannot map non-ASCII characters to keys)."""
    run = ""
    for char in text:
        if char.isascii() and char != "\n":
            run += char
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        if char == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                )
    if run:
        qtbot.keyClicks(widget, run)


def make_case(store: SupervisionStore, reference: str = "CSC-7") -> tuple[int, int]:
    case_id = store.cases.create_case(
        CaseInput(
            reference,
            "Alex Morgan",
            "Jo Patel",
            ["Health Visiting"],
            [Child("K", date(2019, 3, 14))],
        )
    )
    session_id = store.sessions.create_session(
        case_id, date(2026, 3, 12), ["Alex Morgan", "Jo Patel"], "1.0.0"
    )
    return case_id, session_id


def open_window(qtbot, store: SupervisionStore, content, db_path: Path) -> MainWindow:
    window = MainWindow(store, content, db_path)
    qtbot.addWidget(window)
    # The window now fits the screen, and the offscreen one is 800 × 600: these tests are
    # of a laptop-sized window (test_layout_small_screen covers small screens).
    window.resize(1320, 860)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_session(qtbot, window: MainWindow, session_id: int) -> None:
    tree = window.case_tree
    item = tree._find("session", session_id)
    assert item is not None, "the session is not in the case list"
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center()
    )
    qtbot.waitUntil(lambda: window.session_view.session_id == session_id)


#: The widgets a user can act on (the accessibility and small-screen walks check each one).
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
    QComboBox,
    QAbstractSpinBox,
)


def interactive_without_name(root: QWidget) -> list[str]:
    interactive = INTERACTIVE

    def internal(widget: QWidget) -> bool:
        if widget.objectName().startswith("qt_"):
            return True
        parent = widget.parentWidget()
        while parent is not None and parent is not root:
            if isinstance(parent, (QAbstractSpinBox, QComboBox, QAbstractItemView)):
                return True
            parent = parent.parentWidget()
        return False

    return [
        f"{type(w).__name__}#{w.objectName()}"
        for w in root.findChildren(QWidget)
        if isinstance(w, interactive) and not internal(w) and not w.accessibleName().strip()
    ]


@pytest.fixture
def window(qtbot, store: SupervisionStore, content, db_path: Path) -> Iterator[MainWindow]:
    win = open_window(qtbot, store, content, db_path)
    yield win
    win.close()


# -- the walk-through ----------------------------------------------------------------------


def test_walk_through_survives_a_restart(qtbot, content, db_path: Path, tmp_path: Path) -> None:
    database = open_db(db_path)
    store = SupervisionStore(database)
    window = open_window(qtbot, store, content, db_path)
    assert window.central_stack.currentWidget() is window.empty_state

    # -- a case, through the dialog
    qtbot.mouseClick(window.empty_state.create_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(CaseDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.reference_edit, "CSC-2041")
    qtbot.keyClicks(dialog.practitioner_edit, "Alex Morgan")
    qtbot.keyClicks(dialog.supervisor_edit, "Jo Patel")
    qtbot.keyClicks(dialog.agencies_edit, "Children's Social Care, Health Visiting")
    first = dialog.children_editor.rows[0]
    qtbot.keyClicks(first.name_edit, "K")
    first.date_unknown_check.setChecked(False)
    first.date_edit.setDate(QDate(2019, 3, 14))
    qtbot.mouseClick(dialog.children_editor.add_button, Qt.MouseButton.LeftButton)
    baby = dialog.children_editor.rows[1]
    qtbot.keyClicks(baby.name_edit, "Baby")
    baby.unborn_check.setChecked(True)
    baby.date_unknown_check.setChecked(False)
    due = date.today() + timedelta(days=90)
    baby.date_edit.setDate(QDate(due))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(CaseDialog) is None)
    [case] = store.cases.list_cases()
    assert case.reference == "CSC-2041"
    detail = store.cases.get_case(case.id)
    assert detail.agencies == ["Children's Social Care", "Health Visiting"]
    assert [(c.name, c.date_of_birth, c.unborn) for c in detail.children] == [
        ("K", date(2019, 3, 14), False),
        ("Baby", due, True),
    ]
    assert window.central_stack.currentWidget() is window.splitter
    assert window.windowTitle().startswith("CSC-2041")

    # -- a session, through the dialog (defaults: today, practitioner and supervisor)
    window.actions.new_session.trigger()
    session_dialog = window.findChild(SessionDialog)
    assert session_dialog is not None
    assert session_dialog.date_edit.date().toPython() == date.today()
    assert session_dialog.attendees_edit.toPlainText() == "Alex Morgan\nJo Patel"
    qtbot.mouseClick(session_dialog.ok_button, Qt.MouseButton.LeftButton)
    view = window.session_view
    qtbot.waitUntil(lambda: view.session_id is not None)
    session_id = view.session_id
    assert window.windowTitle() == "CSC-2041 — Supervision App"

    # -- a new session opens on Today; one answer on each of four items of the proposed agenda
    assert view.pages.currentWidget() is view.focus.today
    typed: dict[str, str] = {}
    items = [i for i in view.focus.items if content.prompt(i.prompt_id).kind == "text"][:4]
    for number, item in enumerate(items, start=1):
        assert view.go_to_prompt(item.prompt_id)
        editor = view.editor_for(item.prompt_id)
        text = f"Item {number}: {HOSTILE}\n  second line\twith a tab"
        type_text(qtbot, editor, text.replace("\t", " "))
        typed[item.prompt_id] = text.replace("\t", " ")
        assert editor.toPlainText() == typed[item.prompt_id]
    assert view.rail.plan_title.text() == f"AGENDA · 4 OF {len(view.focus.items)}"
    qtbot.waitUntil(lambda: window.save_indicator.text().startswith(SAVED_PREFIX), timeout=10000)
    stored = store.sessions.get_session(session_id).answers
    assert {pid: stored[pid].text for pid in typed} == typed

    # -- a decision: refused without a rationale, then recorded
    view.show_decisions()
    page = view.decisions_page
    qtbot.mouseClick(page.add_decision_button, Qt.MouseButton.LeftButton)
    decision_dialog = window.findChild(DecisionDialog)
    assert decision_dialog is not None
    qtbot.keyClicks(decision_dialog.decision_edit, "Convene a strategy discussion")
    assert not decision_dialog.ok_button.isEnabled()
    decision_dialog.accept()  # even when forced, it refuses
    assert decision_dialog.isVisible()
    assert "rationale" in decision_dialog.problems_label.text()
    assert store.sessions.get_session(session_id).decisions == []
    type_text(qtbot, decision_dialog.rationale_edit, f"Bruising & inconsistent accounts {HOSTILE}")
    assert decision_dialog.ok_button.isEnabled()
    qtbot.mouseClick(decision_dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.decisions_table.rowCount() == 1)

    # -- an action with owner and due date
    qtbot.mouseClick(page.add_action_button, Qt.MouseButton.LeftButton)
    action_dialog = window.findChild(ActionDialog)
    assert action_dialog is not None
    qtbot.keyClicks(action_dialog.description_edit, "Visit unannounced and see K alone")
    assert not action_dialog.ok_button.isEnabled()  # no owner yet
    qtbot.keyClicks(action_dialog.owner_edit, "Alex Morgan")
    action_dialog.due_edit.setDate(QDate(2030, 1, 9))
    qtbot.mouseClick(action_dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.actions_table.rowCount() == 1)
    saved = store.sessions.get_session(session_id)
    assert [(d.text, d.rationale) for d in saved.decisions] == [
        ("Convene a strategy discussion", f"Bruising & inconsistent accounts {HOSTILE}")
    ]
    assert [(a.description, a.owner, a.due_date) for a in saved.actions] == [
        ("Visit unannounced and see K alone", "Alex Morgan", date(2030, 1, 9))
    ]

    # -- the preview shows the answers
    view.show_preview()
    preview = view.preview_page.preview_text()
    assert "CSC-2041" in preview
    for text in typed.values():
        for line in text.split("\n"):
            assert line.strip() in preview
    assert "Convene a strategy discussion" in preview

    # -- PDF export, without the file dialog
    if importlib.util.find_spec("supervision_app.record.pdf") is not None:
        pdf = tmp_path / "record.pdf"
        assert view.preview_page.export_pdf_to(pdf)
        assert pdf.read_bytes().startswith(b"%PDF")
        if importlib.util.find_spec("pypdf") is not None:
            from pypdf import PdfReader

            extracted = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
            assert "CSC-2041" in extracted
        assert str(pdf) in window.statusBar().currentMessage()

    # -- close, then a new window on the same file finds everything exactly as typed
    window.close()
    assert not window.isVisible()
    database.close()

    database = open_db(db_path)
    try:
        store2 = SupervisionStore(database)
        window2 = open_window(qtbot, store2, content, db_path)
        assert window2.central_stack.currentWidget() is window2.home.page  # after unlock
        open_session(qtbot, window2, session_id)
        view2 = window2.session_view
        for prompt_id, text in typed.items():
            assert view2.editor_for(prompt_id).toPlainText() == text
        assert view2.decisions_page.decisions_table.rowCount() == 1
        assert view2.decisions_page.actions_table.rowCount() == 1
        window2.close()
    finally:
        database.close()

    ini = Path(os.environ["SUPERVISION_APP_DATA_DIR"]) / "config" / SETTINGS_FILE
    assert ini.exists()
    settings_bytes = ini.read_bytes()
    for secret in ("CSC-2041", "Item 1", "Alex", "strategy"):
        assert secret.encode() not in settings_bytes


# -- focused behaviours -------------------------------------------------------------------


def test_empty_state_when_there_are_no_cases(window: MainWindow) -> None:
    assert window.central_stack.currentWidget() is window.empty_state
    assert window.empty_state.isVisible()
    assert window.empty_state.create_button.isVisible()
    assert window.empty_state.demo_button.isVisible()
    assert window.windowTitle() == "Supervision App"
    assert not window.actions.export_pdf.isEnabled()


def test_load_demo_from_the_empty_state(qtbot, window: MainWindow, store: SupervisionStore) -> None:
    qtbot.mouseClick(window.empty_state.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session_view.session_id is not None)
    assert window.central_stack.currentWidget() is window.splitter
    assert [c.reference for c in store.cases.list_cases()] == ["DEMO-0001", "DEMO-0002"]
    assert window.session_view.answered_total() > 0


def test_closing_with_a_pending_debounced_edit_still_saves_it(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    _case_id, session_id = make_case(store)
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    prompt = content.stages[1].prompts[0]
    window.session_view.go_to_page(1)
    editor = window.session_view.editor_for(prompt.id)
    type_text(qtbot, editor, f"typed just before closing {HOSTILE}")
    assert editor.has_uncommitted_typing()  # still inside the debounce interval
    window.close()
    assert (
        store.sessions.get_session(session_id).answers[prompt.id].text
        == f"typed just before closing {HOSTILE}"
    )


def test_close_is_refused_when_text_could_not_be_saved(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(window.bridge, "flush", lambda timeout=10.0: False)
    monkeypatch.setattr(window, "ask_keep_open", lambda: True)
    assert not window.close()
    assert window.isVisible()
    monkeypatch.undo()


def test_every_interactive_widget_has_an_accessible_name(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    _case_id, session_id = make_case(store)
    store.sessions.add_decision(session_id, "Decide", "Because")
    store.sessions.add_action(session_id, "Act", "Alex", date(2030, 1, 1))
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    assert interactive_without_name(window) == []
    assert interactive_without_name(window.session_view) == []
    for dialog in (
        CaseDialog(window, store.cases.get_case(_case_id)),
        DecisionDialog(window),
        ActionDialog(window),
        SessionDialog(window, store.cases.get_case(_case_id)),
    ):
        assert interactive_without_name(dialog) == [], type(dialog).__name__
        dialog.deleteLater()
    window.close()


def test_keyboard_moves_between_stages(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    _case_id, session_id = make_case(store)
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    view = window.session_view
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    first = view.focus.items[0].prompt_id  # Today, Agenda, then the agenda's items
    view.go_to_prompt(first)
    editor = view.editor_for(first)
    assert view.current_page_index() == 2
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.current_page_index() == 3
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert view.current_page_index() == 1
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier
    )
    assert view.current_page_index() == 2
    view.navigator.setFocus()
    qtbot.keyClick(view.navigator, Qt.Key.Key_Down)
    assert view.current_page_index() == 3
    # Tab leaves an answer box instead of inserting a tab character
    editor = view.editor_for(view.focus.items[1].prompt_id)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert "\t" not in editor.toPlainText()
    window.close()


def test_answers_to_prompts_no_longer_in_the_content_are_shown(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    _case_id, session_id = make_case(store)
    stage = content.stages[0]
    store.sessions.save_answer(
        session_id, f"{stage.id}.retired_question", stage.id, "An old question?", "kept 1"
    )
    store.sessions.save_answer(session_id, "old_stage.question", "old_stage", "Another old one?", "kept 2")
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    view = window.session_view
    assert view.editor_for(f"{stage.id}.retired_question").toPlainText() == "kept 1"
    assert view.editor_for("old_stage.question").toPlainText() == "kept 2"
    titles = [view.navigator.item(r).text() for r in range(view.navigator.count())]
    # A session from before the agenda: the stages with answers only, then the earlier ones
    assert titles[:2] == [stage.title, "Earlier answers"]
    window.close()


def test_an_outcome_for_older_text_does_not_claim_saved(qtbot, store: SupervisionStore) -> None:
    _case_id, session_id = make_case(store)
    bridge = AutosaveBridge(store)
    key = (session_id, "professional_curiosity.x")
    bridge.note_edit(key)
    bridge.submit(AnswerEdit(session_id, key[1], "professional_curiosity", "Q?", "first"))
    bridge.note_edit(key)  # the editor changed again, not yet submitted
    assert bridge.flush(5.0)
    qtbot.wait(50)  # deliver the queued outcome
    assert bridge.state() is SaveState.SAVING
    bridge.submit(AnswerEdit(session_id, key[1], "professional_curiosity", "Q?", "first and more"))
    qtbot.waitUntil(lambda: bridge.state() is SaveState.SAVED)
    assert bridge.close(5.0)


def test_case_dialog_keeps_everything_when_validation_fails(qtbot) -> None:
    dialog = CaseDialog(None, None, save=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.reference_edit, "CSC-1")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problems_frame.isVisible()
    assert "practitioner" in dialog.problems_label.text()
    assert dialog.reference_edit.text() == "CSC-1"


def test_duplicate_reference_is_reported_inside_the_dialog(
    qtbot, window: MainWindow, store: SupervisionStore
) -> None:
    make_case(store, "CSC-9")
    window.reload_cases()
    window.actions.new_case.trigger()
    dialog = window.findChild(CaseDialog)
    for edit, text in (
        (dialog.reference_edit, "CSC-9"),
        (dialog.practitioner_edit, "A"),
        (dialog.supervisor_edit, "B"),
        (dialog.children_editor.rows[0].name_edit, "K"),
    ):
        qtbot.keyClicks(edit, text)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "already exists" in dialog.problems_label.text()
    dialog.reject()


def test_run_gui_reports_a_bad_database_without_a_traceback(
    qtbot, content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from supervision_app.ui import app as app_module

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, _title, text, *a: shown.append(text)
    )
    bad = tmp_path / "not-a-database.sqlite3"
    bad.write_bytes(b"this is not sqlite at all" * 10)
    assert app_module.run_gui(bad, content) == 2
    assert shown and "not a supervision database" in shown[0]


def test_json_export_then_import_after_deleting_the_session(
    qtbot, store: SupervisionStore, content, db_path: Path, tmp_path: Path, monkeypatch
) -> None:
    case_id, session_id = make_case(store)
    prompt = content.stages[0].prompts[0]
    store.sessions.save_answer(session_id, prompt.id, prompt.stage_id, prompt.text, HOSTILE)
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    record = tmp_path / "record.json"
    assert window.session_view.preview_page.export_json_to(record)
    assert record.exists()

    monkeypatch.setattr(window.case_actions, "confirm_delete", lambda _title, _text: True)
    window.actions.delete_session.trigger()
    assert store.sessions.list_sessions(case_id) == []
    assert window.session_view.session_id is None
    assert window.detail_stack.currentWidget() is window.case_overview

    assert window.imports.import_json_from(record)
    qtbot.waitUntil(lambda: window.session_view.session_id is not None)
    assert window.session_view.editor_for(prompt.id).toPlainText() == HOSTILE
    window.close()


def test_changing_a_sessions_date_and_attendees_from_its_header(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    _case_id, session_id = make_case(store)
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    view = window.session_view
    qtbot.waitUntil(lambda: view.session_id == session_id)
    qtbot.mouseClick(view.header.edit_details_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(SessionDialog)
    assert dialog is not None
    dialog.date_edit.setDate(QDate(2026, 11, 30))
    dialog.attendees_edit.setPlainText("Alex Morgan\nJo Patel\nSam Lee (student)")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.sessions.get_session(session_id).date == date(2026, 11, 30))
    assert store.sessions.get_session(session_id).attendees == [
        "Alex Morgan", "Jo Patel", "Sam Lee (student)"
    ]  # fmt: skip
    assert view.detail is not None and view.detail.attendees[-1] == "Sam Lee (student)"
