"""A small table the user fills row by row: marked entries, information-sharing decisions."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from supervision_app.content import Prompt
from supervision_app.ui.structured_editor import StructuredEditor, small_text_box
from supervision_app.ui.widgets import discard, push_button


class RecordsEditor(StructuredEditor):
    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self.setObjectName("recordsEditor")
        self.rows: list[tuple[QFrame, dict[str, QWidget]]] = []
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(8)
        self.add_button = push_button(
            self.tr("Add an entry"),
            "addRecordButton",
            self.tr("Add an entry to {prompt}").format(prompt=prompt.text[:60]),
        )
        self.add_button.clicked.connect(self._on_add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows_box)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        self.add_row()

    def _on_add(self) -> None:
        widgets = self.add_row()
        next(iter(widgets.values())).setFocus()

    def add_row(self, values: dict[str, str] | None = None) -> dict[str, QWidget]:
        values = values or {}
        number = len(self.rows) + 1
        frame = QFrame()
        frame.setObjectName("recordRow")
        form = QFormLayout(frame)
        form.setContentsMargins(10, 8, 10, 8)
        widgets: dict[str, QWidget] = {}
        for field in self.prompt.fields:
            name = self.tr("Entry {n}: {field}").format(n=number, field=field.label)
            value = values.get(field.id, "")
            if field.choices:
                combo = QComboBox()
                combo.addItem(self.tr("Choose…"), "")
                for choice in field.choices:
                    combo.addItem(choice, choice)
                if value and combo.findData(value) < 0:
                    combo.addItem(value, value)  # a choice the content no longer offers: kept
                combo.setCurrentIndex(max(combo.findData(value), 0))
                widget: QWidget = combo
            elif field.multiline:
                widget = small_text_box(3)
                widget.setPlainText(value)
            else:
                widget = QLineEdit(value)
            widget.setAccessibleName(name)
            form.addRow(field.label, self._watch(widget))
            widgets[field.id] = widget
        remove = push_button(
            self.tr("Remove"), "removeRecordButton", self.tr("Remove entry {n}").format(n=number)
        )
        remove.clicked.connect(lambda: self._remove(frame))
        form.addRow("", remove)
        self.rows.append((frame, widgets))
        self._rows_box.addWidget(frame)
        return widgets

    def _remove(self, frame: QFrame) -> None:
        self.rows = [(f, w) for f, w in self.rows if f is not frame]
        discard(frame)
        self._changed()

    @staticmethod
    def _value(widget: QWidget) -> str:
        if isinstance(widget, QComboBox):
            return widget.currentData() or ""
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def data(self) -> dict[str, Any]:
        rows = [{fid: self._value(w) for fid, w in widgets.items()} for _f, widgets in self.rows]
        return {
            "fields": [{"id": f.id, "label": f.label} for f in self.prompt.fields],
            "choice_fields": [f.id for f in self.prompt.fields if f.choices],
            "rows": [r for r in rows if any(v.strip() for v in r.values())],
        }

    def _show(self, data: dict[str, Any]) -> None:
        stored = [r for r in data.get("rows", []) if isinstance(r, dict)]
        for frame, _widgets in self.rows:
            discard(frame)
        self.rows = []
        for values in stored or [{}]:
            self.add_row({k: str(v) for k, v in values.items()})

    def focus_widgets(self) -> list[QWidget]:
        return [w for _f, widgets in self.rows for w in widgets.values()] + [self.add_button]
