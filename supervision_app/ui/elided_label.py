"""A one-line label that shows as much of its text as fits, ending in "…".

The status bar's labels (the save state, the agency server) hold text of any length: a save
error names its cause, a server its address and login. As plain labels, a long one took the
whole status bar, hid its messages ("PDF saved to …") and cut its own last word in half. This
label asks for its whole width when there is room, gives way to a narrow window down to
``minimum`` pixels, and keeps the whole text in its tooltip and for screen readers (its
accessible description); :meth:`text` is the whole text too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        minimum: int = 80,
        maximum: int = 16_777_215,
    ) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self._whole = ""
        self._minimum = minimum
        self.setMaximumWidth(maximum)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def text(self) -> str:
        return self._whole

    def shown_text(self) -> str:
        """What the label shows now (the text, or its start and "…")."""
        return super().text()

    def setText(self, text: str) -> None:
        self._whole = text
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self._fit()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        whole = self.fontMetrics().horizontalAdvance(self._whole)
        margins = self.contentsMargins()
        width = whole + margins.left() + margins.right() + 2 * self.margin() + 2
        return QSize(min(width, self.maximumWidth()), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self._minimum, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # the style sheet's font arrives at polish
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
            self.updateGeometry()

    def _fit(self) -> None:
        room = self.contentsRect().width() - 2 * self.margin()
        shown = self.fontMetrics().elidedText(self._whole, Qt.TextElideMode.ElideRight, max(room, 0))
        if shown != super().text():
            super().setText(shown)
