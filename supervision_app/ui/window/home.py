"""Home in the main window: shown after unlock when there are cases; [Start] begins (or
resumes) today's session on a case and opens it on Today."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence

from supervision_app.storage.loading import NotFoundError
from supervision_app.ui.error_report import report
from supervision_app.ui.focus.home_page import HomePage
from supervision_app.ui.on_server import window_title

if TYPE_CHECKING:
    from supervision_app.ui.window.host import WindowHost


class HomeController(QObject):
    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self._window = window
        self.page = HomePage()
        self._generation = 0  # each filling of Home; a late fill for an older one is dropped
        self._pending: int | None = None  # a filling whose list waits for the first paint
        self._painted = False
        window.first_painted.connect(self._on_first_painted)
        self.action = QAction(self.tr("Home"), window)
        self.action.setObjectName("homeAction")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.action.setStatusTip(self.tr("What needs attention across all cases"))
        self.action.triggered.connect(self.show)
        self.page.start_requested.connect(self.start)
        self.page.all_cases_requested.connect(self.show_all_cases)
        self.page.new_case_requested.connect(window.new_case)

    def show(self) -> None:
        """Home in front. In the window's first screen, the list's place says that what needs
        attention is being worked out; the list (escalations, overdue actions, due cases and
        the pattern prompts, which read each listed case's memory) fills it once the window
        has been painted, so the first paint waits for none of it."""
        window = self._window
        if not window.store.cases.list_cases(limit=1):
            window.central_stack.setCurrentWidget(window.empty_state)
            return
        window.wait_for_saves(2.0)
        self._generation += 1
        if self._painted:
            items = self._attention_or_problem()
            if items is not None:
                self.page.set_items(items, window.content.frequency_label)
        else:
            self.page.set_items([], window.content.frequency_label, more_coming=True)
            self._pending = self._generation
        window.central_stack.setCurrentWidget(self.page)
        window.setWindowTitle(window_title(window))

    def _attention(self) -> list:
        window, content = self._window, self._window.content
        return window.store.focus.attention(
            date.today(),
            content.supervision_frequency_days,
            rules=window.rules,
            frequency_label=content.frequency_label,
        )

    def _attention_or_problem(self) -> list | None:
        """The list; None when it could not be read (a damaged page, say): Home then says so
        in its place, and the error report says why and what to do."""
        try:
            return self._attention()
        except Exception as exc:
            self.page.set_unavailable(
                self._window.content.frequency_label,
                self.tr(
                    "What needs attention could not be worked out: part of the records could "
                    "not be read."
                ),
            )
            report(exc)
            return None

    def _on_first_painted(self) -> None:
        self._painted = True
        if self._pending is not None:
            generation, self._pending = self._pending, None
            QTimer.singleShot(0, lambda: self._fill(generation))

    def _fill(self, generation: int) -> None:
        """The list, unless Home was refilled or cleared since. The keyboard focus moves to
        the first Start button only if it is still where the first screen put it."""
        if generation != self._generation:
            return
        items = self._attention_or_problem()
        if items is None or generation != self._generation:
            return
        page = self.page
        refocus = self._window.focusWidget() in (None, page.all_cases_button)
        page.set_items(items, self._window.content.frequency_label)
        first = page.first_start_button()
        if refocus and first is not None and self._window.central_stack.currentWidget() is page:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        """Forget what was listed (the screen is locked)."""
        self._generation += 1
        self._pending = None
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
