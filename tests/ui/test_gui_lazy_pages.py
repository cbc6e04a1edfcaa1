"""After unlock the window shows Home: the session view (its pages, Case so far beside them,
the focus flow) and the case overview are built when a session or a case is first opened,
not while the window starts. Built late, they must work as if built with the window:
typing is saved, the window's actions, status bar and timer follow them, the saved
splitter comes back, Tab reaches them in the same order, and no window of their own
flashes up. Locking and closing with a view never built have nothing of it to save."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget

from supervision_app.storage import Database, SupervisionStore
from supervision_app.ui.a11y import tab_chain
from supervision_app.ui.app import build_window
from supervision_app.ui.case_memory_panel import CaseMemoryPanel
from supervision_app.ui.main_window import MainWindow
from supervision_app.ui.settings import ui_settings
from tests.helpers import TEST_PASSPHRASE, open_db
from tests.ui.test_gui import make_case, open_session, type_text

ANSWER = "Seen at school on Monday, MARKER-LAZY-3107"


@pytest.fixture
def home_window(qtbot, db_path: Path, content) -> Iterator[tuple[object, Database, int, int]]:
    """The window as it opens after unlock (build_window, the real start's), painted."""
    database = open_db(db_path)
    case_id, session_id = make_case(SupervisionStore(database))
    window = build_window(database, content)
    qtbot.addWidget(window)
    window.resize(1320, 860)
    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    yield window, database, case_id, session_id
    window.close()
    database.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class WindowShows(QObject):
    """Records every top-level widget other than ``main`` that is shown."""

    def __init__(self, main: QWidget) -> None:
        super().__init__()
        self.main = main
        self.shown: list[str] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # Qt override
        if (
            event.type() == QEvent.Type.Show
            and isinstance(obj, QWidget)
            and obj.isWindow()
            and obj is not self.main
        ):
            self.shown.append(f"{type(obj).__name__} {obj.objectName()!r}")
        return False


def test_home_is_shown_without_building_the_session_view_or_the_case_overview(
    qtbot, home_window
) -> None:
    window, _database, _case_id, _session_id = home_window
    assert window.central_stack.currentWidget() is window.home.page
    assert window.built_session_view is None
    assert window.built_case_overview is None
    assert window.findChild(QWidget, "sessionView") is None
    assert window.findChild(QWidget, "caseOverview") is None
    assert window.findChildren(CaseMemoryPanel) == []
    assert window.detail_stack.count() == 1  # the "choose a case" placeholder only
    # The window's session actions find no session open, and build nothing for it.
    window.actions.edit_session.trigger()
    window.actions.export_pdf.trigger()
    assert window.findChild(QDialog, "sessionDialog") is None
    assert window.built_session_view is None


def test_opening_a_session_builds_the_view_and_what_is_typed_is_saved(qtbot, home_window) -> None:
    window, database, _case_id, session_id = home_window
    shows = WindowShows(window)
    QApplication.instance().installEventFilter(shows)
    try:
        open_session(qtbot, window, session_id)
    finally:
        QApplication.instance().removeEventFilter(shows)
    view = window.built_session_view
    assert view is not None and view is window.session_view
    assert window.detail_stack.currentWidget() is view and view.isVisible()
    # Built while the window was up, nothing showed as a window of its own (a widget made
    # visible before it has a parent does), and the window kept the activation.
    assert shows.shown == []
    assert QApplication.activeWindow() is window
    assert window.actions.edit_session.isEnabled() and window.actions.export_pdf.isEnabled()

    prompt_id = view.focus.items[0].prompt_id  # the agenda's first item
    assert view.go_to_prompt(prompt_id)
    # The window's timer follows the page shown (connected when the view was built).
    shown_title = view.navigator.currentItem().text()
    assert window.desktop.timer._stage == shown_title
    editor = view.editor_for(prompt_id)
    editor.setFocus()
    type_text(qtbot, editor, ANSWER)
    assert window.wait_for_saves(10.0)
    saved = SupervisionStore(database).sessions.get_session(session_id).answers[prompt_id]
    assert saved.text == ANSWER
    # The case list's "n answered" follows the view's progress (also connected when built).
    item = window.case_tree._find("session", session_id)
    assert "1 answered" in item.data(0, Qt.ItemDataRole.AccessibleTextRole)

    # The window's "Edit session details" action opens the view's dialog.
    window.actions.edit_session.trigger()
    dialog = window.findChild(QDialog, "sessionDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_tab_from_the_case_list_reaches_the_session_built_later_first(qtbot, home_window) -> None:
    """The late page's controls sit in the Tab order where they sat when the page was
    built with the window: after the case list, before the status bar's and the toolbar's
    (a widget added to a window that is up joins the end of its focus chain)."""
    window, _database, _case_id, session_id = home_window
    open_session(qtbot, window, session_id)
    view = window.session_view
    chain = [w for w in tab_chain(window.case_tree) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]

    def first_in(root: QWidget) -> int:
        return next(i for i, w in enumerate(chain) if root.isAncestorOf(w))

    assert first_in(view) < first_in(window.statusBar())
    assert first_in(view) < first_in(window.toolbar)
    assert view.isAncestorOf(chain[0])  # Tab from the case list goes into the session


def test_choosing_a_case_builds_its_overview_and_its_buttons_work(qtbot, home_window) -> None:
    window, _database, case_id, _session_id = home_window
    window.case_tree.select_case(case_id)
    overview = window.built_case_overview
    assert overview is not None and window.detail_stack.currentWidget() is overview
    assert window.built_session_view is None  # a case chosen: no session built for it
    qtbot.mouseClick(
        overview.findChild(QPushButton, "overviewNewSessionButton"), Qt.MouseButton.LeftButton
    )
    dialog = window.findChild(QDialog, "sessionDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_the_saved_session_splitter_comes_back_and_is_kept_while_unbuilt(
    qtbot, home_window
) -> None:
    window, database, _case_id, session_id = home_window
    settings = ui_settings()
    open_session(qtbot, window, session_id)
    window.session_view.splitter.setSizes([333, 900])
    wanted = window.session_view.splitter.sizes()[0]
    window.save_state()
    saved = settings.value("session_view/splitter")
    assert isinstance(saved, QByteArray)

    # A second window, never showing a session: closing it keeps the saved splitter.
    second = MainWindow(SupervisionStore(database), window.content, window.db_path)
    qtbot.addWidget(second)
    second.save_state()
    assert second.built_session_view is None
    assert settings.value("session_view/splitter") == saved
    # And when it opens a session, the view comes with the splitter as saved.
    second.resize(1320, 860)
    second.show()
    open_session(qtbot, second, session_id)
    qtbot.waitUntil(lambda: second.session_view.splitter.sizes()[0] == wanted)
    second.close()
    second.deleteLater()


def test_lock_unlock_and_close_with_a_session_view_never_built(qtbot, home_window) -> None:
    window, _database, _case_id, _session_id = home_window
    controller = window.lock_controller
    controller.lock()
    assert controller.locked
    assert window.central_stack.currentWidget() is controller.panel
    panel = controller.panel
    qtbot.keyClicks(panel.field, TEST_PASSPHRASE)
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert not controller.locked
    assert window.built_session_view is None  # nothing was open: nothing was built
    assert window.close()
    assert window.built_session_view is None
