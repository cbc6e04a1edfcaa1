"""The right-hand panel when a case (not a session) is selected: the case's details, then
everything the case remembers across its sessions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QVBoxLayout, QWidget

from supervision_app.domain import CaseDetail, child_age_text
from supervision_app.ui.case_memory_panel import CaseMemoryPanel
from supervision_app.ui.flow_layout import flow_row
from supervision_app.ui.widgets import push_button, text_label


class CaseOverview(QWidget):
    new_session_requested = Signal()
    edit_case_requested = Signal()
    print_summary_requested = Signal()
    export_case_requested = Signal()

    def __init__(self, memory_panel: CaseMemoryPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseOverview")
        self.memory_panel = memory_panel
        self.title_label = text_label("", "pageTitle", selectable=True)
        self.sessions_label = text_label("", "secondary")
        self._details = QFormLayout()
        self._details.setHorizontalSpacing(24)
        self._details.setVerticalSpacing(8)
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
        self.print_button = push_button(
            self.tr("Case summary PDF…"),
            "overviewCaseSummaryButton",
            self.tr("Export the case summary as PDF"),
        )
        self.export_button = push_button(
            self.tr("Case file (JSON)…"),
            "overviewExportCaseButton",
            self.tr("Export the whole case as a JSON record file"),
        )
        self.export_button.clicked.connect(self.export_case_requested)
        self.new_session_button.clicked.connect(self.new_session_requested)
        self.edit_button.clicked.connect(self.edit_case_requested)
        self.print_button.clicked.connect(self.print_summary_requested)

        card = QFrame()
        card.setObjectName("card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 22, 28, 22)
        inner.setSpacing(12)
        inner.addWidget(text_label(self.tr("Case").upper(), "eyebrow"))
        inner.addWidget(self.title_label)
        inner.addLayout(self._details)
        inner.addWidget(self.sessions_label)
        # a wrapping row: four buttons do not fit side by side in a compact window at 200%
        inner.addWidget(
            flow_row(
                self.new_session_button,
                self.edit_button,
                self.print_button,
                self.export_button,
                spacing=12,
            )
        )
        memory_panel.top = card

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(memory_panel)

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
                self.tr("1 session so far. Choose it in the case list to continue.")
                if session_count == 1
                else self.tr(
                    "{n} sessions so far. Choose one in the case list to continue."
                ).format(n=session_count)
            )
        else:
            self.sessions_label.setText(
                self.tr("No sessions yet. Start the first one when you sit down together.")
            )
        self.memory_panel.show_case(case.id)

    def clear(self) -> None:
        """Forget the case shown (the window is locking)."""
        self.title_label.clear()
        self.sessions_label.clear()
        while self._details.rowCount():
            self._details.removeRow(0)
