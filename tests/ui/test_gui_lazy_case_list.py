"""After unlock the window shows Home: the case list (the first item view of the process,
most of the window's start-up) and the screen for no cases are built when first shown, not
before the first paint. Built late, they work as if built with the window: All cases lists
the cases with the first one chosen, Home's Start opens today's session in the list, Tab
reaches the list after the toolbar, the first run shows the empty screen with its create
button focused, and locking at Home keeps nothing of a list never built."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from supervision_app.storage import Database, SupervisionStore
from supervision_app.ui.a11y import tab_chain
from supervision_app.ui.app import build_window
from supervision_app.ui.case_tree import ID_ROLE
from tests.helpers import TEST_PASSPHRASE, open_db
from tests.ui.test_gui import make_case


def _painted(qtbot, window) -> None:
    qtbot.addWidget(window)
    window.resize(1320, 860)
    built_at_paint: list[object] = []
    window.first_painted.connect(
        lambda: built_at_paint.append((window.built_case_tree, window.built_empty_state))
    )
    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.built_at_paint = built_at_paint[0]


@pytest.fixture
def opened(qtbot, db_path: Path, content) -> Iterator[tuple[object, Database]]:
    """The window as the real start opens it after unlock (build_window), painted; the
    test fills the database first through ``opened_with``."""
    made: list[tuple[object, Database]] = []

    def open_window(cases: int):
        database = open_db(db_path)
        store = SupervisionStore(database)
        ids = [make_case(store, f"CSC-{n}") for n in range(cases)]
        window = build_window(database, content)
        _painted(qtbot, window)
        made.append((window, database))
        return window, database, ids

    yield open_window
    for window, database in made:
        window.close()
        database.close()
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_home_is_painted_before_the_case_list_is_built(qtbot, opened) -> None:
    window, _database, ids = opened(2)
    assert window.built_at_paint == (None, None)  # neither the list nor the empty screen
    assert window.central_stack.currentWidget() is window.home.page
    assert window.findChild(QWidget, "caseTree") is None
    assert window.findChild(QWidget, "emptyState") is None
    assert window.current_ids() == (None, None)  # asked without building it
    assert window.built_case_tree is None

    # All cases: the list is built, with every case, the first chosen and its overview shown.
    qtbot.mouseClick(window.home.page.all_cases_button, Qt.MouseButton.LeftButton)
    tree = window.built_case_tree
    assert tree is not None and tree is window.case_tree
    assert window.central_stack.currentWidget() is window.splitter
    qtbot.waitUntil(tree.isVisible)
    assert tree.topLevelItemCount() == 2
    assert all(tree._find("case", case_id) is not None for case_id, _session in ids)
    first_case = tree.topLevelItem(0)
    assert tree.current_ids() == (first_case.data(0, ID_ROLE), None)
    assert first_case.isExpanded()
    assert window.detail_stack.currentWidget() is window.case_overview
    assert window.actions.edit_case.isEnabled()
    # Tab from the toolbar's last button reaches the list, as when built with the window.
    buttons = [
        w
        for w in tab_chain(window.toolbar)
        if window.toolbar.isAncestorOf(w)
        and w.isVisible()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    buttons[-1].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: window.focusWidget() is buttons[-1])
    qtbot.keyClick(buttons[-1], Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.focusWidget() is tree)


def test_home_start_opens_todays_session_in_the_list_built_then(qtbot, opened) -> None:
    window, _database, ids = opened(1)
    case_id = ids[0][0]
    qtbot.waitUntil(lambda: case_id in window.home.page.start_buttons)
    assert window.built_case_tree is None
    qtbot.mouseClick(window.home.page.start_buttons[case_id], Qt.MouseButton.LeftButton)
    tree = window.built_case_tree
    assert tree is not None
    chosen_case, chosen_session = tree.current_ids()
    assert chosen_case == case_id and chosen_session is not None
    assert window.session_view.session_id == chosen_session
    assert window.detail_stack.currentWidget() is window.session_view


def test_the_first_run_shows_the_empty_screen_focused_without_a_case_list(qtbot, opened) -> None:
    window, _database, _ids = opened(0)
    empty = window.built_empty_state
    assert empty is not None and window.central_stack.currentWidget() is empty
    assert empty.isVisible() and window.focusWidget() is empty.create_button
    assert window.built_case_tree is None
    qtbot.mouseClick(empty.create_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in window.findChildren(QDialog) if d.isVisible())
    assert dialog.findChild(QWidget, "caseReferenceEdit") is not None  # the new case's details
    dialog.reject()


def test_lock_at_home_and_unlock_with_a_list_never_built(qtbot, opened) -> None:
    window, _database, _ids = opened(2)
    controller = window.lock_controller
    controller.lock()
    assert controller.locked and window.built_case_tree is None
    qtbot.keyClicks(controller.panel.field, TEST_PASSPHRASE)
    qtbot.keyClick(controller.panel.field, Qt.Key.Key_Return)
    assert not controller.locked
    tree = window.built_case_tree  # unlock shows the list, as it did before
    assert tree is not None and tree.topLevelItemCount() == 2
    assert window.central_stack.currentWidget() is window.splitter
