"""What the case remembers: pattern prompts, open actions, escalations, hypotheses,
ratings, the chronology and the decisions, with the controls to bring them up to date.

Shown on the case overview and at the start of a session.  In a session, whatever is
recorded here (an action reviewed, a hypothesis updated) is recorded against it.

The panel holds the column and finds its way in it (a section, a search result); the cards
are built by :mod:`.case_memory_cards` from the blocks of :mod:`.case_memory_rows` (long
lists a page at a time), and :mod:`.case_memory_recording` records what the buttons ask.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QPushButton, QScrollArea, QVBoxLayout, QWidget

from supervision_app.content import Content
from supervision_app.content.patterns import PatternRule
from supervision_app.domain.memory import (
    CaseHistory,
)
from supervision_app.domain.patterns import PatternPrompt, evaluate
from supervision_app.ui.case_memory_cards import MemoryCards
from supervision_app.ui.case_memory_recording import MemoryRecorder, MemoryScope
from supervision_app.ui.case_memory_rows import PagedLists

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore

FOUND_BACKGROUND = "#FFF3C4"  # the row a search result opened


class CaseMemoryPanel(QScrollArea):
    changed = Signal()  # something was recorded
    start_requested = Signal()  # "go on to the reflection" (session mode)

    def __init__(
        self,
        store: SupervisionStore,
        content: Content,
        rules: Sequence[PatternRule],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus goes to the page's controls
        self.setObjectName("caseMemoryPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.store, self.content, self.rules = store, content, tuple(rules)
        self.scope = MemoryScope()
        self.history: CaseHistory | None = None
        self.prompts: list[PatternPrompt] = []
        self.found_row: QWidget | None = None  # the row a search result pointed at
        #: A widget kept at the top of the column (the case card on the overview).
        self.top: QWidget | None = None
        self._body = QWidget()
        self._body.setObjectName("scrollContent")
        self._column = QVBoxLayout(self._body)
        self._column.setContentsMargins(28, 20, 28, 28)
        self._column.setSpacing(16)
        self.setWidget(self._body)
        self.lists = PagedLists(self, self._body.adjustSize)
        self.recorder = MemoryRecorder(store, content, self.scope, self)
        self.recorder.recorded.connect(self._after_change)
        self.cards = MemoryCards(store, content, self.scope, self.recorder, self.lists, self)
        self.cards.start_requested.connect(self.start_requested)
        self.cards.changed.connect(self.changed)

    # -- where the panel is: the case, and the session it is shown in ---------------------

    @property
    def case_id(self) -> int | None:
        return self.scope.case_id

    @property
    def session_id(self) -> int | None:
        return self.scope.session_id

    @property
    def session_date(self) -> date | None:
        return self.scope.session_date

    @property
    def today(self) -> date:
        return self.scope.today

    # -- loading -------------------------------------------------------------------------

    def show_case(
        self,
        case_id: int,
        session_id: int | None = None,
        session_date: date | None = None,
        load: bool = True,
    ) -> None:
        """Point the panel at a case (and session); ``load=False`` defers the reading."""
        self.scope.case_id, self.scope.session_id = case_id, session_id
        self.scope.session_date = session_date
        self.history = None
        if load:
            self.refresh()

    def forget(self) -> None:
        """Remove every case card (the window is locking); :meth:`show_case` brings them back."""
        self.scope.case_id, self.scope.session_id, self.history = None, None, None
        self._clear_column()

    def refresh(self) -> None:
        if self.case_id is None:
            return
        history = self.store.memory.case_history(self.case_id)
        if self.session_id is not None:
            # This session's own actions are not "carried forward", and a session that has
            # only just begun is not yet evidence of anything missing.
            history.actions = [a for a in history.actions if a.session_id != self.session_id]
            history.sessions = [s for s in history.sessions if s.session_id != self.session_id]
        self.history = history
        self.prompts = evaluate(self.rules, history, self.today)
        self._rebuild()

    def _clear_column(self) -> None:
        """Remove every card but :attr:`top`, which stays where it is: taking it out and
        adding it again would leave Qt's cached height of the old layout item in charge."""
        keep = 0
        if self.top is not None:
            if self._column.indexOf(self.top) != 0:
                self._column.insertWidget(0, self.top)
            keep = 1
        while self._column.count() > keep:
            item = self._column.takeAt(keep)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # out of the tree now, deleted when Qt is idle
                widget.deleteLater()

    def _rebuild(self) -> None:
        self._clear_column()
        self.lists.clear()
        h, cards = self.history, self.cards
        assert h is not None
        self._column.addWidget(cards.heading(h, self.prompts))
        self._column.addWidget(cards.actions_card(h))
        self._column.addWidget(cards.escalations_card(h))
        self._column.addWidget(cards.patterns_card(self.prompts))
        self._column.addWidget(cards.hypotheses_card(h))
        self._column.addWidget(cards.ratings_card(h))
        self._column.addWidget(cards.chronology_card(h))
        self._column.addWidget(cards.decisions_card(h))
        self._column.addStretch(1)

    # -- finding things ----------------------------------------------------------------

    def item_row(self, kind: str, item_id: int) -> QWidget | None:
        """The row showing record ``item_id`` of ``kind`` (action, decision, hypothesis,
        escalation, event), or None if it is not shown."""
        if self.history is None and self.case_id is not None:
            self.refresh()
        self.lists.show_all_holding(kind, item_id)  # a result may lie past the first page
        for row in self._body.findChildren(QWidget):
            if row.property("memoryKind") == kind and row.property("memoryItem") == item_id:
                return row
        return None

    def show_section(self, name: str) -> bool:
        """Scroll to one card ("hypotheses", "escalations"…) and focus its first button."""
        if self.history is None and self.case_id is not None:
            self.refresh()
        card = next(
            (f for f in self._body.findChildren(QFrame) if f.property("section") == name), None
        )
        if card is None:
            return False
        button = card.findChild(QPushButton)
        (button or self).setFocus(Qt.FocusReason.OtherFocusReason)
        self._body.adjustSize()
        QTimer.singleShot(0, lambda c=card: self._scroll_to(c))
        self.ensureWidgetVisible(card, 0, 10)
        return True

    def focus_item(self, kind: str, item_id: int) -> bool:
        """Scroll to the row of one record, mark it and put the focus on it (a search result)."""
        row = self.item_row(kind, item_id) or self.item_row(f"timeline_{kind}", item_id)
        if self.found_row is not None:
            with contextlib.suppress(RuntimeError):  # already deleted by a rebuild
                self.found_row.setStyleSheet(self.found_row.property("plainStyle") or "")
        self.found_row = row
        if row is None:
            return False
        if not row.objectName():
            row.setObjectName("memoryLine")
        plain = row.property("plainStyle")
        if plain is None:
            plain = row.styleSheet()
            row.setProperty("plainStyle", plain)
        row.setStyleSheet(
            f"{plain} QWidget#{row.objectName()} {{ background: {FOUND_BACKGROUND}; }}"
        )
        button = row.findChild(QPushButton)
        (button or self).setFocus(Qt.FocusReason.OtherFocusReason)
        self._body.adjustSize()
        self.ensureWidgetVisible(row, 0, 40)
        QTimer.singleShot(0, lambda r=row: self._scroll_to(r))  # again once laid out
        return True

    def _scroll_to(self, row: QWidget) -> None:
        with contextlib.suppress(RuntimeError):
            self.ensureWidgetVisible(row, 0, 40)

    # -- recording ---------------------------------------------------------------------

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit()
