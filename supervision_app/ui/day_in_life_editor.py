"""The day-in-the-life tool: for each child, each part of the day and week, what the child
experiences, and whether that was seen or reported."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from supervision_app.content import Prompt
from supervision_app.domain import BASIS_CHOICES
from supervision_app.ui.structured_editor import StructuredEditor, small_text_box
from supervision_app.ui.widgets import text_label


class DayInLifeEditor(StructuredEditor):
    def __init__(self, prompt: Prompt, children: list[str], parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self.setObjectName("dayInLifeEditor")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dayInLifeTabs")
        self.tabs.setAccessibleName(self.tr("Children"))
        self.texts: dict[tuple[str, str], QPlainTextEdit] = {}
        self.bases: dict[tuple[str, str], QComboBox] = {}
        self.child_names: list[str] = []
        self._focus: list[QWidget] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        for name in children or [self.tr("The child")]:
            self._add_child(name)

    def _add_child(self, name: str) -> None:
        if name in self.child_names:
            return
        self.child_names.append(name)
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(10, 10, 10, 10)
        grid.setVerticalSpacing(4)
        grid.setHorizontalSpacing(10)
        row = 0
        for period in self.prompt.items:
            grid.addWidget(text_label(period.label, "checklistLabel"), row, 0, 1, 2)
            row += 1
            text = small_text_box(2)
            text.setPlaceholderText(
                period.explanation or self.tr("What does the child experience?")
            )
            text.setAccessibleName(
                self.tr("{child}, {period}: what the child experiences").format(
                    child=name, period=period.label
                )
            )
            basis = QComboBox()
            basis.addItem(self.tr("How do you know?"), "")
            for choice in BASIS_CHOICES:
                basis.addItem(self.tr(choice), choice)
            basis.setAccessibleName(
                self.tr("{child}, {period}: seen or reported").format(
                    child=name, period=period.label
                )
            )
            grid.addWidget(self._watch(text), row, 0)
            grid.addWidget(self._watch(basis), row, 1)
            self._focus += [text, basis]
            self.texts[(name, period.id)] = text
            self.bases[(name, period.id)] = basis
            row += 1
        grid.setColumnStretch(0, 1)
        self.tabs.addTab(page, name)

    def data(self) -> dict[str, Any]:
        return {
            "children": [
                {
                    "child": name,
                    "periods": [
                        {
                            "id": period.id,
                            "label": period.label,
                            "text": self.texts[(name, period.id)].toPlainText(),
                            "basis": self.bases[(name, period.id)].currentData() or "",
                        }
                        for period in self.prompt.items
                    ],
                }
                for name in self.child_names
            ]
        }

    def _show(self, data: dict[str, Any]) -> None:
        for child in data.get("children", []):
            name = str(child.get("child", "")).strip()
            if not name:
                continue
            if name not in self.child_names:
                self._add_child(name)  # a child no longer on the case: kept, not dropped
            for period in child.get("periods", []):
                key = (name, str(period.get("id", "")))
                if key in self.texts:
                    self.texts[key].setPlainText(str(period.get("text", "")))
                    index = self.bases[key].findData(str(period.get("basis", "")))
                    self.bases[key].setCurrentIndex(max(index, 0))

    def focus_widgets(self) -> list[QWidget]:
        return self._focus
