"""Home in the main window: shown after unlock when there are cases; [Start] begins (or
resumes) today's session on a case and opens it on Today."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from supervision_app import APP_NAME
from supervision_app.storage import NotFoundError
from supervision_app.ui.focus.home_page import HomePage

if TYPE_CHECKING:
    from supervision_app.ui.window.host import WindowHost


class HomeController(QObject):
    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self._window = window
        self.page = HomePage()
        self.action = QAction(self.tr("Home"), window)
        self.action.setObjectName("homeAction")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.action.setStatusTip(self.tr("What needs attention across all cases"))
        self.action.triggered.connect(self.show)
        self.page.start_requested.connect(self.start)
        self.page.all_cases_requested.connect(self.show_all_cases)
        self.page.new_case_requested.connect(window.new_case)

    def show_if_cases(self) -> None:
        if self._window.central_stack.currentWidget() is not self._window.empty_state:
            self.show()

    def show(self) -> None:
        window = self._window
        if not window.store.cases.list_cases(limit=1):
            window.central_stack.setCurrentWidget(window.empty_state)
            return
        window.session_view.wait_for_saves(2.0)
        content = window.content
        items = window.store.focus.attention(
            date.today(),
            content.supervision_frequency_days,
            rules=window.rules,
            frequency_label=content.frequency_label,
        )
        self.page.set_items(items, content.frequency_label)
        window.central_stack.setCurrentWidget(self.page)
        window.setWindowTitle(APP_NAME)

    def clear(self) -> None:
        """Forget what was listed (the screen is locked)."""
        self.page.set_items([], "")

    def focus_first(self) -> None:
        button = self.page.first_start_button() or self.page.all_cases_button
        button.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_all_cases(self) -> None:
        self._window.reload_cases()

    def start(self, case_id: int) -> int | None:
        """Today's session on the case (a new one, or today's empty one), opened on Today."""
        window = self._window
        try:
            case = window.store.cases.get_case(case_id)
        except NotFoundError:
            self.show()
            return None
        attendees = [p for p in (case.practitioner, case.supervisor) if p.strip()]
        session_id = window.store.focus.start_next_session(
            case_id, date.today(), attendees, window.content.version
        )
        window.session_created(session_id)
        return session_id
