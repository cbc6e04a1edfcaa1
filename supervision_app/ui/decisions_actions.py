"""The "Decisions and actions" page: decisions with their rationale, and owned, dated actions.

These small edits are committed through the store directly on the GUI thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain import Action, ActionStatus, Decision, format_date
from supervision_app.storage.loading import NotFoundError
from supervision_app.ui import theme
from supervision_app.ui.action_dialog import ActionDialog, ActionFields
from supervision_app.ui.decision_dialog import DecisionDialog, DecisionFields
from supervision_app.ui.record_table import RecordTable
from supervision_app.ui.stage_page import READABLE_WIDTH
from supervision_app.ui.widgets import push_button, read_only_table, text_label

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore

ID_ROLE = Qt.ItemDataRole.UserRole + 10
#: The actions table's narrow columns (owner, due, status) take at most these shares of the
#: width, and wrap beyond it; the action text has the rest, so it is always the widest.
ACTION_COLUMN_SHARES = {1: 0.20, 2: 0.16, 3: 0.12}


class DecisionsActionsPage(QScrollArea):
    counts_changed = Signal(int, int)  # decisions, actions
    status_message = Signal(str)

    def __init__(self, store: SupervisionStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus goes to the page's controls
        self.setObjectName("decisionsActionsPage")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._store = store
        self._session_id: int | None = None
        self._people: list[str] = []
        self._decisions: list[Decision] = []
        self._actions: list[Action] = []
        self._read_only = False

        # -- decisions
        self.decisions_table = self._table(
            "decisionsTable", [self.tr("Decision"), self.tr("Rationale")], self.tr("Decisions")
        )
        self.add_decision_button = push_button(
            self.tr("Add decision…"), "addDecisionButton", self.tr("Add decision"), primary=True
        )
        self.edit_decision_button = push_button(
            self.tr("Edit…"), "editDecisionButton", self.tr("Edit decision")
        )
        self.remove_decision_button = push_button(
            self.tr("Remove"), "removeDecisionButton", self.tr("Remove decision")
        )
        self.decisions_empty = text_label(
            self.tr("No decisions recorded yet. Record each decision with its rationale."), "hint"
        )
        # -- actions
        self.actions_table = self._table(
            "actionsTable",
            [self.tr("Action"), self.tr("Owner"), self.tr("Due"), self.tr("Status")],
            self.tr("Actions"),
            ACTION_COLUMN_SHARES,
        )
        self.add_action_button = push_button(
            self.tr("Add action…"), "addActionButton", self.tr("Add action"), primary=True
        )
        self.edit_action_button = push_button(
            self.tr("Edit…"), "editActionButton", self.tr("Edit action")
        )
        self.remove_action_button = push_button(
            self.tr("Remove"), "removeActionButton", self.tr("Remove action")
        )
        self.actions_empty = text_label(
            self.tr("No actions yet. Give every action an owner and a due date."), "hint"
        )
        self._wire()
        self._assemble()
        self._update_buttons()

    # -- construction -------------------------------------------------------------------

    def _table(
        self,
        name: str,
        headers: list[str],
        accessible_name: str,
        shares: dict[int, float] | None = None,
    ) -> RecordTable:
        table = RecordTable(0, len(headers), shares)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        read_only_table(table, accessible_name)
        table.setWordWrap(True)
        table.setAlternatingRowColors(False)
        table.setShowGrid(False)
        # Rows follow the columns' width (a narrow window, 200% text): never cut text short.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setHighlightSections(False)
        table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setMinimumHeight(150)
        return table

    def _wire(self) -> None:
        self.add_decision_button.clicked.connect(self.add_decision)
        self.edit_decision_button.clicked.connect(self.edit_decision)
        self.remove_decision_button.clicked.connect(self.remove_decision)
        self.add_action_button.clicked.connect(self.add_action)
        self.edit_action_button.clicked.connect(self.edit_action)
        self.remove_action_button.clicked.connect(self.remove_action)
        self.decisions_table.itemSelectionChanged.connect(self._update_buttons)
        self.actions_table.itemSelectionChanged.connect(self._update_buttons)
        self.decisions_table.itemDoubleClicked.connect(lambda _item: self.edit_decision())
        self.actions_table.itemDoubleClicked.connect(lambda _item: self.edit_action())
        for table, remove in (
            (self.decisions_table, self.remove_decision),
            (self.actions_table, self.remove_action),
        ):
            shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(remove)

    def _section(
        self,
        title: str,
        lead: str,
        table: QTableWidget,
        empty: QWidget,
        buttons: Sequence[QPushButton],
    ) -> QFrame:
        frame = QFrame()
        frame.setObjectName("card")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(20, 16, 20, 18)
        layout.setSpacing(10)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(text_label(title, "sectionTitle"))
        titles.addWidget(text_label(lead, "secondary"))
        head.addLayout(titles, 1)
        for button in buttons:
            head.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(head)
        layout.addWidget(empty)
        layout.addWidget(table)
        return frame

    def _assemble(self) -> None:
        content = QWidget()
        content.setObjectName("scrollContent")
        outer = QHBoxLayout(content)
        outer.setContentsMargins(32, 28, 32, 32)
        column_widget = QWidget()
        column_widget.setMaximumWidth(READABLE_WIDTH + 140)
        column = QVBoxLayout(column_widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        column.addWidget(text_label(self.tr("After the discussion").upper(), "eyebrow"))
        column.addWidget(text_label(self.tr("Decisions and actions"), "pageTitle"))
        column.addWidget(
            text_label(
                self.tr(
                    "Record what was decided and why, and what will be done, by whom and by when."
                ),
                "stageSummary",
            )
        )
        column.addWidget(
            self._section(
                self.tr("Decisions"),
                self.tr("Each decision needs a rationale: the reasons and evidence behind it."),
                self.decisions_table,
                self.decisions_empty,
                [self.add_decision_button, self.edit_decision_button, self.remove_decision_button],
            )
        )
        column.addWidget(
            self._section(
                self.tr("Actions"),
                self.tr("Each action needs an owner and a due date."),
                self.actions_table,
                self.actions_empty,
                [self.add_action_button, self.edit_action_button, self.remove_action_button],
            )
        )
        column.addStretch(1)
        outer.addStretch(1)
        outer.addWidget(column_widget, 100)
        outer.addStretch(1)
        self.setWidget(content)

    # -- data -----------------------------------------------------------------------------

    @property
    def decisions(self) -> list[Decision]:
        return list(self._decisions)

    @property
    def actions(self) -> list[Action]:  # type: ignore[override]  # the page's actions, not QActions
        return list(self._actions)

    def set_session(self, session_id: int | None, people: Sequence[str] = ()) -> None:
        self._session_id = session_id
        self._people = list(people)
        self.reload()

    def reload(self) -> None:
        if self._session_id is None:
            self._decisions, self._actions = [], []
        else:
            try:
                detail = self._store.sessions.get_session(self._session_id)
            except NotFoundError:
                detail = None
            self._decisions = list(detail.decisions) if detail else []
            self._actions = list(detail.actions) if detail else []
        self._fill_decisions()
        self._fill_actions()
        self._update_buttons()
        self.counts_changed.emit(len(self._decisions), len(self._actions))

    def _fill_decisions(self) -> None:
        table = self.decisions_table
        table.setRowCount(len(self._decisions))
        for row, decision in enumerate(self._decisions):
            for col, text in enumerate((decision.text, decision.rationale)):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, decision.id)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                table.setItem(row, col, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._show_table(table, self.decisions_empty, bool(self._decisions))

    def _fill_actions(self) -> None:
        table = self.actions_table
        table.setRowCount(len(self._actions))
        today = date.today()
        for row, action in enumerate(self._actions):
            due = format_date(action.due_date)
            overdue = (
                action.status is ActionStatus.OPEN
                and action.due_date is not None
                and action.due_date < today
            )
            if overdue:
                due = self.tr("{date} (overdue)").format(date=due)
            status = {
                ActionStatus.OPEN: self.tr("Open"),
                ActionStatus.DONE: self.tr("Done"),
                ActionStatus.NOT_DONE: self.tr("Not done"),
            }[action.status]
            for col, text in enumerate((action.description, action.owner, due, status)):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, action.id)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                table.setItem(row, col, item)
            colour = {ActionStatus.DONE: theme.SUCCESS, ActionStatus.NOT_DONE: theme.ERROR}.get(
                action.status
            )
            status_cell, due_cell = table.item(row, 3), table.item(row, 2)
            assert status_cell is not None and due_cell is not None  # set just above
            if colour:
                status_cell.setForeground(QColor(colour))
            if overdue:
                due_cell.setForeground(QColor(theme.ERROR))
        self._show_table(table, self.actions_empty, bool(self._actions))

    @staticmethod
    def _show_table(table: RecordTable, empty: QWidget, has_rows: bool) -> None:
        table.setVisible(has_rows)
        empty.setVisible(not has_rows)
        if has_rows:
            table.fit()

    def set_read_only(self, read_only: bool) -> None:
        """A signed record: decisions and actions are shown but cannot be changed."""
        self._read_only = read_only
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_session = self._session_id is not None and not self._read_only
        self.add_decision_button.setEnabled(has_session)
        self.add_action_button.setEnabled(has_session)
        has_decision = has_session and self._selected(self.decisions_table) is not None
        has_action = has_session and self._selected(self.actions_table) is not None
        self.edit_decision_button.setEnabled(has_decision)
        self.remove_decision_button.setEnabled(has_decision)
        self.edit_action_button.setEnabled(has_action)
        self.remove_action_button.setEnabled(has_action)

    def select_item(self, kind: str, item_id: int) -> bool:
        """Select and show one decision or action (``kind``), as a search result asks."""
        table = self.decisions_table if kind == "decision" else self.actions_table
        for row in range(table.rowCount()):
            item = table.item(row, 0)
            if item is not None and item.data(ID_ROLE) == item_id:
                table.selectRow(row)
                table.setCurrentItem(item)
                table.setFocus(Qt.FocusReason.OtherFocusReason)
                self.ensureWidgetVisible(table)
                return True
        return False

    @staticmethod
    def _selected(table: QTableWidget) -> int | None:
        rows = table.selectionModel().selectedRows() if table.selectionModel() else []
        if not rows:
            return None
        item = table.item(rows[0].row(), 0)
        return int(item.data(ID_ROLE)) if item is not None else None

    # -- decisions ---------------------------------------------------------------------

    def add_decision(self) -> None:
        if self._session_id is None:
            return
        session_id = self._session_id
        self._open(
            DecisionDialog(
                self, None, lambda f: self._store.sessions.add_decision(session_id, f.text, f.rationale)
            ),
            self.tr("Decision recorded."),
        )

    def edit_decision(self) -> None:
        decision_id = self._selected(self.decisions_table)
        decision = next((d for d in self._decisions if d.id == decision_id), None)
        if decision is None:
            return
        self._open(
            DecisionDialog(
                self,
                DecisionFields(decision.text, decision.rationale),
                lambda f: self._store.sessions.update_decision(decision.id, f.text, f.rationale),
            ),
            self.tr("Decision updated."),
        )

    def remove_decision(self) -> None:
        decision_id = self._selected(self.decisions_table)
        if decision_id is None or not self._confirm(
            self.tr("Remove decision"),
            self.tr("Remove this decision and its rationale from the session?"),
        ):
            return
        self._run(lambda: self._store.sessions.delete_decision(decision_id), self.tr("Decision removed."))

    # -- actions -------------------------------------------------------------------------

    def add_action(self) -> None:
        if self._session_id is None:
            return
        session_id = self._session_id
        self._open(
            ActionDialog(
                self,
                None,
                lambda f: self._store.sessions.add_action(
                    session_id, f.description, f.owner, f.due, f.status
                ),
                self._people,
            ),
            self.tr("Action added."),
        )

    def edit_action(self) -> None:
        action_id = self._selected(self.actions_table)
        action = next((a for a in self._actions if a.id == action_id), None)
        if action is None:
            return
        initial = ActionFields(
            action.description, action.owner, action.due_date or date.today(), action.status
        )
        self._open(
            ActionDialog(
                self,
                initial,
                lambda f: self._store.sessions.update_action(
                    action.id, f.description, f.owner, f.due, f.status
                ),
                self._people,
            ),
            self.tr("Action updated."),
        )

    def remove_action(self) -> None:
        action_id = self._selected(self.actions_table)
        if action_id is None or not self._confirm(
            self.tr("Remove action"), self.tr("Remove this action from the session?")
        ):
            return
        self._run(lambda: self._store.sessions.delete_action(action_id), self.tr("Action removed."))

    # -- helpers ----------------------------------------------------------------------------

    def _open(self, dialog: QDialog, done_message: str) -> None:
        """Window-modal and non-blocking, so the rest of the app keeps painting."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.reload)
        dialog.accepted.connect(lambda: self.status_message.emit(done_message))
        dialog.open()

    def _run(self, change, done_message: str) -> None:
        with contextlib.suppress(NotFoundError):  # already gone: the reload shows the truth
            change()
        self.reload()
        self.status_message.emit(done_message)

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes
