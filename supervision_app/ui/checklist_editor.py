"""A reflective checklist: each item with its explanation, a Yes/No/Unsure choice and a note."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from supervision_app.content import Prompt
from supervision_app.ui.structured_editor import StructuredEditor
from supervision_app.ui.widgets import text_label


class ChecklistEditor(StructuredEditor):
    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self.setObjectName("checklistEditor")
        self.groups: dict[str, QButtonGroup] = {}
        self.notes: dict[str, QLineEdit] = {}
        self._focus: list[QWidget] = []
        #: Stored items that the current content no longer has: kept and saved back as they are.
        self._extra: list[dict[str, Any]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for item in prompt.items:
            layout.addWidget(self._item_row(item.id, item.label, item.explanation))

    def _item_row(self, item_id: str, label: str, explanation: str) -> QWidget:
        row = QWidget()
        row.setObjectName("checklistItem")
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(3)
        grid.addWidget(text_label(label, "checklistLabel"), 0, 0)
        if explanation:
            grid.addWidget(text_label(explanation, "checklistExplanation", selectable=True), 1, 0)
        choices = QHBoxLayout()
        group = QButtonGroup(row)
        group.setExclusive(False)  # so a second click can clear the mark
        for choice in self.prompt.answer_choices:
            button = QRadioButton(choice)
            button.setAccessibleName(self.tr("{item}: {choice}").format(item=label, choice=choice))
            group.addButton(button)
            choices.addWidget(button)
            button.installEventFilter(self)
            self._focus.append(button)
        group.buttonToggled.connect(lambda b, on, g=group: self._on_toggled(g, b, on))
        choices.addStretch(1)
        grid.addLayout(choices, 0, 1, 2, 1)
        note = QLineEdit()
        note.setPlaceholderText(self.tr("Note: what you have noticed"))
        note.setAccessibleName(self.tr("Note on {item}").format(item=label))
        self._watch(note)
        self._focus.append(note)
        grid.addWidget(note, 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.groups[item_id] = group
        self.notes[item_id] = note
        return row

    def _on_toggled(self, group: QButtonGroup, button: QAbstractButton, on: bool) -> None:
        if on:
            for other in group.buttons():
                if other is not button and other.isChecked():
                    other.blockSignals(True)
                    other.setChecked(False)
                    other.blockSignals(False)
        self._changed()

    def choice(self, item_id: str) -> str:
        checked = [b for b in self.groups[item_id].buttons() if b.isChecked()]
        return checked[0].text() if checked else ""

    def set_choice(self, item_id: str, choice: str) -> None:
        for button in self.groups[item_id].buttons():
            button.setChecked(button.text() == choice)

    def data(self) -> dict[str, Any]:
        return {
            "items": [
                {
                    "id": item.id,
                    "label": item.label,
                    "answer": self.choice(item.id),
                    "note": self.notes[item.id].text(),
                }
                for item in self.prompt.items
            ]
            + self._extra
        }

    def _show(self, data: dict[str, Any]) -> None:
        stored = {i.get("id"): i for i in data.get("items", []) if isinstance(i, dict)}
        self._extra = [
            i
            for i in data.get("items", [])
            if isinstance(i, dict) and i.get("id") not in self.groups
        ]
        for item in self.prompt.items:
            entry = stored.get(item.id, {})
            self.set_choice(item.id, str(entry.get("answer", "")))
            self.notes[item.id].setText(str(entry.get("note", "")))

    def focus_widgets(self) -> list[QWidget]:
        return self._focus
