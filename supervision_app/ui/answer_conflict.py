"""Someone else saved an answer first: both versions side by side, the user chooses.

Nothing is overwritten until the user picks: keep mine, take theirs, or (for text) save the
text as edited in the merge box (which starts as mine).  A structured tool's two versions are
shown as readable lines (the record's wording), and the one chosen goes back into the tool.
On the laptop two windows cannot open one file, but the same path holds; on the agency server
it is two logins, or two windows of one.
"""

from __future__ import annotations

import json
from typing import Any

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

from supervision_app.domain import StructuredAnswer
from supervision_app.domain.opening_closing import SESSION_TEXT_KIND
from supervision_app.storage.autosave import AnswerEdit
from supervision_app.storage.conflict import AnswerConflictError


class AnswerConflictDialog(QDialog):
    """Shows theirs and mine; :attr:`chosen` is the text to save once accepted."""

    def __init__(
        self,
        prompt_text: str,
        mine: str,
        theirs: str,
        parent: QWidget | None = None,
        kind: str = "text",
    ):
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
        tool = kind not in ("text", SESSION_TEXT_KIND)
        if tool:
            lead.setText(
                self.tr(
                    "While you were filling in \u201c{prompt}\u201d, someone else saved "
                    "different entries. Nothing has been overwritten. Choose which version to "
                    "keep; the other stays here to copy from until you choose."
                ).format(prompt=prompt_text)
            )
        self.theirs_view = self._view("theirsText", readable(kind, theirs))
        self.mine_view = self._view("mineText", readable(kind, mine))
        self.merge_edit = QPlainTextEdit(mine)
        self.merge_edit.setObjectName("mergeText")
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Their version (saved)")), 0, 0)
        grid.addWidget(QLabel(self.tr("Your version (not saved)")), 0, 1)
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
            button.setVisible(not tool or name != "saveMerged")
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addLayout(grid)
        layout.addWidget(merge_label)
        layout.addWidget(self.merge_edit)
        merge_label.setVisible(not tool)  # a tool's entries are merged in the tool itself
        self.merge_edit.setVisible(not tool)
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


def readable(kind: str, text: str) -> str:
    """What the user reads of one version: text as it is; a structured tool's data (JSON) as
    the record's lines, or its filled-in values when the record has no rows for its kind."""
    if kind in ("text", SESSION_TEXT_KIND) or not text:
        return text
    try:
        data = json.loads(text)
    except ValueError:
        return text
    from supervision_app.record.structured import structured_rows  # not at start-up

    rows, note = structured_rows(StructuredAnswer("", "", "", kind, data))
    lines = [
        (f"[{r.section}] " if r.section else "")
        + (f"{r.label}: " if r.label else "")
        + r.value
        + (f" {r.note}" if r.note.startswith("(") else f" ({r.note})" if r.note else "")
        for r in rows
    ]
    return "\n".join([*lines, note] if note else lines) or "\n".join(_values(data))


def _values(value: Any, label: str = "") -> list[str]:
    """Every filled-in value of a tool's data, one a line, named by its key."""
    if isinstance(value, dict):
        return [line for key, item in value.items() for line in _values(item, str(key))]
    if isinstance(value, list):
        return [line for item in value for line in _values(item, label)]
    shown = str(value).strip() if value is not None else ""
    return [f"{label}: {shown}" if label else shown] if shown else []


def show_conflict(window: Any, conflict: AnswerConflictError) -> None:
    """Both versions side by side; the user's choice goes into the editor and is saved over
    the stored version (its row version, or for Today's text the stored text)."""
    view = window.built_session_view  # (a conflict comes from a session that was open)
    editor: Any = None
    if view is not None and view.session_id == conflict.session_id:
        editor = view.editor_for(conflict.prompt_id) or view.answers.text_editors.get(
            conflict.prompt_id
        )
    prompt_text = getattr(editor, "prompt_text", "") or getattr(
        editor, "placeholderText", lambda: conflict.prompt_id
    )()
    dialog = AnswerConflictDialog(
        prompt_text, conflict.mine, conflict.theirs, window, conflict.kind
    )
    today = conflict.kind == SESSION_TEXT_KIND

    def chosen() -> None:
        text = dialog.chosen
        if editor is not None and hasattr(editor, "load_data"):
            editor.load_data(json.loads(text) if text else None, conflict.version)
        elif editor is not None:
            editor.load_text(text, None if today else conflict.version)
            editor.base_text = conflict.theirs
        window.bridge.resolve_conflict(
            AnswerEdit(
                conflict.session_id,
                conflict.prompt_id,
                getattr(editor, "stage_id", ""),
                getattr(editor, "prompt_text", ""),
                text,
                conflict.kind,
                version=None if today else conflict.version,
                base_text=conflict.theirs if today else None,
            )
        )

    dialog.accepted.connect(chosen)
    dialog.open()
