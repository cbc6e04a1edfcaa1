"""The answer box under each prompt: plain text, grows with its content, debounced commits.

A :class:`QTextEdit` that takes plain text only (``QPlainTextEdit`` cannot show the
dyslexia-friendly line spacing: it ignores a block's line height)."""

from __future__ import annotations

import math

from PySide6.QtCore import QMimeData, QPoint, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QFrame, QMenu, QSizePolicy, QTextEdit, QWidget

from supervision_app.ui import spell_check
from supervision_app.ui.appearance import current_spacing
from supervision_app.ui.line_spacing import document_spacing, space_document
from supervision_app.ui.widgets import wrapped_lines

DEBOUNCE_MS = 600
MIN_LINES = 3
MAX_LINES = 18


class DebouncedCommits:
    """The debounce timer shared by every answer editor: ``commit_requested`` fires once
    typing pauses, or at once through :meth:`commit_now`."""

    commit_requested: SignalInstance

    def _start_debounce(self) -> None:
        self._loading = False
        self._timer = QTimer(self)  # type: ignore[arg-type]
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.commit_requested)

    def has_uncommitted_typing(self) -> bool:
        return self._timer.isActive()

    def commit_now(self) -> None:
        """Request the commit at once if typing is waiting for the debounce timer."""
        if self._timer.isActive():
            self._timer.stop()
            self.commit_requested.emit()


class AnswerEditor(DebouncedCommits, QTextEdit):
    """Emits :attr:`edited` on every user change and :attr:`commit_requested` once typing pauses,
    when focus leaves with uncommitted typing, or when :meth:`commit_now` is called."""

    edited = Signal()
    commit_requested = Signal()
    focus_entered = Signal()
    focus_left = Signal()
    #: Free text (structured editors carry their tool's kind).
    kind = "text"

    def __init__(
        self,
        prompt_id: str,
        stage_id: str,
        prompt_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._hint = ""
        self.prompt_id = prompt_id
        self.stage_id = stage_id
        self.prompt_text = prompt_text
        #: Optimistic concurrency: the row version the text is based on (loaded, or produced
        #: by this window's last save of it; None: no answer stored) and, for Today's and the
        #: summary's fields, the stored text the typing started from.
        self.version: int | None = None
        self.base_text = ""
        self.setObjectName("answerEditor")
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._start_debounce()
        self.textChanged.connect(self._on_text_changed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self.set_line_spacing(current_spacing())
        self._fit_height()
        #: Underlines misspelt words (None where the window has no spell-check service).
        self.spelling = spell_check.attach(self)
        if self.spelling is not None:
            self.focus_left.connect(self.spelling.focus_left)

    # -- text --------------------------------------------------------------------

    def load_text(self, text: str, version: int | None = None) -> None:
        """Show stored text (at row ``version``) without it counting as an edit."""
        self.version, self.base_text = version, text
        spacing = document_spacing(self.document())
        self._loading = True
        try:
            self.setPlainText(text)
            space_document(self.document(), spacing)
        finally:
            self._loading = False
        self._fit_height()

    def text(self) -> str:
        return self.toPlainText()

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste and drop as plain text typed at the cursor, so new lines keep the spacing."""
        if source.hasText():
            self.textCursor().insertText(source.text())
            self.ensureCursorVisible()

    def _on_text_changed(self) -> None:
        if self._hint:  # the hint's lines count only while the box is empty
            self._fit_height()
        if self._loading:
            return
        self.edited.emit()
        self._timer.start()

    # -- events --------------------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focus_entered.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.commit_now()
        self.focus_left.emit()

    def setReadOnly(self, on: bool) -> None:
        """A signed, read-only answer shows no spelling underlines (nothing can be fixed)."""
        changed = on != self.isReadOnly()
        super().setReadOnly(on)
        if changed and self.spelling is not None:
            self.spelling.refresh()

    def context_menu(self, pos: QPoint) -> QMenu:
        """The standard menu, with spelling suggestions for a misspelt word at ``pos``."""
        menu = self.createStandardContextMenu(pos)
        if self.spelling is not None:
            spell_check.add_spelling_actions(menu, self, pos, self.spelling.service)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def refit_height(self) -> None:
        """Fit the height again after the font changed (zoom, presentation, reading font).
        (A changeEvent override would do it, but trips a refcount bug in PySide6 6.12.)"""
        self._fit_height()

    def set_line_spacing(self, percent: int) -> None:
        """Line spacing in per cent of the font's line height (see :mod:`line_spacing`).
        Not an edit: the text is unchanged, so nothing is committed."""
        loading, self._loading = self._loading, True
        try:
            changed = space_document(self.document(), percent)
        finally:
            self._loading = loading
        if changed:
            self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    # -- height --------------------------------------------------------------------

    def _line_count(self) -> int:
        lines = 0
        block = self.document().begin()
        while block.isValid():
            layout = block.layout()
            count = layout.lineCount() if layout is not None else 0
            lines += max(count, 1)
            block = block.next()
        return max(lines, 1)

    def _height_for(self, lines: int) -> int:
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        doc_margin = self.document().documentMargin()
        # The drawn height of a line: QTextEdit's lines are a little taller than the font's
        # line spacing at large sizes, and the line spacing option stretches them.
        laid_out = (self.document().size().height() - 2 * doc_margin) / self._line_count()
        line = max(metrics.lineSpacing() * document_spacing(self.document()) / 100, laid_out)
        return math.ceil(lines * line + 2 * doc_margin + margins.top() + margins.bottom() + 4)

    def setPlaceholderText(self, text: str) -> None:
        """The hint shown while the box is empty, word-wrapped and whole: QTextEdit draws
        its own placeholder on one line, cut at the box's edge, so this box draws it."""
        self._hint = text
        super().setPlaceholderText("")
        self._fit_height()
        self.viewport().update()

    def placeholderText(self) -> str:
        return self._hint

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._hint or not self.document().isEmpty():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        margin = int(self.document().documentMargin())
        area = self.viewport().rect().adjusted(margin, margin, -margin, -margin)
        painter.drawText(
            area,
            int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
            self._hint,
        )
        painter.end()

    def _placeholder_lines(self) -> int:
        """The lines the hint takes while the box is empty: all of it is shown, never cut."""
        if not self.document().isEmpty():
            return 0
        width = self.viewport().width() - 2 * int(self.document().documentMargin())
        return wrapped_lines(self.fontMetrics(), self._hint, width)

    def _fit_height(self, *_args: object) -> None:
        self.ensurePolished()
        lines = max(self._line_count(), self._placeholder_lines())
        lines = min(max(lines, MIN_LINES), MAX_LINES)
        height = self._height_for(lines)
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self._height_for(MIN_LINES))
