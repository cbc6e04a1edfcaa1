"""Home: what needs attention across all cases, most urgent first, each line saying why.

One click on [Start] begins the next session on that case (it opens on Today). All cases
stay one click away."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from supervision_app.ui.focus.page_frame import FocusPage, card
from supervision_app.ui.widgets import accessible, discard, push_button, set_primary, text_label

if TYPE_CHECKING:
    from supervision_app.domain.focus import AttentionItem


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
        self._rows: dict[int, _Row] = {}  # case id -> its row, kept while the case is listed
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
        #: Says that the list could not be worked out (a read failed); hidden otherwise.
        self.problem_label = text_label("", "secondary")
        self.problem_label.setObjectName("homeProblem")
        self.problem_label.hide()
        self.list_box = QVBoxLayout()
        self.list_box.setSpacing(10)
        self.body.addWidget(self.frequency_label)
        self.body.addLayout(self.list_box)
        self.body.addWidget(self.working_label)
        self.body.addWidget(self.problem_label)
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
        rows: dict[int, _Row] = {}
        for rank, item in enumerate(items):
            row = self._rows.pop(item.case_id, None) or self._row(item)
            self._set_texts(row, item)
            if bool(row.start.property("primary")) != (rank == 0):
                set_primary(row.start, rank == 0)
            rows[item.case_id] = row
            self.list_box.insertWidget(rank, row.frame)  # moves a kept row into its place
        for gone in self._rows.values():
            self.list_box.removeWidget(gone.frame)
            discard(gone.frame)
        self._rows = rows
        self.start_buttons = {case_id: row.start for case_id, row in rows.items()}
        self.rows = [row.frame for row in rows.values()]
        self.working_label.setVisible(more_coming)
        self.empty_label.setVisible(not items and not more_coming)
        self.problem_label.hide()

    def set_unavailable(self, frequency: str, problem: str) -> None:
        """No list, because it could not be worked out: ``problem`` says so in its place
        (never "nothing needs attention", which would not be true)."""
        self.set_items([], frequency)
        self.empty_label.hide()
        self.problem_label.setText(problem)
        self.problem_label.setAccessibleName(problem)
        self.problem_label.show()

    def _row(self, item: AttentionItem) -> _Row:
        frame, layout = card()
        frame.setProperty("caseId", item.case_id)
        line = QHBoxLayout()
        line.setSpacing(16)
        texts = QVBoxLayout()
        texts.setSpacing(3)
        title = text_label("", "sectionTitle", selectable=True)
        texts.addWidget(title)
        line.addLayout(texts, 1)
        start = push_button(self.tr("Start"), "startSessionButton")
        start.setProperty("primary", False)
        start.clicked.connect(lambda _=False, cid=item.case_id: self.start_requested.emit(cid))
        line.addWidget(start, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(line)
        return _Row(frame, texts, title, start)

    def _set_texts(self, row: _Row, item: AttentionItem) -> None:
        """The row's reference and reasons, and the names a screen reader gives them."""
        reasons = list(item.reasons)
        if row.title.text() == item.reference and [r.text() for r in row.reasons] == reasons:
            return
        row.title.setText(item.reference)
        for label in row.reasons:
            row.texts.removeWidget(label)
            discard(label)
        row.reasons = [text_label(reason, "attentionReason", selectable=True) for reason in reasons]
        for label in row.reasons:
            row.texts.addWidget(label)
        row.frame.setAccessibleName(
            self.tr("Needs attention: {reference}").format(reference=item.reference)
        )
        accessible(
            row.start,
            self.tr("Start the next session on {reference}").format(reference=item.reference),
            "; ".join(reasons),
        )

    def first_start_button(self) -> QPushButton | None:
        return next(iter(self.start_buttons.values()), None)


@dataclass(slots=True)
class _Row:
    """One case's row on Home: kept (with the focus on its Start button) while it is listed."""

    frame: QWidget
    texts: QVBoxLayout
    title: QLabel
    start: QPushButton
    reasons: list[QLabel] = field(default_factory=list)
