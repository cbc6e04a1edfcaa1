"""One prompt as a card: the question, why it matters (collapsible) with its source, the answer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from supervision_app.ui.answer_editor import AnswerEditor
from supervision_app.ui.line_spacing import ReadingLabel
from supervision_app.ui.structured_editor import StructuredEditor
from supervision_app.ui.widgets import repolish, text_label


class PromptCard(QFrame):
    def __init__(
        self,
        *,
        prompt_id: str,
        stage_id: str,
        text: str,
        why: str,
        source: str,
        hint: str = "",
        note: str = "",
        editor: StructuredEditor | None = None,
        private: bool = False,
        tool: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """``tool``: the prompt opens a tool elsewhere (the hypotheses) and has no answer box."""
        super().__init__(parent)
        self.setObjectName("promptCard")
        self.prompt_id = prompt_id
        self.setProperty("retired", bool(note))

        self.prompt_label = ReadingLabel(text, "promptText", selectable=True)
        self.note_label = text_label(note, "retiredNote") if note else None
        self.private_label = (
            text_label(
                self.tr(
                    "Private by default: this answer goes into the printed record only if the "
                    "practitioner chooses to include the wellbeing section at sign-off."
                ),
                "secondary",
            )
            if private
            else None
        )

        self.why_toggle = QToolButton(self)
        self.why_toggle.setObjectName("whyToggle")
        self.why_toggle.setCheckable(True)
        self.why_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.why_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.why_toggle.setText(self.tr("Why this matters"))
        self.why_toggle.setCursor(Qt.CursorShape.PointingHandCursor)
        # Named after its question: a page has up to 18 of them, and a screen reader lists
        # them by name.
        self.why_toggle.setAccessibleName(
            self.tr("Why this matters: {prompt}").format(prompt=_short(text))
        )
        self.why_toggle.setAccessibleDescription(
            self.tr("Shows or hides why this question matters and its source")
        )
        self.why_toggle.toggled.connect(self.set_explanation_visible)

        self.why_panel = QFrame(self)
        self.why_panel.setObjectName("promptWhy")
        self.why_label = ReadingLabel(why, "promptWhyText", selectable=True)
        self.source_label = text_label(
            self.tr("Source: {citation}").format(citation=source) if source else "",
            "promptSource",
            selectable=True,
        )

        self.editor: AnswerEditor | StructuredEditor | None
        if tool:
            self.editor = None
            self.hint_label = text_label(hint, "secondary") if hint else None
        elif editor is not None:
            self.editor = editor
            self.hint_label = text_label(hint, "secondary") if hint else None
        else:
            self.hint_label = None
            self.editor = AnswerEditor(prompt_id, stage_id, text)
            self.editor.setPlaceholderText(
                hint
                or self.tr(
                    "Notes from the discussion: what was said, what you know and how you know it."
                )
            )
        if self.editor is not None:
            self.editor.setAccessibleName(self.tr("Answer: {prompt}").format(prompt=text))
            if why:
                self.editor.setAccessibleDescription(why)
            self.editor.focus_entered.connect(lambda: self._set_active(True))
            self.editor.focus_left.connect(lambda: self._set_active(False))

        self._has_why = bool(why or source)
        self._assemble(self._has_why)
        self.set_explanation_visible(False)

    def _assemble(self, has_why: bool) -> None:
        panel = QVBoxLayout(self.why_panel)
        panel.setContentsMargins(12, 6, 8, 6)
        panel.setSpacing(4)
        panel.addWidget(self.why_label)
        panel.addWidget(self.source_label)

        toggle_row = QHBoxLayout()
        toggle_row.setContentsMargins(0, 0, 0, 0)
        toggle_row.addWidget(self.why_toggle)
        toggle_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 18)
        layout.setSpacing(8)
        layout.addWidget(self.prompt_label)
        if self.note_label is not None:
            layout.addWidget(self.note_label)
        if self.private_label is not None:
            layout.addWidget(self.private_label)
        if has_why:
            layout.addLayout(toggle_row)
            layout.addWidget(self.why_panel)
        else:
            self.why_toggle.hide()
        layout.addSpacing(2)
        if self.hint_label is not None:
            layout.addWidget(self.hint_label)
        if self.editor is not None:
            layout.addWidget(self.editor)

    # -- behaviour -------------------------------------------------------------------

    def set_explanation_visible(self, visible: bool) -> None:
        visible = visible and self._has_why
        if self.why_toggle.isChecked() != visible:
            self.why_toggle.setChecked(visible)  # re-enters through toggled
            return
        self.why_toggle.setArrowType(Qt.ArrowType.DownArrow if visible else Qt.ArrowType.RightArrow)
        self.why_panel.setVisible(visible)

    def explanation_visible(self) -> bool:
        return self.why_toggle.isChecked()

    def _set_active(self, active: bool) -> None:
        if bool(self.property("active")) != active:
            self.setProperty("active", active)
            repolish(self)


def _short(text: str, limit: int = 80) -> str:
    """The prompt's first line, cut at a word near ``limit`` characters."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0] + "…"
