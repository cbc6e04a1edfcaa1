"""Today: the short opening of a session. How the practitioner is (and whether that is
printed), the question they bring, what has changed since last time (each one to discuss or
not today), and the main worry for each child."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain.focus import OPENING_MINUTES, SessionOpening, SinceLastItem
from supervision_app.ui.answer_editor import AnswerEditor
from supervision_app.ui.focus.page_frame import (
    FocusPage,
    card,
    section_title,
    session_text_editor,
)
from supervision_app.ui.widgets import (
    accessible,
    delete_widgets,
    discard,
    push_button,
    text_label,
)

DISCUSS = "discuss"
NOT_TODAY = "not_today"


class TodayPage(FocusPage):
    #: A choice changed (print the check-in, discuss / not today): save the opening.
    #: (The free text autosaves like answers; the view wires :meth:`editors`.)
    changed = Signal()
    #: "Discuss" was chosen for an item: (its prompt id, its text).
    discuss_chosen = Signal(str, str)
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "todayPage",
            self.tr("Opening · about {n} minutes").format(n=OPENING_MINUTES),
            self.tr("Today"),
            self.tr("How you are, the question you bring, and what has changed since last time."),
        )
        self._since: list[SinceLastItem] = []
        self._groups: dict[str, QButtonGroup] = {}
        self._children: list[str] = []
        self.check_in = self._editor("today.check_in", self.tr("How are you today?"))
        self.print_check_in = QCheckBox(self.tr("Print this in the record"))
        self.print_check_in.setObjectName("printCheckIn")
        accessible(
            self.print_check_in,
            self.tr("Print the check-in"),
            self.tr("The practitioner chooses whether the check-in goes into the record"),
        )
        self.print_check_in.toggled.connect(self.changed)
        self.question = self._editor(
            "today.question", self.tr("What do you most need help with today?")
        )
        self.worry_editors: list[AnswerEditor] = []

        box, lay = card()
        lay.addWidget(section_title(self.tr("Check-in")))
        lay.addWidget(text_label(self.tr("How are you today? Private unless you choose to "
                                         "print it."), "secondary"))  # fmt: skip
        lay.addWidget(self.check_in)
        lay.addWidget(self.print_check_in)
        self.body.addWidget(box)

        box, lay = card()
        lay.addWidget(section_title(self.tr("Your question")))
        lay.addWidget(text_label(self.tr("What do you most need help with today?"), "secondary"))
        lay.addWidget(self.question)
        self.body.addWidget(box)

        self.since_box, lay = card()
        lay.addWidget(section_title(self.tr("Since last time")))
        lay.addWidget(text_label(self.tr("From the case so far. Discuss puts the item on the "
                                         "agenda."), "secondary"))  # fmt: skip
        self.since_grid = QGridLayout()
        self.since_grid.setHorizontalSpacing(8)
        self.since_grid.setVerticalSpacing(6)
        self.since_grid.setColumnStretch(0, 1)
        lay.addLayout(self.since_grid)
        self.since_empty = text_label(self.tr("Nothing new since the last session."), "secondary")
        lay.addWidget(self.since_empty)
        self.body.addWidget(self.since_box)

        self.worry_box, lay = card()
        lay.addWidget(section_title(self.tr("Main worry for each child")))
        self.worry_holder = QWidget()
        lay.addWidget(self.worry_holder)
        self.body.addWidget(self.worry_box)

        self.next_button = self.add_next_button(
            self.tr("Next: the agenda  →"), "todayNextButton", self.tr("Next: the agenda")
        )
        self.next_button.clicked.connect(self.next_requested)

    def _editor(self, key: str, name: str) -> AnswerEditor:
        return session_text_editor(key, name, "todayEditor")

    # -- loading ----------------------------------------------------------------------

    def load(self, opening: SessionOpening, since: Sequence[SinceLastItem],
             children: Sequence[str]) -> None:  # fmt: skip
        self.check_in.load_text(opening.check_in)
        self.print_check_in.blockSignals(True)
        self.print_check_in.setChecked(opening.print_check_in)
        self.print_check_in.blockSignals(False)
        self.question.load_text(opening.question)
        chosen = {item.key: item.choice for item in opening.since_last}
        self._since = [replace(item, choice=chosen.get(item.key, item.choice)) for item in since]
        self._fill_since()
        self._children = list(children)
        worries = dict(opening.main_worries)
        holder = QWidget()
        rows = QVBoxLayout(holder)
        rows.setContentsMargins(0, 0, 0, 0)
        self.worry_editors = []
        for name in self._children:
            label = self.tr("{child}: the main worry").format(child=name)
            editor = self._editor(f"today.worry.{len(self.worry_editors)}", label)
            editor.load_text(worries.get(name, ""))
            rows.addWidget(text_label(name, "sectionTitleSmall"))
            rows.addWidget(editor)
            self.worry_editors.append(editor)
        self.worry_box.layout().replaceWidget(self.worry_holder, holder)
        discard(self.worry_holder)
        self.worry_holder = holder
        self.worry_box.setVisible(bool(self._children))

    def _fill_since(self) -> None:
        delete_widgets(self.since_grid)
        self._groups = {}
        for row, item in enumerate(self._since):
            self.since_grid.addWidget(text_label(item.text, "", selectable=True), row, 0)
            group = QButtonGroup(self)
            group.setExclusive(False)
            for column, (choice, text) in enumerate(
                ((DISCUSS, self.tr("Discuss")), (NOT_TODAY, self.tr("Not today"))), start=1
            ):
                button = push_button(text, f"since_{choice}", f"{text}: {item.text}")
                button.setCheckable(True)
                button.setChecked(item.choice == choice)
                button.setProperty("choice", choice)
                group.addButton(button)
                self.since_grid.addWidget(button, row, column)
            group.buttonClicked.connect(lambda b, key=item.key: self._choose(key, b))
            self._groups[item.key] = group
        self.since_empty.setVisible(not self._since)

    def _choose(self, key: str, button: QPushButton) -> None:
        choice = button.property("choice") if button.isChecked() else ""
        for other in self._groups[key].buttons():
            if other is not button:
                other.setChecked(False)
        for index, item in enumerate(self._since):
            if item.key == key:
                self._since[index] = replace(item, choice=choice)
                if choice == DISCUSS:
                    self.discuss_chosen.emit(item.prompt_id, item.text)
        self.changed.emit()

    # -- reading back ------------------------------------------------------------------

    def editors(self) -> list[AnswerEditor]:
        return [self.check_in, self.question, *self.worry_editors]

    def since_buttons(self, key: str) -> dict[str, QAbstractButton]:
        return {b.property("choice"): b for b in self._groups[key].buttons()}

    def since_items(self) -> list[SinceLastItem]:
        return list(self._since)

    def opening(self) -> SessionOpening:
        return SessionOpening(
            check_in=self.check_in.text(),
            print_check_in=self.print_check_in.isChecked(),
            question=self.question.text(),
            since_last=tuple(self._since),
            main_worries=tuple(
                (name, editor.text())
                for name, editor in zip(self._children, self.worry_editors, strict=True)
            ),
        )

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors():
            editor.setReadOnly(read_only)
        self.print_check_in.setEnabled(not read_only)
        for group in self._groups.values():
            for button in group.buttons():
                button.setEnabled(not read_only)
