"""One small form dialog for the case-memory records (review an action, record an event,
update a hypothesis, raise or step up an escalation). Each use lists its fields."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from supervision_app.ui.form_dialog import FormDialog, labelled_form
from supervision_app.ui.widgets import accessible, text_label, to_date


@dataclass
class Field:
    key: str
    label: str  # with an & mnemonic
    kind: str = "line"  # line, text, choice, date, optional_date, number
    value: Any = None
    choices: Sequence[tuple[str, Any]] = field(default_factory=tuple)  # (label, value)
    minimum: int = 0
    maximum: int = 365


class MemoryFormDialog(FormDialog[dict[str, Any]]):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fields: Sequence[Field],
        save: Callable[[dict[str, Any]], object],
        *,
        intro: str = "",
        ok_text: str = "",
        object_name: str = "memoryFormDialog",
    ) -> None:
        super().__init__(parent, save, object_name=object_name, ok_text=ok_text)
        self.setWindowTitle(title)
        self.preferred_width = 520
        self._getters: dict[str, Callable[[], Any]] = {}
        self.inputs: dict[str, QWidget] = {}
        rows = [(f.label, self._make(f)) for f in fields]
        parts: list[Any] = [text_label(intro, "secondary")] if intro else []
        self.lay_out(*parts, labelled_form(rows))
        if rows:
            rows[0][1].setFocus()

    def _make(self, f: Field) -> QWidget:
        name = f.label.replace("&", "")
        widget: QWidget
        getter: Callable[[], Any]
        if f.kind == "text":
            edit = QPlainTextEdit(f.value or "")
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(96)
            widget, getter = edit, edit.toPlainText
        elif f.kind == "choice":
            combo = QComboBox()
            for label, value in f.choices:
                combo.addItem(label, value)
            if f.value is not None:
                combo.setCurrentIndex(max(combo.findData(f.value), 0))
            widget, getter = combo, combo.currentData
        elif f.kind in ("date", "optional_date"):
            edit_date = QDateEdit()
            edit_date.setCalendarPopup(True)
            edit_date.setDisplayFormat("d MMM yyyy")
            start = f.value or date.today()
            edit_date.setDate(QDate(start.year, start.month, start.day))
            accessible(edit_date, name)
            if f.kind == "date":
                widget, getter = edit_date, lambda: edit_date.date().toPython()
            else:
                box = QWidget()
                row = QHBoxLayout(box)
                row.setContentsMargins(0, 0, 0, 0)
                check = QCheckBox(self.tr("Set"))
                accessible(check, self.tr("Set {field}").format(field=name))
                check.setChecked(f.value is not None)
                edit_date.setEnabled(check.isChecked())
                check.toggled.connect(edit_date.setEnabled)
                row.addWidget(check)
                row.addWidget(edit_date, 1)
                widget = box
                self.inputs[f.key + "_check"] = check

                def optional_date() -> date | None:
                    return to_date(edit_date.date()) if check.isChecked() else None

                getter = optional_date
        elif f.kind == "number":
            spin = QSpinBox()
            spin.setRange(f.minimum, f.maximum)
            spin.setValue(int(f.value or f.minimum))
            widget, getter = spin, spin.value
        else:
            line = QLineEdit(f.value or "")
            widget, getter = line, line.text
        if f.kind != "optional_date":
            accessible(widget, name)
        widget.setObjectName(f"field_{f.key}")
        self.inputs[f.key] = widget
        self._getters[f.key] = getter
        return widget

    def collect(self) -> dict[str, Any]:
        return {key: get() for key, get in self._getters.items()}
