"""Base class of the structured tools' editors (:mod:`.editor_factory` picks the editor).

A structured editor looks to the session view exactly like an
:class:`~supervision_app.ui.answer_editor.AnswerEditor`: the same signals,
``text()`` (the tool's data as JSON, or "" while nothing is filled in),
``commit_now()`` and ``has_uncommitted_typing()``, so autosave, progress and
the "saved" indicator treat both alike.  ``kind`` tells the autosave writer
which table the data goes to.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QPlainTextEdit, QSizePolicy, QWidget

from supervision_app.content import Prompt
from supervision_app.domain import encode_payload, payload_is_empty
from supervision_app.ui.answer_editor import AnswerEditor, DebouncedCommits
from supervision_app.ui.widgets import wrapped_lines


class StructuredEditor(DebouncedCommits, QFrame):
    edited = Signal()
    commit_requested = Signal()
    focus_entered = Signal()
    focus_left = Signal()

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("structuredEditor")
        self.prompt = prompt
        self.prompt_id = prompt.id
        self.stage_id = prompt.stage_id
        self.prompt_text = prompt.text
        self.kind = prompt.kind
        #: The row version the data is based on, as ``AnswerEditor.version``.
        self.version: int | None = None
        self.base_text = ""
        self._start_debounce()

    # -- what subclasses provide ------------------------------------------------------

    def data(self) -> dict[str, Any]:
        raise NotImplementedError

    def _show(self, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def focus_widgets(self) -> list[QWidget]:
        """The editable widgets, top to bottom (tab order)."""
        raise NotImplementedError

    # -- the AnswerEditor interface ---------------------------------------------------

    def load_data(self, data: dict[str, Any] | None, version: int | None = None) -> None:
        """Show stored data (at row ``version``) without it counting as an edit."""
        self.version = version
        self._loading = True
        try:
            self._show(data or {})
        finally:
            self._loading = False

    def text(self) -> str:
        data = self.data()
        return "" if payload_is_empty(self.kind, data) else encode_payload(data)

    def setFocus(self, *args: Any) -> None:
        widgets = self.focus_widgets()
        if widgets:
            widgets[0].setFocus(*args)
        else:
            super().setFocus(*args)

    # -- helpers for subclasses ---------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self.edited.emit()
        self._timer.start()

    def _watch(self, widget: QWidget) -> QWidget:
        """Report edits and focus changes of one of the editor's own widgets."""
        if isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self._changed)
            widget.setTabChangesFocus(True)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self._changed)
        elif hasattr(widget, "textChanged"):
            widget.textChanged.connect(self._changed)
        widget.installEventFilter(self)
        return widget

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self.focus_entered.emit()
        elif event.type() == QEvent.Type.FocusOut:
            self.commit_now()
            self.focus_left.emit()
        return super().eventFilter(watched, event)


class GrowingTextBox(QPlainTextEdit):
    """A tool's text box: as tall as its text, or its whole hint while empty, and at least
    ``min_lines``; it shows its own scroll bar only past :attr:`MAX_LINES`."""

    MAX_LINES = 16

    def __init__(self, min_lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolText")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.min_lines = min_lines
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self.textChanged.connect(self._fit)  # the hint's lines count only while empty
        self._fit()

    def setPlaceholderText(self, text: str) -> None:
        super().setPlaceholderText(text)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def lines(self) -> int:
        """Lines of text as laid out (the plain-text layout counts in lines)."""
        laid_out = int(self.document().documentLayout().documentSize().height())
        if self.document().isEmpty():
            width = self.viewport().width() - 2 * int(self.document().documentMargin())
            laid_out = max(
                laid_out, wrapped_lines(self.fontMetrics(), self.placeholderText(), width)
            )
        return laid_out

    def _fit(self, *_args: object) -> None:
        self.ensurePolished()
        lines = min(max(self.lines(), self.min_lines), self.MAX_LINES)
        margins = self.contentsMargins()
        height = (
            lines * self.fontMetrics().lineSpacing()
            + 2 * int(self.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + 4
        )
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if lines >= self.MAX_LINES
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        if height != self.height():
            self.setFixedHeight(height)


def small_text_box(lines: int = 2) -> QPlainTextEdit:
    return GrowingTextBox(lines)


#: A prompt card's editor: a free-text answer or a structured tool (the same interface).
AnyEditor = AnswerEditor | StructuredEditor
