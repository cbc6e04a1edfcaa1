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
from supervision_app.ui.main_actions import MainActions

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore
    from supervision_app.ui.case_overview import CaseOverview
    from supervision_app.ui.case_tree import CaseTree
    from supervision_app.ui.empty_state import EmptyState
    from supervision_app.ui.session_view import SessionView


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
    placeholder: QLabel
    detail_stack: QStackedWidget
    central_stack: QStackedWidget
    splitter: QSplitter
    user_label: QLabel

    # -- built when first needed (see ui/window/lazy.py) ----------------------------------

    @property
    def case_tree(self) -> CaseTree:
        """The case list (the side panel of All cases), built the first time it is asked
        for, filled with its first page."""
        raise NotImplementedError

    @property
    def built_case_tree(self) -> CaseTree | None:
        """The case list if it has been built (None while only Home has been shown)."""
        raise NotImplementedError

    def when_case_tree_built(self, hook: Callable[[CaseTree], object]) -> None:
        """Run ``hook(tree)`` once the case list exists (at once if it does)."""
        raise NotImplementedError

    @property
    def empty_state(self) -> EmptyState:
        """The screen shown when there are no cases, built the first time it is asked for."""
        raise NotImplementedError

    @property
    def built_empty_state(self) -> EmptyState | None:
        raise NotImplementedError

    def when_empty_state_built(self, hook: Callable[[EmptyState], object]) -> None:
        raise NotImplementedError

    def current_ids(self) -> tuple[int | None, int | None]:
        """The case and session chosen in the case list ((None, None) if it was never built)."""
        tree = self.built_case_tree
        return tree.current_ids() if tree is not None else (None, None)

    @property
    def session_view(self) -> SessionView:
        """The open session's view, built the first time it is asked for."""
        raise NotImplementedError

    @property
    def built_session_view(self) -> SessionView | None:
        """The session view if it has been built (None until a session is first opened)."""
        raise NotImplementedError

    def when_session_view_built(self, hook: Callable[[SessionView], object]) -> None:
        """Run ``hook(view)`` once the session view exists (at once if it does)."""
        raise NotImplementedError

    @property
    def case_overview(self) -> CaseOverview:
        """The chosen case's overview (Case so far), built the first time it is asked for."""
        raise NotImplementedError

    @property
    def built_case_overview(self) -> CaseOverview | None:
        raise NotImplementedError

    def when_case_overview_built(self, hook: Callable[[CaseOverview], object]) -> None:
        raise NotImplementedError

    def flush_typing(self) -> None:
        """Submit the session view's edits still waiting for their debounce timer (a view
        never built holds none)."""
        view = self.built_session_view
        if view is not None:
            view.flush_pending()

    def wait_for_saves(self, timeout: float) -> bool:
        """Submit pending edits and wait for the writer; False if not everything was saved."""
        view = self.built_session_view
        return view.wait_for_saves(timeout) if view is not None else self.bridge.flush(timeout)

    def close_session(self) -> None:
        """Close the open session, if any (after committing what was typed)."""
        view = self.built_session_view
        if view is not None:
            view.clear()

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
