"""The main window as its parts see it.

:class:`WindowHost` declares the widgets and services the window holds and the few things it
does for its parts; :class:`~supervision_app.ui.main_window.MainWindow` builds them. The
controllers in this package, the desktop features, the compact layout and Home are handed the
window typed as a :class:`WindowHost`, so none of them imports the module that imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
)

from supervision_app.content import Content
from supervision_app.content.patterns import PatternRule
from supervision_app.ui.autosave_bridge import AutosaveBridge
from supervision_app.ui.case_overview import CaseOverview
from supervision_app.ui.case_tree import CaseTree
from supervision_app.ui.empty_state import EmptyState
from supervision_app.ui.main_actions import MainActions
from supervision_app.ui.session_view import SessionView

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore


class WindowHost(QMainWindow):
    """The main window's widgets and services, declared for its parts (built by MainWindow)."""

    #: Emitted once, just after the window's first paint: work the first screen does not
    #: need (the spelling dictionary, say) waits for it, so it never delays that paint.
    first_painted = Signal()

    store: SupervisionStore
    content: Content
    db_path: Path
    rules: tuple[PatternRule, ...]
    bridge: AutosaveBridge
    actions: MainActions  # type: ignore[assignment]  # the window's named actions, not QWidget.actions()
    summary_action: QAction
    toolbar: QToolBar
    case_tree: CaseTree
    case_overview: CaseOverview
    session_view: SessionView
    empty_state: EmptyState
    placeholder: QLabel
    detail_stack: QStackedWidget
    central_stack: QStackedWidget
    splitter: QSplitter
    user_label: QLabel

    def reload_cases(
        self,
        select_case: int | None = None,
        select_session: int | None = None,
        *,
        select_first: bool = True,
    ) -> None:
        """Refill the case list, with the given case or session selected."""
        raise NotImplementedError

    def new_case(self) -> None:
        """Ask for a new case's details and create it."""
        raise NotImplementedError

    def session_created(self, session_id: int | None) -> None:
        """Show a session just started, on its first page."""
        raise NotImplementedError


class WindowPart:
    """One of the window's controllers: it acts through the window it is given."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window

    def show_status(self, text: str, timeout: int = 0) -> None:
        self.window.statusBar().showMessage(text, timeout)

    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self.window, title, text)

    def open_dialog(self, dialog: QDialog, on_accepted: Callable[[], object]) -> None:
        """Window-modal and non-blocking: the dialog is found by tests with findChild."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accepted)
        dialog.open()
