"""The session rail: Today, the agenda and its items (or, for a session from before the agenda,
its answered stages) with their progress, then the summary and the pinned pages.

Always visible on the left of a session.  Click, arrow keys, Ctrl+PgUp/PgDown
or Alt+number move between pages; the current page is highlighted with an
accent bar and a filled marker.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from supervision_app.ui import theme
from supervision_app.ui.appearance import ink as scheme_colour

SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 1
MARKER_ROLE = Qt.ItemDataRole.UserRole + 2
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3
GAP_ROLE = Qt.ItemDataRole.UserRole + 4
#: A one-line row (the items of an agenda): the title elided, no subtitle or bar.
COMPACT_ROLE = Qt.ItemDataRole.UserRole + 5
_COMPACT_HEIGHT = 40

MARKER_DECISIONS = "decisions"
MARKER_PREVIEW = "preview"
MARKER_EARLIER = "earlier"

_GAP = 22
_PAD_X = 14
_CIRCLE = 28
_ROW_PAD_Y = 12

Index = QModelIndex | QPersistentModelIndex


class StageNavigator(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stageNavigator")
        self.setAccessibleName(self.tr("Stages"))
        self.setAccessibleDescription(
            self.tr(
                "The stages of the session, then decisions and actions and the record preview. "
                "Ctrl+Page Down and Ctrl+Page Up move between them."
            )
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.setItemDelegate(NavigatorDelegate(self))
        self.setSpacing(0)
        self.setMinimumWidth(200)

    def add_entry(
        self,
        title: str,
        subtitle: str,
        marker: str,
        *,
        gap_before: bool = False,
        compact: bool = False,
        row: int | None = None,
    ) -> int:
        """Add a row (at the end, or at ``row``); returns its row."""
        item = QListWidgetItem(title)
        item.setData(SUBTITLE_ROLE, subtitle)
        item.setData(MARKER_ROLE, marker)
        item.setData(GAP_ROLE, gap_before)
        item.setData(COMPACT_ROLE, compact)
        if compact:
            item.setToolTip(title)
        if row is None:
            self.addItem(item)
            row = self.count() - 1
        else:
            self.insertItem(row, item)
        self._update_accessible_text(item)
        return row

    def set_marker(self, row: int, marker: str) -> None:
        item = self.item(row)
        if item is not None:
            item.setData(MARKER_ROLE, marker)

    def set_progress(self, row: int, answered: int, total: int, subtitle: str) -> None:
        item = self.item(row)
        if item is None:
            return
        item.setData(PROGRESS_ROLE, (answered, total))
        item.setData(SUBTITLE_ROLE, subtitle)
        self._update_accessible_text(item)

    def set_subtitle(self, row: int, subtitle: str) -> None:
        item = self.item(row)
        if item is not None:
            item.setData(SUBTITLE_ROLE, subtitle)
            self._update_accessible_text(item)

    @staticmethod
    def _update_accessible_text(item: QListWidgetItem) -> None:
        subtitle = item.data(SUBTITLE_ROLE) or ""
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{item.text()}. {subtitle}".strip())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()


class NavigatorDelegate(QStyledItemDelegate):
    def __init__(self, view: StageNavigator) -> None:
        super().__init__(view)
        self._view = view

    # -- geometry -----------------------------------------------------------------

    def _fonts(self, base: QFont) -> tuple[QFont, QFont]:
        title = QFont(base)
        title.setPointSizeF(max(base.pointSizeF(), 10) + 0.5)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() - 1, 8.5))
        return title, small

    def _text_width(self, width: int) -> int:
        return max(width - 2 * 8 - _PAD_X - _CIRCLE - 12 - _PAD_X, 60)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = self._view.viewport().width()
        gap = _GAP if index.data(GAP_ROLE) else 0
        if index.data(COMPACT_ROLE):
            return QSize(width, _COMPACT_HEIGHT + gap)
        title_font, small_font = self._fonts(option.font)
        text_width = self._text_width(width)
        title_h = (
            QFontMetrics(title_font)
            .boundingRect(
                QRect(0, 0, text_width, 1000), Qt.TextFlag.TextWordWrap, index.data() or ""
            )
            .height()
        )
        sub_h = QFontMetrics(small_font).height()
        height = _ROW_PAD_Y * 2 + title_h + 4 + sub_h + 6
        if index.data(PROGRESS_ROLE) is not None:
            height += 8
        if index.data(GAP_ROLE):
            height += _GAP
        return QSize(width, max(height, 64 + (_GAP if index.data(GAP_ROLE) else 0)))

    # -- painting -------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRect(option.rect)
        if index.data(GAP_ROLE):
            y = rect.top() + _GAP // 2
            painter.setPen(QPen(scheme_colour(theme.BORDER), 1))
            painter.drawLine(rect.left() + 16, y, rect.right() - 16, y)
            rect.setTop(rect.top() + _GAP)
        card = rect.adjusted(8, 2, -8, -2)
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        focused = bool(state & QStyle.StateFlag.State_HasFocus) and self._view.hasFocus()

        painter.setPen(Qt.PenStyle.NoPen)
        if selected:
            painter.setBrush(scheme_colour(theme.ACCENT_SOFT))
            painter.drawRoundedRect(QRectF(card), 8, 8)
            painter.setBrush(scheme_colour(theme.ACCENT))
            painter.drawRoundedRect(
                QRectF(card.left(), card.top() + 10, 4, card.height() - 20), 2, 2
            )
        elif hovered:
            painter.setBrush(scheme_colour("#EEF2F5"))
            painter.drawRoundedRect(QRectF(card), 8, 8)
        if focused:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(scheme_colour(theme.ACCENT), 2))
            painter.drawRoundedRect(QRectF(card).adjusted(1, 1, -1, -1), 8, 8)

        progress = index.data(PROGRESS_ROLE)
        complete = bool(progress and progress[1] and progress[0] >= progress[1])
        title_font, small_font = self._fonts(option.font)
        if index.data(COMPACT_ROLE):
            self._paint_compact(painter, card, index, selected, complete, title_font, option)
            painter.restore()
            return
        text_left = card.left() + _PAD_X + _CIRCLE + 12
        text_width = self._text_width(option.rect.width())
        title = index.data() or ""
        title_rect = QFontMetrics(title_font).boundingRect(
            QRect(text_left, 0, text_width, 1000), Qt.TextFlag.TextWordWrap, title
        )
        top = card.top() + _ROW_PAD_Y - 2
        circle = QRectF(card.left() + _PAD_X, top + 2, _CIRCLE, _CIRCLE)
        self._paint_marker(
            painter, circle, str(index.data(MARKER_ROLE) or ""), selected, complete, option.font
        )

        painter.setPen(scheme_colour(theme.TEXT))
        painter.setFont(title_font)
        painter.drawText(
            QRect(text_left, top, text_width, title_rect.height()), Qt.TextFlag.TextWordWrap, title
        )
        y = top + title_rect.height() + 2
        painter.setFont(small_font)
        painter.setPen(scheme_colour(theme.TEXT_SECONDARY))
        sub_h = QFontMetrics(small_font).height()
        subtitle = QFontMetrics(small_font).elidedText(
            index.data(SUBTITLE_ROLE) or "", Qt.TextElideMode.ElideRight, text_width
        )
        painter.drawText(
            QRect(text_left, y, text_width, sub_h), Qt.AlignmentFlag.AlignLeft, subtitle
        )
        if progress is not None:
            bar = QRectF(text_left, y + sub_h + 5, text_width, 4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(scheme_colour("#DDE3E9"))
            painter.drawRoundedRect(bar, 2, 2)
            answered, total = progress
            if total and answered:
                filled = QRectF(bar.left(), bar.top(), bar.width() * min(answered / total, 1.0), 4)
                painter.setBrush(scheme_colour(theme.SUCCESS if complete else theme.ACCENT))
                painter.drawRoundedRect(filled, 2, 2)
        painter.restore()

    def _paint_compact(self, painter, card, index, selected, complete, title_font, option) -> None:
        """One line: the marker and the title, elided (its tooltip has the whole title)."""
        circle = QRectF(card.left() + _PAD_X, card.center().y() - 12, 24, 24)
        self._paint_marker(
            painter, circle, str(index.data(MARKER_ROLE) or ""), selected, complete, option.font
        )
        font = QFont(title_font)
        font.setWeight(QFont.Weight.Normal if not selected else QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(scheme_colour(theme.TEXT))
        left = card.left() + _PAD_X + 24 + 10
        width = max(card.right() - left - 6, 20)
        text = QFontMetrics(font).elidedText(index.data() or "", Qt.TextElideMode.ElideRight, width)
        painter.drawText(
            QRect(left, card.top(), width, card.height()),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            text,
        )

    def _paint_marker(
        self,
        painter: QPainter,
        circle: QRectF,
        marker: str,
        selected: bool,
        complete: bool,
        base_font: QFont,
    ) -> None:
        if selected:
            fill, ink, edge = (
                scheme_colour(theme.ACCENT),
                scheme_colour("#FFFFFF"),
                scheme_colour(theme.ACCENT),
            )
        elif complete:
            fill, ink, edge = (
                scheme_colour("#E4F2EA"),
                scheme_colour(theme.SUCCESS),
                scheme_colour(theme.SUCCESS),
            )
        else:
            fill, ink, edge = (
                scheme_colour(theme.SURFACE),
                scheme_colour(theme.TEXT),
                scheme_colour(theme.BORDER_STRONG),
            )
        painter.setPen(QPen(edge, 1.5))
        painter.setBrush(fill)
        painter.drawEllipse(circle)
        pen = QPen(ink, 1.8)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        c = circle.center()
        if marker == MARKER_DECISIONS:
            path = QPainterPath(QPointF(c.x() - 6, c.y() + 0.5))
            path.lineTo(c.x() - 1.5, c.y() + 5)
            path.lineTo(c.x() + 6.5, c.y() - 5)
            painter.drawPath(path)
        elif marker == MARKER_PREVIEW:
            page = QRectF(c.x() - 5, c.y() - 7, 10, 14)
            painter.drawRoundedRect(page, 1.5, 1.5)
            for dy in (-3, 0, 3):
                painter.drawLine(QPointF(c.x() - 2.5, c.y() + dy), QPointF(c.x() + 2.5, c.y() + dy))
        elif marker == MARKER_EARLIER:
            painter.drawEllipse(QRectF(c.x() - 6, c.y() - 6, 12, 12))
            painter.drawLine(QPointF(c.x(), c.y() - 3), QPointF(c.x(), c.y()))
            painter.drawLine(QPointF(c.x(), c.y()), QPointF(c.x() + 3, c.y() + 2))
        else:
            font = QFont(base_font)
            font.setWeight(QFont.Weight.Bold)
            painter.setFont(font)
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, marker)


class StagePicker(QComboBox):
    """The session plan as a drop-down, for narrow windows where the navigator is hidden.
    It shows the navigator's own items and follows its current row both ways."""

    def __init__(self, navigator: StageNavigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stagePicker")
        self.setAccessibleName(self.tr("Stage"))
        self.setAccessibleDescription(navigator.accessibleDescription())
        # An agenda item's title is its whole question: the box keeps a sensible width.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(22)
        self.setModel(navigator.model())
        self._navigator = navigator
        navigator.currentRowChanged.connect(self._follow)
        self.activated.connect(self._choose)

    def _follow(self, row: int) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(row)
        self.blockSignals(False)

    def _choose(self, row: int) -> None:
        if row != self._navigator.currentRow():
            self._navigator.setCurrentRow(row)
