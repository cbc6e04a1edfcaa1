"""Line spacing for the long reading text (a dyslexia-friendly option beside the reading font).

The chosen spacing is kept on the application as a property when the appearance is applied,
so prompts and answer editors built later pick it up. Prompts are labels drawn as escaped
rich text with a CSS line height; answers are :class:`QTextEdit` documents whose blocks carry a
proportional line height (``QPlainTextEdit`` ignores a block's line height, which is why the
answer editors are text edits).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

# The choice itself (the spacings offered, the one in use) is the appearance's: the first
# screen applies it without this module's text classes.
from supervision_app.ui.appearance import SINGLE, clamp_spacing, current_spacing


def block_spacing(fmt: QTextBlockFormat) -> int:
    """A block's line height in per cent (100 when it has none of its own)."""
    if fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value:
        return round(fmt.lineHeight())
    return SINGLE


def document_spacing(document: QTextDocument) -> int:
    """The line height of the document's first block, in per cent."""
    return block_spacing(document.begin().blockFormat())


def space_document(document: QTextDocument, percent: int) -> bool:
    """Give every block of ``document`` a proportional line height of ``percent``.

    New blocks typed or pasted later inherit it from the block they split. The change is not
    an undo step: applying it starts a fresh undo history for the document, so it is done only
    when the spacing really changes (or right after text is loaded). Returns whether anything
    changed."""
    percent = clamp_spacing(percent)
    if _uniform(document, percent):
        return False
    fmt = QTextBlockFormat()
    fmt.setLineHeight(float(percent), QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    undo = document.isUndoRedoEnabled()
    document.setUndoRedoEnabled(False)
    try:
        cursor = QTextCursor(document)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(fmt)
    finally:
        document.setUndoRedoEnabled(undo)
    return True


def _uniform(document: QTextDocument, percent: int) -> bool:
    block = document.begin()
    while block.isValid():
        if block_spacing(block.blockFormat()) != percent:
            return False
        block = block.next()
    return True


class ReadingLabel(QLabel):
    """A wrapped plain-text label drawn with the chosen line spacing.

    The text is escaped, so it is never interpreted as markup; :meth:`plain_text` gives it
    back as given. At single spacing it is an ordinary plain-text label."""

    def __init__(
        self,
        text: str,
        object_name: str,
        *,
        selectable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        if selectable:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.setCursor(Qt.CursorShape.IBeamCursor)
        self._plain = text
        self._spacing = current_spacing()
        self._heights: dict[tuple, int] = {}
        self._render()

    def plain_text(self) -> str:
        return self._plain

    def line_spacing(self) -> int:
        return self._spacing

    def set_line_spacing(self, percent: int) -> None:
        percent = clamp_spacing(percent)
        if percent != self._spacing:
            self._spacing = percent
            self._render()

    def heightForWidth(self, width: int) -> int:  # Qt override
        """Remembered per width (and font and margins): laying a wrapped text out is costly,
        and every line an answer box grows relays the whole page of prompts out."""
        margins = self.contentsMargins()
        key = (width, self.font().key(), margins.left(), margins.top(), margins.right(),
               margins.bottom())  # fmt: skip
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= 16:
                self._heights.clear()
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def _render(self) -> None:
        self._heights.clear()
        if self._spacing == SINGLE:
            self.setTextFormat(Qt.TextFormat.PlainText)
            self.setText(self._plain)
            return
        body = html.escape(self._plain).replace("\n", "<br>")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setText(f'<div style="line-height:{self._spacing}%">{body}</div>')
