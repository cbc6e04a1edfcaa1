"""Someone else saved an answer first (agency server): both texts side by side, the user chooses.

Nothing is overwritten until the user picks: keep mine, take theirs, or save the text as edited
in the merge box (which starts as mine).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class AnswerConflictDialog(QDialog):
    """Shows theirs and mine; :attr:`chosen` is the text to save once accepted."""

    def __init__(self, prompt_text: str, mine: str, theirs: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("answerConflictDialog")
        self.setWindowTitle(self.tr("Someone else saved this answer first"))
        self.chosen = ""
        lead = QLabel(
            self.tr(
                "While you were editing \u201c{prompt}\u201d, someone else saved a different "
                "text. Nothing has been overwritten. Choose which text to keep, or edit the "
                "merged text and save that."
            ).format(prompt=prompt_text)
        )
        lead.setWordWrap(True)
        self.theirs_view = self._view("theirsText", theirs)
        self.mine_view = self._view("mineText", mine)
        self.merge_edit = QPlainTextEdit(mine)
        self.merge_edit.setObjectName("mergeText")
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Their text (saved on the server)")), 0, 0)
        grid.addWidget(QLabel(self.tr("Your text (not saved)")), 0, 1)
        grid.addWidget(self.theirs_view, 1, 0)
        grid.addWidget(self.mine_view, 1, 1)
        merge_label = QLabel(self.tr("Merged text (edit, then save it)"))
        merge_label.setBuddy(self.merge_edit)
        buttons = QHBoxLayout()
        for name, text, value in (
            ("keepMine", self.tr("Keep mine"), lambda: mine),
            ("takeTheirs", self.tr("Take theirs"), lambda: theirs),
            ("saveMerged", self.tr("Save merged text"), self.merge_edit.toPlainText),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, v=value: self._choose(v()))
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addLayout(grid)
        layout.addWidget(merge_label)
        layout.addWidget(self.merge_edit)
        layout.addLayout(buttons)
        self.resize(760, 520)

    @staticmethod
    def _view(name: str, text: str) -> QPlainTextEdit:
        view = QPlainTextEdit(text)
        view.setObjectName(name)
        view.setReadOnly(True)
        return view

    def _choose(self, text: str) -> None:
        self.chosen = text
        self.accept()

    def reject(self) -> None:
        """Closing without a choice keeps the conflict: nothing is saved either way."""
        super().reject()
