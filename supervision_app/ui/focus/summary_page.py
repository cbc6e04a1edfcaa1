"""The summary step: the key reflection; Signs of Safety's three columns; a safety scaling
for each child with its anchored ends written out; decisions and actions reachable right here;
and when the case is next reviewed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from supervision_app.content import Content
from supervision_app.domain import Action, Decision, format_date
from supervision_app.domain.focus import CLOSING_MINUTES, ChildScaling, SessionClosing
from supervision_app.domain.opening_closing import (
    SCALING_ANCHORS,
    SCALING_QUESTION,
    SIGNS_OF_SAFETY_SOURCE,
    SUMMARY_COLUMNS,
)
from supervision_app.ui.answer_editor import AnswerEditor
from supervision_app.ui.focus.page_frame import (
    FocusPage,
    card,
    section_title,
    session_text_editor,
)
from supervision_app.ui.widgets import accessible, delete_widgets, push_button, text_label

DEFAULT_REVIEW_DAYS = 28


class SummaryPage(FocusPage):
    #: A choice changed (a score, its note, the review date): save the closing.
    #: (The free text autosaves like answers; the view wires :meth:`editors`.)
    changed = Signal()
    add_decision_requested = Signal()
    add_action_requested = Signal()
    open_decisions_requested = Signal()
    next_requested = Signal()

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(
            "summaryPage",
            self.tr("Close · about {n} minutes").format(n=CLOSING_MINUTES),
            self.tr("Summary"),
            self.tr("What you take from today, in a few lines; the three questions; how safe "
                    "each child is; what was decided and who does what; the next review."),
        )  # fmt: skip
        self._content = content
        self._planned = 75
        self._children: list[str] = []
        self.scale_groups: dict[str, QButtonGroup] = {}
        self.scale_notes: dict[str, QLineEdit] = {}

        self.reflection = self._editor("summary.reflection", self.tr("Key reflection and analysis"))
        box, lay = card()
        lay.addWidget(section_title(self.tr("Key reflection and analysis")))
        lay.addWidget(self.reflection)
        self.body.addWidget(box)

        questions = dict(SUMMARY_COLUMNS)
        self.worries = self._editor("summary.worries", questions["worries"])
        self.working_well = self._editor("summary.working_well", questions["working_well"])
        self.needs_to_happen = self._editor("summary.needs_to_happen", questions["needs_to_happen"])
        box, lay = card()
        lay.addWidget(section_title(self.tr("The three questions")))
        columns = QHBoxLayout()
        columns.setSpacing(10)
        for title, editor in (
            (self.tr("Worries"), self.worries),
            (self.tr("Working well"), self.working_well),
            (self.tr("Needs to happen"), self.needs_to_happen),
        ):
            column = QVBoxLayout()
            column.addWidget(text_label(title, "sectionTitleSmall"))
            column.addWidget(editor)
            columns.addLayout(column, 1)
        lay.addLayout(columns)
        lay.addWidget(text_label(SIGNS_OF_SAFETY_SOURCE, "source", selectable=True))
        self.body.addWidget(box)

        self.scaling_box, self.scaling_layout = card()
        self.scaling_layout.addWidget(section_title(self.tr("Safety scaling for each child")))
        self.scaling_layout.addWidget(text_label(
            "\n".join([SCALING_QUESTION, *SCALING_ANCHORS]), "secondary"))  # fmt: skip
        self.scaling_rows = QVBoxLayout()
        self.scaling_layout.addLayout(self.scaling_rows)
        self.body.addWidget(self.scaling_box)

        box, lay = card()
        lay.addWidget(section_title(self.tr("Decisions and actions")))
        self.decided_label = text_label("", "", selectable=True)
        lay.addWidget(self.decided_label)
        self.add_decision_button = push_button(self.tr("Add decision…"), "summaryAddDecision")
        self.add_action_button = push_button(self.tr("Add action…"), "summaryAddAction")
        self.open_decisions_button = push_button(
            self.tr("Open decisions and actions"), "summaryOpenDecisions"
        )
        self.add_decision_button.clicked.connect(self.add_decision_requested)
        self.add_action_button.clicked.connect(self.add_action_requested)
        self.open_decisions_button.clicked.connect(self.open_decisions_requested)
        row = QHBoxLayout()
        for button in (self.add_decision_button, self.add_action_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.open_decisions_button)
        lay.addLayout(row)
        self.body.addWidget(box)

        box, lay = card()
        lay.addWidget(section_title(self.tr("Next review")))
        self.review_set = QCheckBox(self.tr("The case is next reviewed on"))
        self.review_set.setObjectName("nextReviewSet")
        accessible(self.review_set, self.tr("Set the next review date"))
        self.review_date = QDateEdit()
        self.review_date.setObjectName("nextReviewDate")
        self.review_date.setCalendarPopup(True)
        self.review_date.setDisplayFormat("d MMM yyyy")
        self.review_date.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        accessible(self.review_date, self.tr("Next review date"))
        self.review_set.toggled.connect(self._on_review_toggled)
        self.review_date.dateChanged.connect(lambda _d: self.changed.emit())
        row = QHBoxLayout()
        row.addWidget(self.review_set)
        row.addWidget(self.review_date)
        row.addStretch(1)
        lay.addLayout(row)
        self.body.addWidget(box)

        self.next_button = self.add_next_button(
            self.tr("Next: record preview  →"), "summaryNextButton", self.tr("Next: record preview")
        )
        self.next_button.clicked.connect(self.next_requested)

    def _editor(self, key: str, name: str) -> AnswerEditor:
        return session_text_editor(key, name, "summaryEditor")

    # -- loading ----------------------------------------------------------------------

    def load(self, closing: SessionClosing, children: Sequence[str], on: date) -> None:
        self._planned = closing.planned_minutes
        self.reflection.load_text(closing.reflection)
        self.worries.load_text(closing.worries)
        self.working_well.load_text(closing.working_well)
        self.needs_to_happen.load_text(closing.needs_to_happen)
        self._children = list(children)
        scored = {s.child: s for s in closing.scaling}
        delete_widgets(self.scaling_rows)
        self.scale_groups, self.scale_notes = {}, {}
        for name in self._children:
            self.scaling_rows.addWidget(self._scale_row(name, scored.get(name)))
        self.scaling_box.setVisible(bool(self._children))
        for widget in (self.review_set, self.review_date):
            widget.blockSignals(True)
        review = closing.next_review
        self.review_set.setChecked(review is not None)
        shown = review or on + timedelta(days=DEFAULT_REVIEW_DAYS)
        self.review_date.setDate(QDate(shown.year, shown.month, shown.day))
        self.review_date.setEnabled(review is not None)
        for widget in (self.review_set, self.review_date):
            widget.blockSignals(False)

    def _scale_row(self, child: str, scaling: ChildScaling | None) -> QWidget:
        row = QWidget()
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(text_label(child, "sectionTitleSmall"))
        scale = QHBoxLayout()
        scale.setSpacing(3)
        scale.addWidget(text_label(self.tr("0 cannot live at home safely"), "hint"))
        group = QButtonGroup(row)
        group.setExclusive(False)
        for score in range(11):
            button = QToolButton()
            button.setObjectName("scaleButton")
            button.setText(str(score))
            button.setCheckable(True)
            button.setMinimumWidth(30)
            button.setChecked(scaling is not None and scaling.score == score)
            accessible(button, self.tr("{child}: {score} out of 10").format(
                child=child, score=score))  # fmt: skip
            group.addButton(button, score)
            scale.addWidget(button)
        scale.addWidget(text_label(self.tr("10 safe enough to close"), "hint"))
        scale.addStretch(1)
        group.buttonClicked.connect(lambda b, g=group: self._scored(g, b))
        layout.addLayout(scale)
        note = QLineEdit(scaling.note if scaling else "")
        note.setObjectName("scaleNote")
        note.setPlaceholderText(self.tr("Why this score (optional)"))
        accessible(note, self.tr("{child}: why this score").format(child=child))
        note.editingFinished.connect(self.changed)
        layout.addWidget(note)
        self.scale_groups[child] = group
        self.scale_notes[child] = note
        return row

    def _scored(self, group: QButtonGroup, chosen: QAbstractButton) -> None:
        for button in group.buttons():
            if button is not chosen:
                button.setChecked(False)
        self.changed.emit()

    def _on_review_toggled(self, on: bool) -> None:
        self.review_date.setEnabled(on)
        self.changed.emit()

    def set_score(self, child: str, score: int) -> None:
        button = self.scale_groups[child].button(score)
        button.click()

    def show_decided(self, decisions: Sequence[Decision], actions: Sequence[Action]) -> None:
        lines = [self.tr("Decision: {text} (because {why})").format(text=d.text, why=d.rationale)
                 for d in decisions]  # fmt: skip
        lines += [
            self.tr("Action: {text} ({owner}, by {due})").format(
                text=a.description, owner=a.owner,
                due=format_date(a.due_date) if a.due_date else self.tr("no date"),
            )
            for a in actions
        ]  # fmt: skip
        self.decided_label.setText(
            "\n".join(lines) or self.tr("No decisions or actions yet. Every decision needs its "
                                        "rationale; every action an owner and a due date.")
        )  # fmt: skip

    # -- reading back ------------------------------------------------------------------

    def editors(self) -> list[AnswerEditor]:
        return [self.reflection, self.worries, self.working_well, self.needs_to_happen]

    def closing(self) -> SessionClosing:
        scaling = []
        for child in self._children:
            checked = self.scale_groups[child].checkedId()
            scaling.append(
                ChildScaling(child, checked if checked >= 0 else None,
                             self.scale_notes[child].text())
            )  # fmt: skip
        review = None
        if self.review_set.isChecked():
            qd = self.review_date.date()
            review = date(qd.year(), qd.month(), qd.day())
        return SessionClosing(
            reflection=self.reflection.text(),
            worries=self.worries.text(),
            working_well=self.working_well.text(),
            needs_to_happen=self.needs_to_happen.text(),
            scaling=tuple(scaling),
            next_review=review,
            planned_minutes=self._planned,
        )

    def set_planned(self, minutes: int) -> None:
        self._planned = minutes

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors():
            editor.setReadOnly(read_only)
        for group in self.scale_groups.values():
            for button in group.buttons():
                button.setEnabled(not read_only)
        for note in self.scale_notes.values():
            note.setReadOnly(read_only)
        for widget in (self.review_set, self.add_decision_button, self.add_action_button):
            widget.setEnabled(not read_only)
        self.review_date.setEnabled(not read_only and self.review_set.isChecked())
