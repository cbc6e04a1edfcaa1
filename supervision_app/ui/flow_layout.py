"""A layout that places its items in a row and wraps onto further rows when the width runs out
(after Qt's Flow Layout example): rows of buttons stay whole at 200% text or in a narrow window
instead of forcing the window wider."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget, QWidgetItem


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        # The items first, and the widget's layout set only afterwards: Qt may ask the layout
        # for its items (count, itemAt) while it is installed, before this __init__ went on.
        super().__init__()
        self._items: list[QLayoutItem] = []
        # The last width asked for and its height: Qt asks again and again for the same width
        # while it lays out a page (a long case's Case so far has dozens of these rows).
        self._height_for: tuple[int, int] | None = None
        if parent is not None:
            parent.setLayout(self)
        self._spacing = spacing
        self._align_right = False
        self.setContentsMargins(0, 0, 0, 0)

    def set_align_right(self, right: bool) -> None:
        """Rows sit at the right edge (as dialog and page buttons do)."""
        self._align_right = right
        self.invalidate()

    # -- QLayout ------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._height_for = None

    def add_widgets(self, *widgets: QWidget) -> FlowLayout:
        for widget in widgets:
            self.addWidget(widget)
        return self

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        self._height_for = None
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def invalidate(self) -> None:  # Qt: an item changed (shown, hidden, a new size hint)
        self._height_for = None
        super().invalidate()

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self._height_for is None or self._height_for[0] != width:
            self._height_for = (width, self._arrange(QRect(0, 0, width, 0), move=False))
        return self._height_for[1]

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        width = height = 0
        for item in self._visible():
            hint = item.sizeHint()
            width += hint.width() + (self._spacing if width else 0)
            height = max(height, hint.height())
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    # -- placing ------------------------------------------------------------------------

    def _visible(self) -> list[QLayoutItem]:
        return [
            item
            for item in self._items
            if not (
                isinstance(item, QWidgetItem)
                and (widget := item.widget()) is not None
                and widget.isHidden()
            )
        ]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        rows: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        used = 0
        for item in self._visible():
            hint = item.sizeHint().boundedTo(QSize(area.width(), item.sizeHint().height()))
            hint = hint.expandedTo(item.minimumSize())
            extra = hint.width() + (self._spacing if rows[-1] else 0)
            if rows[-1] and used + extra > area.width():
                rows.append([])
                used, extra = 0, hint.width()
            rows[-1].append((item, hint))
            used += extra
        if not rows[0]:
            return margins.top() + margins.bottom()
        y = area.y()
        for row in rows:
            height = max(hint.height() for _item, hint in row)
            width = sum(hint.width() for _item, hint in row) + self._spacing * (len(row) - 1)
            x = area.x() + (area.width() - width if self._align_right else 0)
            for item, hint in row:
                if move:
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), hint))
                x += hint.width() + self._spacing
            y += height + self._spacing
        return y - self._spacing - area.y() + margins.top() + margins.bottom()


def flow_row(*widgets: QWidget, spacing: int = 8, right: bool = False) -> QWidget:
    """A widget holding ``widgets`` in a wrapping row."""
    holder = QWidget()
    holder.setObjectName("flowRow")
    layout = FlowLayout(holder, spacing)
    layout.add_widgets(*widgets)
    layout.set_align_right(right)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    holder.setSizePolicy(policy)
    return holder
