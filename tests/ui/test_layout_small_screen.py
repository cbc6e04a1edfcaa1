"""Layouts hold at 200% text: a 1366×768 laptop at 200% is 683×384 logical pixels. The main
window folds into its compact layout there, and every key dialog fits or scrolls."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QScrollArea,
    QWidget,
)

from supervision_app.domain import CaseDetail, Child
from supervision_app.ui.action_dialog import ActionDialog
from supervision_app.ui.case_dialog import CaseDialog
from supervision_app.ui.compact_layout import COMPACT_WIDTH
from supervision_app.ui.decision_dialog import DecisionDialog
from supervision_app.ui.flow_layout import flow_row
from supervision_app.ui.help_dialog import HelpDialog
from supervision_app.ui.passphrase_dialog import PassphraseDialog, PassphrasePurpose
from supervision_app.ui.preferences_dialog import PreferencesDialog
from supervision_app.ui.recovery_key_dialog import RecoveryKeyDialog
from supervision_app.ui.session_dialog import SessionDialog
from supervision_app.ui.signoff_dialog import SignOffDialog
from supervision_app.ui.unlock_dialog import UnlockDialog
from supervision_app.ui.welcome_dialog import WelcomeDialog
from tests.ui.test_gui import INTERACTIVE, make_case, open_session, open_window

LAPTOP_200 = (683, 384)  # 1366×768 at 200%, in logical pixels


def unreachable(dialog: QWidget) -> list[str]:
    """Visible controls that are neither inside the dialog's rectangle nor in a scroll area
    (where scrolling brings them into view)."""
    inside = dialog.rect()
    problems = []
    for widget in dialog.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(dialog):
            continue
        if widget.objectName().startswith("qt_"):
            continue
        parent = widget.parentWidget()
        scrolled = False
        while parent is not None and parent is not dialog:
            if isinstance(parent, QScrollArea) and widget is not parent:
                scrolled = True
                break
            parent = parent.parentWidget()
        if scrolled:
            continue
        rect = QRect(widget.mapTo(dialog, widget.rect().topLeft()), widget.size())
        if not inside.contains(rect):
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} at {rect}")
    return problems


def _case() -> CaseDetail:
    return CaseDetail(
        "CSC-7", "Alex Morgan", "Jo Patel", ["Health Visiting"], [Child("K", date(2019, 3, 14))], 1
    )


DIALOGS = {
    "new case": lambda db: CaseDialog(),
    "new session": lambda db: SessionDialog(None, _case()),
    "decision": lambda db: DecisionDialog(),
    "action": lambda db: ActionDialog(),
    "first-run passphrase": lambda db: PassphraseDialog(
        purpose=PassphrasePurpose.FIRST_RUN, db_path=db
    ),
    "change passphrase": lambda db: PassphraseDialog(purpose=PassphrasePurpose.CHANGE, db_path=db),
    "recovery key": lambda db: RecoveryKeyDialog(recovery_key="ABCD-EFGH-IJKL-MNOP-QRST"),
    "unlock": lambda db: UnlockDialog(lambda _credential: None, db),
    "preferences": lambda db: PreferencesDialog(),
    "sign-off": lambda db: SignOffDialog(),
    "welcome": lambda db: WelcomeDialog(db),
}


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_key_dialogs_fit_a_laptop_at_200_percent_or_scroll(qtbot, name, db_path: Path) -> None:
    dialog: QDialog = DIALOGS[name](db_path)
    qtbot.addWidget(dialog)
    width, height = LAPTOP_200
    hint = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert hint.width() <= width and hint.height() <= height, f"{name} needs {hint}"
    dialog.resize(width, height)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= width and dialog.height() <= height
    assert unreachable(dialog) == []


def test_help_fits_a_laptop_at_200_percent(qtbot, content) -> None:
    dialog = HelpDialog(content)
    qtbot.addWidget(dialog)
    hint = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert hint.width() <= LAPTOP_200[0] and hint.height() <= LAPTOP_200[1]


@pytest.fixture
def window(qtbot, store, content, db_path: Path):
    _case_id, session_id = make_case(store)
    win = open_window(qtbot, store, content, db_path)
    open_session(qtbot, win, session_id)
    yield win, session_id
    win.close()


def test_main_window_folds_into_a_compact_layout_on_a_laptop_at_200_percent(qtbot, window) -> None:
    win, session_id = window
    win.resize(1366, 768)
    qtbot.waitUntil(lambda: not win.compact.compact)
    assert win.minimumSizeHint().width() < COMPACT_WIDTH, "a wide window can be narrowed"
    side = win.splitter.widget(0)
    assert side.isVisible() and win.session_view.navigator.isVisible()

    win.resize(*LAPTOP_200)
    qtbot.waitUntil(lambda: win.compact.compact)
    hint = win.minimumSizeHint()
    assert hint.width() <= 640 and hint.height() <= LAPTOP_200[1], hint
    assert win.width() <= LAPTOP_200[0] and win.height() <= LAPTOP_200[1]
    view = win.session_view
    assert not side.isVisible(), "the session has the whole width"
    assert not view.navigator.isVisible() and view.stage_picker.isVisible()

    # The stage drop-down follows the pages both ways.
    view.go_to_page(2)
    assert view.stage_picker.currentIndex() == 2
    view.stage_picker.activated.emit(1)
    assert view.current_page_index() == 1

    # F9 (the Case list action) shows the list in place of the session, and choosing the
    # session brings it back.
    qtbot.keyClick(win, Qt.Key.Key_F9)
    assert side.isVisible() and not win.detail_stack.isVisible()
    tree = win.case_tree
    item = tree._find("session", session_id)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center()
    )
    assert win.detail_stack.isVisible() and not side.isVisible()

    win.resize(1366, 768)
    qtbot.waitUntil(lambda: not win.compact.compact)
    assert side.isVisible() and view.navigator.isVisible() and not view.stage_picker.isVisible()


def test_case_list_action_hides_the_list_in_a_wide_window(qtbot, window) -> None:
    win, _sid = window
    win.resize(1366, 768)
    qtbot.waitUntil(lambda: not win.compact.compact)
    side = win.splitter.widget(0)
    win.compact.cases_action.trigger()
    assert not side.isVisible() and win.detail_stack.isVisible()
    assert not win.compact.cases_action.isChecked()
    win.compact.cases_action.trigger()
    assert side.isVisible()


def test_a_flow_row_wraps_its_buttons_instead_of_widening_the_window(qtbot) -> None:
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    holder = QWidget()
    qtbot.addWidget(holder)
    buttons = [QPushButton(f"A fairly long button label {n}") for n in range(5)]
    layout = QVBoxLayout(holder)
    layout.addWidget(flow_row(*buttons))
    widest = max(b.sizeHint().width() for b in buttons)
    assert holder.minimumSizeHint().width() <= widest + 40
    holder.resize(widest + 40, 400)
    holder.show()
    qtbot.waitExposed(holder)
    QApplication.processEvents()
    tops = {b.geometry().top() for b in buttons}
    assert len(tops) == len(buttons), "one button a row when there is room for one"
    assert all(b.geometry().right() <= holder.width() for b in buttons)


def test_a_flow_row_takes_its_new_height_when_its_buttons_change(qtbot) -> None:
    """The row's height for a width is kept between Qt's questions; hiding buttons, or
    adding one, gives the new height at once."""
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    holder = QWidget()
    qtbot.addWidget(holder)
    buttons = [QPushButton(f"A fairly long button label {n}") for n in range(3)]
    row = flow_row(*buttons)
    column = QVBoxLayout(holder)
    column.addWidget(row)
    column.addStretch(1)  # the row takes the height it asks for, no more
    width = max(b.sizeHint().width() for b in buttons) + 40
    holder.resize(width, 400)
    holder.show()
    qtbot.waitExposed(holder)
    flow = row.layout()
    three = flow.heightForWidth(width)
    assert row.height() == three == flow.heightForWidth(width)
    buttons[1].hide()
    buttons[2].hide()
    one = flow.heightForWidth(width)
    assert one < three
    QApplication.processEvents()
    assert row.height() == one
    another = QPushButton("Another fairly long button label")
    flow.addWidget(another)
    another.show()
    QApplication.processEvents()
    assert row.height() == flow.heightForWidth(width) > one
