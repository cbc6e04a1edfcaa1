"""A read-only table whose rows grow with their wrapped text (the decisions and actions)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTableWidget

from supervision_app.ui import theme

MAX_TABLE_HEIGHT = 420
#: The horizontal padding of a table cell in the style sheet (``QTableWidget::item``).
ITEM_PADDING_X = 2 * theme.TABLE_ITEM_PADDING_X


class WrappingDelegate(QStyledItemDelegate):
    """Row heights for the width the text is really drawn in: Qt measures wrapped text at
    the full column width, but the style sheet's cell padding narrows it, so a measured
    two-line cell could be drawn in three and cut off with "…"."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        narrower = QStyleOptionViewItem(option)
        narrower.rect = QRect(option.rect)
        narrower.rect.setWidth(max(option.rect.width() - ITEM_PADDING_X, 1))
        return super().sizeHint(narrower, index)


class RecordTable(QTableWidget):
    """A read-only table whose rows grow with their wrapped text.

    With ``shares`` (column -> largest share of the width), those columns fit their text up
    to that share, never narrower than their header, and column 0 takes what is left: at
    laptop widths the main text stays the widest column instead of a sliver."""

    def __init__(self, rows: int, columns: int, shares: dict[int, float] | None = None) -> None:
        super().__init__(rows, columns)
        self.shares = dict(shares or {})
        self._fitting = False
        self.setItemDelegate(WrappingDelegate(self))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()

    def fit(self) -> None:
        """Share out the width, then let the rows and the table's height follow the text."""
        if self._fitting:
            return
        self._fitting = True
        try:
            if self.shares:
                self._fit_columns()
            self.resizeRowsToContents()
            if self.rowCount():
                rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
                height = rows + self.horizontalHeader().height() + 2 * self.frameWidth() + 4
                self.setFixedHeight(min(max(height, 90), MAX_TABLE_HEIGHT))
        finally:
            self._fitting = False

    def _fit_columns(self) -> None:
        header = self.horizontalHeader()
        available = self.viewport().width()
        if available <= 0:
            return
        floors = {c: header.sectionSizeHint(c) for c in range(self.columnCount())}
        widths = {
            c: max(floors[c], min(self.sizeHintForColumn(c), int(available * share)))
            for c, share in self.shares.items()
        }
        main = available - sum(widths.values())
        if main < max(widths.values(), default=0):  # very narrow: the others give way first
            widths = {c: floors[c] for c in widths}
            main = available - sum(widths.values())
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(column, width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(0, max(main, floors[0]))
