"""The right-hand panel when a case (not a session) is selected."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from supervision_app.domain import CaseDetail, child_age_text
from supervision_app.ui.widgets import push_button, text_label


class CaseOverview(QWidget):
    new_session_requested = Signal()
    edit_case_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseOverview")
        self.title_label = text_label("", "pageTitle", selectable=True)
        self.sessions_label = text_label("", "secondary")
        self._details = QFormLayout()
        self._details.setHorizontalSpacing(24)
        self._details.setVerticalSpacing(10)
        self._details.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.new_session_button = push_button(
            self.tr("Start a new session"),
            "overviewNewSessionButton",
            self.tr("Start a new session"),
            primary=True,
        )
        self.edit_button = push_button(
            self.tr("Edit case…"), "overviewEditCaseButton", self.tr("Edit case")
        )
        self.new_session_button.clicked.connect(self.new_session_requested)
        self.edit_button.clicked.connect(self.edit_case_requested)

        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(760)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(14)
        inner.addWidget(text_label(self.tr("Case").upper(), "eyebrow"))
        inner.addWidget(self.title_label)
        inner.addLayout(self._details)
        inner.addWidget(self.sessions_label)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addWidget(self.new_session_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        inner.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        row = QHBoxLayout()
        row.addWidget(card, 10)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def show_case(self, case: CaseDetail, session_count: int) -> None:
        self.title_label.setText(case.reference)
        while self._details.rowCount():
            self._details.removeRow(0)
        children = "\n".join(
            f"{c.name} — {child_age_text(c)}" if child_age_text(c) else c.name
            for c in case.children
        )
        for label, value in (
            (self.tr("Children"), children),
            (self.tr("Practitioner"), case.practitioner),
            (self.tr("Supervisor"), case.supervisor),
            (self.tr("Agencies"), ", ".join(case.agencies) or self.tr("None recorded")),
        ):
            self._details.addRow(text_label(label, "secondary"), text_label(value, selectable=True))
        if session_count:
            self.sessions_label.setText(
                self.tr("1 session so far. Choose it on the left to continue.")
                if session_count == 1
                else self.tr("{n} sessions so far. Choose one on the left to continue.").format(
                    n=session_count
                )
            )
        else:
            self.sessions_label.setText(
                self.tr("No sessions yet. Start the first one when you sit down together.")
            )

    def clear(self) -> None:
        """Forget the case shown (the window is locking)."""
        self.title_label.clear()
        self.sessions_label.clear()
        while self._details.rowCount():
            self._details.removeRow(0)
