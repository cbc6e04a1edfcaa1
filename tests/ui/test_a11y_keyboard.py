"""Keyboard alone, screen reader listening: every page and dialog is walked with Tab; focus
must leave each widget (no trap), land on named widgets only, and land somewhere meaningful
when a page is shown (never the unnamed scroll area), with the page title announced.
Validation errors are alerts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QPushButton, QWidget

from supervision_app.domain.signing import VerifyResult
from supervision_app.storage import SupervisionStore
from supervision_app.ui.a11y import report_problems, show_page
from supervision_app.ui.action_dialog import ActionDialog
from supervision_app.ui.case_dialog import CaseDialog
from supervision_app.ui.decision_dialog import DecisionDialog, DecisionFields
from supervision_app.ui.passphrase_dialog import PassphraseDialog
from supervision_app.ui.password_dialog import PasswordDialog
from supervision_app.ui.unlock_panel import UnlockPanel
from supervision_app.ui.verify_dialog import VerifyDialog
from supervision_app.ui.widgets import problems_box
from tests.accessibility_events import AccessibilityRecorder
from tests.ui.test_gui import make_case, open_session, open_window

MAX_TABS = 600
#: Tab moves between the day, month and year of a date field before leaving it; more
#: Tabs than this on one widget is a trap (the audit table's 18 cells were).
MAX_TABS_IN_ONE_WIDGET = 4


def accessible_name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return (iface.text(QAccessible.Text.Name) if iface is not None else "") or ""


def describe(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    return f"{type(widget).__name__}#{widget.objectName()} '{accessible_name(widget)}'"


def tab_walk(qtbot, root: QWidget) -> list[QWidget]:
    """Press Tab from the current focus until focus comes back to where it started, and
    return the widgets it visited. Fails on a trap (a Tab that leaves focus on the same
    widget), on a stop with no accessible name, or on a walk that never comes back."""
    start = QApplication.focusWidget()
    assert start is not None, "nothing has focus"
    visited = [start]
    stay = 0
    for _ in range(MAX_TABS):
        before = QApplication.focusWidget()
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        stay = stay + 1 if now is before else 0
        assert stay < MAX_TABS_IN_ONE_WIDGET, f"Tab does not leave {describe(before)}: a trap"
        if now is before:
            continue
        assert (now is not None and root.isAncestorOf(now)) or now is root
        assert accessible_name(now).strip(), f"focus on a widget with no name: {describe(now)}"
        assert not (isinstance(now, QAbstractScrollArea) and now.objectName() in {
            "dialogScroll", "", "stagePage"}), f"focus on a bare scroll area: {describe(now)}"  # fmt: skip
        if now is start:
            return visited
        visited.append(now)
    pytest.fail(f"{MAX_TABS} Tabs never came back to {describe(start)}: {describe(now)}")


def assert_shown_well(page: QWidget) -> QWidget:
    focused = QApplication.focusWidget()
    assert focused is not None and page.isAncestorOf(focused), describe(focused)
    assert not (isinstance(focused, QAbstractScrollArea) and focused.inherits("QScrollArea"))
    assert accessible_name(focused).strip(), describe(focused)
    return focused


@pytest.fixture
def session_window(qtbot, store: SupervisionStore, content, db_path: Path) -> Iterator:
    _case_id, session_id = make_case(store)
    store.sessions.add_decision(session_id, "Hold a strategy discussion", "Bruising and two refusals")
    store.sessions.add_action(session_id, "Ask the GP", "Alex Morgan", date(2026, 3, 20))
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    yield window, session_id
    window.close()


def test_every_page_takes_focus_announces_itself_and_tab_leaves_every_widget(
    qtbot, session_window
) -> None:
    window, _session_id = session_window
    view = window.session_view
    seen_titles = []
    for index in range(view.page_count()):
        with AccessibilityRecorder() as heard:
            qtbot.keyClick(
                QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier
            ) if index else view.go_to_page(0)
        assert view.current_page_index() == index
        page = view.pages.currentWidget()
        assert_shown_well(page)
        said = [s for s in heard.of_kind(QAccessible.Event.Announcement)]
        title = view.page_title(index)
        assert said, f"page {index} ({title}) was shown in silence"
        seen_titles.append(title)
        visited = tab_walk(qtbot, window)
        assert len(visited) > 3
    assert len(set(seen_titles)) == view.page_count()


def test_sign_off_audit_table_is_one_tab_stop(qtbot, session_window) -> None:
    window, _session_id = session_window
    view = window.session_view
    view.show_signoff()
    table = view.signoff_page.audit_table
    assert table.rowCount() >= 2  # created, edited...
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is not table


def _dialogs(store: SupervisionStore):
    yield CaseDialog()
    yield DecisionDialog(initial=DecisionFields("Decided", "Because"))
    yield ActionDialog()
    yield PassphraseDialog()
    yield PasswordDialog()
    result = VerifyResult(2, "CSC-7", date(2026, 3, 12), True, "", "ab12")
    yield VerifyDialog([result] * 6)


@pytest.mark.parametrize("index", range(6))
def test_every_dialog_can_be_walked_with_tab(qtbot, store: SupervisionStore, index: int) -> None:
    dialog = list(_dialogs(store))[index]
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    first = QApplication.focusWidget()
    assert first is not None and not first.inherits("QScrollArea"), describe(first)
    visited = tab_walk(qtbot, dialog)
    assert any(isinstance(w, QPushButton) for w in visited)


def test_return_clicks_a_focused_button_in_the_main_window(qtbot, session_window) -> None:
    window, _session_id = session_window
    view = window.session_view
    view.show_decisions()
    button = view.decisions_page.add_decision_button
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(DecisionDialog) is not None)
    dialog = window.findChild(DecisionDialog)
    # The dialog opens on its first field, not on its scroll area.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.decision_edit)
    dialog.reject()


@pytest.mark.skipif(not AccessibilityRecorder.available, reason="needs Qt's update handler")
def test_a_validation_error_is_an_alert_marks_the_field_and_takes_focus(qtbot) -> None:
    dialog = PasswordDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClicks(dialog.password_edit, "short")
    qtbot.keyClicks(dialog.repeat_edit, "short")
    dialog.ok_button.setFocus()
    with AccessibilityRecorder() as heard:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    alerts = heard.of_kind(QAccessible.Event.Alert)
    assert alerts and alerts[0].object is dialog.problems_frame
    said = heard.of_kind(QAccessible.Event.Announcement)
    assert said, "the error was not announced"
    # The box is an alert to screen readers; the field is marked and has focus.
    iface = QAccessible.queryAccessibleInterface(dialog.problems_frame)
    assert iface.role() == QAccessible.Role.AlertMessage
    assert QApplication.focusWidget() is dialog.password_edit
    assert dialog.password_edit.property("invalid") is True
    assert "at least 8" in dialog.password_edit.accessibleDescription()
    assert dialog.repeat_edit.property("invalid") is not True  # the two are the same
    # Fixed: the marks go.
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, "long enough now")
    dialog.show_problems([])
    assert dialog.password_edit.property("invalid") is False
    assert "at least" not in dialog.password_edit.accessibleDescription()


@pytest.mark.skipif(not AccessibilityRecorder.available, reason="needs Qt's update handler")
def test_a_wrong_passphrase_is_announced_and_focus_stays_in_the_field(
    qtbot, tmp_path: Path
) -> None:
    from supervision_app.storage import DatabaseOpenError

    def refuse(_credential):
        raise DatabaseOpenError("That passphrase is not right.")

    panel = UnlockPanel(refuse, tmp_path / "x.sqlite3", "Unlock")
    qtbot.addWidget(panel)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    qtbot.keyClicks(panel.field, "wrong")
    with AccessibilityRecorder() as heard:
        qtbot.mouseClick(panel.unlock_button, Qt.MouseButton.LeftButton)
    assert heard.of_kind(QAccessible.Event.Alert)
    assert any("not right" in s.texts[0] for s in heard.of_kind(QAccessible.Event.Announcement)
               if s.texts)  # fmt: skip
    assert panel.field.property("invalid") is True
    assert QApplication.focusWidget() is panel.field


def test_show_page_helper_focuses_the_first_control_not_the_scroll_area(qtbot) -> None:
    """The helper other pages (Home, Today, Agenda, Summary) call."""
    from PySide6.QtWidgets import QLabel, QLineEdit, QScrollArea, QVBoxLayout

    area = QScrollArea()
    body = QWidget()
    column = QVBoxLayout(body)
    column.addWidget(QLabel("Today"))
    field = QLineEdit()
    field.setAccessibleName("What the practitioner brings")
    column.addWidget(field)
    area.setWidget(body)
    qtbot.addWidget(area)
    area.show()
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    show_page(area, "Today")
    assert QApplication.focusWidget() is field
    frame, label = problems_box()
    report_problems(frame, label, ["Something"], [])
    assert label.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_no_layered_pane_is_announced_on_a_focus_change(qtbot, session_window) -> None:
    """Orca said "layered pane" up to four times: the window nests four stacks of pages."""
    from PySide6.QtWidgets import QStackedWidget

    window, _session_id = session_window
    stacks = window.findChildren(QStackedWidget)
    assert len(stacks) >= 4
    for stack in stacks:
        iface = QAccessible.queryAccessibleInterface(stack)
        assert iface.role() != QAccessible.Role.LayeredPane, stack.objectName()
    # Walk up from the focused widget as a screen reader does: no layered pane on the way.
    window.session_view.go_to_page(1)
    iface = QAccessible.queryAccessibleInterface(QApplication.focusWidget())
    roles = []
    while iface is not None and iface.isValid():
        roles.append(iface.role())
        iface = iface.parent()
    assert QAccessible.Role.LayeredPane not in roles
