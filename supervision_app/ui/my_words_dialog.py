"""Review, add and remove spell-check's "my words" (kept in the encrypted database)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain import ValidationError
from supervision_app.ui.a11y import report_problems
from supervision_app.ui.spell_check import SpellService
from supervision_app.ui.widgets import (
    accessible,
    fit_to_screen,
    problems_box,
    push_button,
    text_label,
)


class MyWordsDialog(QDialog):
    def __init__(self, service: SpellService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("myWordsDialog")
        self.setWindowTitle(self.tr("My words"))
        self.service = service

        intro = text_label(
            self.tr(
                "Words that spell-check accepts because you added them, often names of "
                "children, families and places. They are kept in the encrypted database with "
                "the notes, never in a spell-checker file, and are locked with it."
            ),
            "hint",
        )
        self.status = text_label("", "secondary")
        self.word_list = QListWidget()
        self.word_list.setObjectName("myWordsList")
        self.word_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        accessible(self.word_list, self.tr("My words"), self.tr("The words you added"))
        self.new_word = QLineEdit()
        self.new_word.setObjectName("newWordEdit")
        self.new_word.setPlaceholderText(self.tr("A word to add"))
        accessible(self.new_word, self.tr("Word to add"))
        self.add_button = push_button(self.tr("&Add"), "addWordButton", self.tr("Add the word"))
        self.remove_button = push_button(
            self.tr("&Remove"), "removeWordButton", self.tr("Remove the selected words")
        )
        self.problems_frame, self.problems_label = problems_box(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        accessible(buttons.button(QDialogButtonBox.StandardButton.Close), self.tr("Close"))
        buttons.rejected.connect(self.reject)

        add_row = QHBoxLayout()
        add_row.addWidget(self.new_word, 1)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.status)
        layout.addWidget(self.word_list, 1)
        layout.addWidget(self.remove_button)
        layout.addLayout(add_row)
        layout.addWidget(self.problems_frame)
        layout.addWidget(buttons)

        self.add_button.clicked.connect(self.add_typed_word)
        self.new_word.returnPressed.connect(self.add_typed_word)
        self.remove_button.clicked.connect(self.remove_selected)
        self.word_list.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()
        fit_to_screen(self, 440, 460)

    def refresh(self) -> None:
        self.word_list.clear()
        self.word_list.addItems(self.service.words())
        count = self.word_list.count()
        self.status.setText(
            self.tr("No words yet: right-click an underlined word and choose “Add to my words”.")
            if count == 0
            else self.tr("1 word")
            if count == 1
            else self.tr("{count} words").format(count=count)
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.word_list.selectedItems()))

    def add_typed_word(self) -> None:
        try:
            self.service.add_word(self.new_word.text())
        except ValidationError as exc:
            report_problems(self.problems_frame, self.problems_label, exc.problems, [self.new_word])
            return
        report_problems(self.problems_frame, self.problems_label, [])
        self.new_word.clear()
        self.refresh()

    def remove_selected(self) -> None:
        for item in self.word_list.selectedItems():
            self.service.remove_word(item.text())
        self.refresh()
