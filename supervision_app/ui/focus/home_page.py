"""Home: what needs attention across all cases, most urgent first, each line saying why.

One click on [Start] begins the next session on that case (it opens on Today). All cases
stay one click away."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from supervision_app.domain.focus import AttentionItem
from supervision_app.ui.focus.page_frame import FocusPage, card
from supervision_app.ui.widgets import accessible, push_button, set_primary, text_label


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
        self._rows: dict[int, QWidget] = {}  # case id -> its row
        self._reason_boxes: dict[int, QVBoxLayout] = {}
        self.frequency_label = text_label("", "secondary")
        self.empty_label = text_label(
            self.tr("Nothing needs attention today. Every case is within its supervision "
                    "frequency, with no overdue actions or escalations."),
            "secondary",
        )  # fmt: skip
        self.working_label = text_label(
            self.tr("Working out what needs attention\u2026"), "secondary"
        )
        self.working_label.setAccessibleName(self.working_label.text())
        self.working_label.hide()
        self.list_box = QVBoxLayout()
        self.list_box.setSpacing(10)
        self.body.addWidget(self.frequency_label)
        self.body.addLayout(self.list_box)
        self.body.addWidget(self.working_label)
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

    def set_items(
        self, items: Sequence[AttentionItem], frequency: str, *, more_coming: bool = False
    ) -> None:
        """``frequency``: how often supervision is due, e.g. "every 28 days (default: monthly)".

        ``more_coming``: the list is still being worked out (it fills in after the window's
        first paint): its place says so, and "nothing needs attention" waits for it.
        A case already listed keeps its row (and the keyboard focus, if its Start button
        has it); only its reasons change."""
        self.frequency_label.setText(
            self.tr("Supervision is due {frequency}.").format(frequency=frequency)
        )
        rows: dict[int, QWidget] = {}
        buttons: dict[int, QPushButton] = {}
        for rank, item in enumerate(items):
            row = self._rows.pop(item.case_id, None)
            if row is None:
                row = self._row(item)
            else:
                self._set_reasons(row, item)
            start = row.findChild(QPushButton, "startSessionButton")
            if bool(start.property("primary")) != (rank == 0):
                set_primary(start, rank == 0)
            rows[item.case_id], buttons[item.case_id] = row, start
            self.list_box.insertWidget(rank, row)  # moves a kept row into its place
        for case_id, gone in self._rows.items():
            self.list_box.removeWidget(gone)
            gone.deleteLater()
            del self._reason_boxes[case_id]
        self._rows, self.start_buttons = rows, buttons
        self.rows = list(rows.values())
        self.working_label.setVisible(more_coming)
        self.empty_label.setVisible(not items and not more_coming)

    def _row(self, item: AttentionItem) -> QWidget:
        frame, layout = card()
        frame.setProperty("caseId", item.case_id)
        line = QHBoxLayout()
        line.setSpacing(16)
        texts = QVBoxLayout()
        texts.setSpacing(3)
        texts.addWidget(text_label("", "sectionTitle", selectable=True))
        line.addLayout(texts, 1)
        start = push_button(self.tr("Start"), "startSessionButton")
        start.setProperty("primary", False)
        start.clicked.connect(lambda _=False, cid=item.case_id: self.start_requested.emit(cid))
        line.addWidget(start, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(line)
        self._reason_boxes[item.case_id] = texts
        self._set_reasons(frame, item)
        return frame

    def _set_reasons(self, row: QWidget, item: AttentionItem) -> None:
        """The row's reference and reasons, and the names a screen reader gives them."""
        texts = self._reason_boxes[item.case_id]
        title = texts.itemAt(0).widget()
        labels = [texts.itemAt(i).widget() for i in range(1, texts.count())]
        if title.text() == item.reference and [w.text() for w in labels] == list(item.reasons):
            return
        title.setText(item.reference)
        for label in labels:
            texts.removeWidget(label)
            label.deleteLater()
        for reason in item.reasons:
            texts.addWidget(text_label(reason, "attentionReason", selectable=True))
        row.setAccessibleName(
            self.tr("Needs attention: {reference}").format(reference=item.reference)
        )
        accessible(
            row.findChild(QPushButton, "startSessionButton"),
            self.tr("Start the next session on {reference}").format(reference=item.reference),
            "; ".join(item.reasons),
        )

    def first_start_button(self) -> QPushButton | None:
        return next(iter(self.start_buttons.values()), None)
