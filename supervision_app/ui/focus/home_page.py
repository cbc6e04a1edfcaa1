"""Home: what needs attention across all cases, most urgent first, each line saying why.

One click on [Start] begins the next session on that case (it opens on Today). All cases
stay one click away."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from supervision_app.domain.focus import AttentionItem
from supervision_app.ui.focus.page_frame import FocusPage, card
from supervision_app.ui.widgets import push_button, text_label


class HomePage(FocusPage):
    start_requested = Signal(int)  # case id
    all_cases_requested = Signal()
    new_case_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "homePage",
            self.tr("Home"),
            self.tr("What needs attention"),
            self.tr(
                "Cases due for supervision, overdue actions, escalations past their timescale "
                "and pattern prompts, most urgent first. Start begins the next session."
            ),
        )
        self.start_buttons: dict[int, QPushButton] = {}
        self.rows: list[QWidget] = []
        self.frequency_label = text_label("", "secondary")
        self.empty_label = text_label(
            self.tr("Nothing needs attention today. Every case is within its supervision "
                    "frequency, with no overdue actions or escalations."),
            "secondary",
        )  # fmt: skip
        self.list_box = QVBoxLayout()
        self.list_box.setSpacing(10)
        self.body.addWidget(self.frequency_label)
        self.body.addLayout(self.list_box)
        self.body.addWidget(self.empty_label)
        self.all_cases_button = push_button(
            self.tr("All cases ▸"), "allCasesButton", self.tr("All cases"),
            description=self.tr("The case list, with every session"),
        )  # fmt: skip
        self.new_case_button = push_button(self.tr("New case…"), "homeNewCaseButton")
        self.all_cases_button.clicked.connect(self.all_cases_requested)
        self.new_case_button.clicked.connect(self.new_case_requested)
        self.foot.addWidget(self.all_cases_button)
        self.foot.addStretch(1)
        self.foot.addWidget(self.new_case_button)

    def set_items(self, items: Sequence[AttentionItem], frequency: str) -> None:
        """``frequency``: how often supervision is due, e.g. "every 28 days (default: monthly)"."""
        for row in self.rows:
            self.list_box.removeWidget(row)
            row.deleteLater()
        self.rows = []
        self.start_buttons = {}
        self.frequency_label.setText(
            self.tr("Supervision is due {frequency}.").format(frequency=frequency)
        )
        for rank, item in enumerate(items):
            row = self._row(item, primary=rank == 0)
            self.rows.append(row)
            self.list_box.addWidget(row)
        self.empty_label.setVisible(not items)

    def _row(self, item: AttentionItem, primary: bool) -> QWidget:
        frame, layout = card()
        frame.setAccessibleName(
            self.tr("Needs attention: {reference}").format(reference=item.reference)
        )
        frame.setProperty("caseId", item.case_id)
        line = QHBoxLayout()
        line.setSpacing(16)
        texts = QVBoxLayout()
        texts.setSpacing(3)
        texts.addWidget(text_label(item.reference, "sectionTitle", selectable=True))
        for reason in item.reasons:
            texts.addWidget(text_label(reason, "attentionReason", selectable=True))
        line.addLayout(texts, 1)
        start = push_button(
            self.tr("Start"),
            "startSessionButton",
            self.tr("Start the next session on {reference}").format(reference=item.reference),
            primary=primary,
            description="; ".join(item.reasons),
        )
        start.clicked.connect(lambda _=False, cid=item.case_id: self.start_requested.emit(cid))
        line.addWidget(start, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(line)
        self.start_buttons[item.case_id] = start
        return frame

    def first_start_button(self) -> QPushButton | None:
        return next(iter(self.start_buttons.values()), None)
