"""The session view as the focused flow (:mod:`.focus.focus_flow`) sees it.

:class:`SessionHost` declares the page stack and the few things the view does for the flow:
Today, the agenda, its items and the summary are pages of the view, added and moved through
its :class:`~.session_pages.SessionPages`. :class:`~supervision_app.ui.session_view.SessionView` implements it, so the flow never
imports the view that builds it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QWidget

from supervision_app.ui.answer_editor import AnswerEditor
from supervision_app.ui.decisions_actions import DecisionsActionsPage
from supervision_app.ui.session_pages import SessionPages
from supervision_app.ui.stage_slot import StageSlot


class SessionHost(QWidget):
    """The session view's pages and page moves, declared for the flow (built by SessionView)."""

    pages: QStackedWidget
    page_stack: SessionPages
    decisions_page: DecisionsActionsPage

    @property
    def locked(self) -> bool:
        """True once anyone has signed: the record is read-only."""
        raise NotImplementedError

    def drop_slot(self, slot: StageSlot) -> None:
        """A slot that left the agenda: its typing is saved, then it goes."""
        raise NotImplementedError

    def after_pages_changed(self, current: QWidget | None) -> None:
        """Pages were added, removed or moved: renumber, and keep ``current`` shown."""
        raise NotImplementedError

    def track_text_editor(self, editor: AnswerEditor) -> None:
        """A free-text box of Today or the summary: autosaved like an answer."""
        raise NotImplementedError

    def go_to_page(self, index: int, scroll_top: bool = False) -> None:
        raise NotImplementedError

    def show_preview(self) -> None:
        raise NotImplementedError

    def show_decisions(self) -> None:
        raise NotImplementedError
