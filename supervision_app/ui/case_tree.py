"""The list of cases, each with its sessions beneath it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from supervision_app.domain import CaseSummary, SessionSummary, format_date
from supervision_app.ui import theme

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 3
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 4

CASE = "case"
SESSION = "session"

Index = QModelIndex | QPersistentModelIndex


class CaseTree(QTreeWidget):
    case_selected = Signal(int)
    session_selected = Signal(int, int)  # case id, session id
    nothing_selected = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseTree")
        self.setAccessibleName(self.tr("Cases and sessions"))
        self.setAccessibleDescription(self.tr("Each case with its supervision sessions beneath it"))
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setIndentation(18)
        self.setUniformRowHeights(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMouseTracking(True)
        self.setItemDelegate(_TwoLineDelegate(self))
        self.setExpandsOnDoubleClick(False)
        self.currentItemChanged.connect(self._on_current_changed)

    def populate(
        self, cases: Sequence[CaseSummary], sessions: Mapping[int, Sequence[SessionSummary]]
    ) -> None:
        self.blockSignals(True)
        try:
            self.clear()
            for case in cases:
                item = QTreeWidgetItem([case.reference])
                item.setData(0, KIND_ROLE, CASE)
                item.setData(0, ID_ROLE, case.id)
                item.setData(0, CASE_ID_ROLE, case.id)
                item.setData(0, SUBTITLE_ROLE, case.children or self.tr("No children listed"))
                item.setData(
                    0,
                    Qt.ItemDataRole.AccessibleTextRole,
                    self.tr("Case {reference}, children: {children}").format(
                        reference=case.reference, children=case.children
                    ),
                )
                self.addTopLevelItem(item)
                for summary in sessions.get(case.id, ()):
                    item.addChild(self._session_item(case.id, summary))
                item.setExpanded(True)
        finally:
            self.blockSignals(False)

    def _session_item(self, case_id: int, summary: SessionSummary) -> QTreeWidgetItem:
        item = QTreeWidgetItem([format_date(summary.date)])
        item.setData(0, KIND_ROLE, SESSION)
        item.setData(0, ID_ROLE, summary.id)
        item.setData(0, CASE_ID_ROLE, case_id)
        self._set_answered(item, summary.answered)
        return item

    def _set_answered(self, item: QTreeWidgetItem, answered: int) -> None:
        text = self.tr("{n} answered").format(n=answered)
        item.setData(0, SUBTITLE_ROLE, text)
        item.setData(
            0,
            Qt.ItemDataRole.AccessibleTextRole,
            self.tr("Session of {date}, {answered}").format(date=item.text(0), answered=text),
        )

    def set_session_answered(self, session_id: int, answered: int) -> None:
        item = self._find(SESSION, session_id)
        if item is not None:
            self._set_answered(item, answered)

    # -- selection ---------------------------------------------------------------------

    def _find(self, kind: str, item_id: int) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            case = self.topLevelItem(i)
            if kind == CASE and case.data(0, ID_ROLE) == item_id:
                return case
            for j in range(case.childCount()):
                child = case.child(j)
                if kind == SESSION and child.data(0, ID_ROLE) == item_id:
                    return child
        return None

    def select_case(self, case_id: int) -> bool:
        item = self._find(CASE, case_id)
        if item is not None:
            self.setCurrentItem(item)
        return item is not None

    def select_session(self, session_id: int) -> bool:
        item = self._find(SESSION, session_id)
        if item is not None:
            self.setCurrentItem(item)
        return item is not None

    def current_ids(self) -> tuple[int | None, int | None]:
        """(case id, session id) of the current item; either may be None."""
        item = self.currentItem()
        if item is None:
            return None, None
        case_id = item.data(0, CASE_ID_ROLE)
        session_id = item.data(0, ID_ROLE) if item.data(0, KIND_ROLE) == SESSION else None
        return case_id, session_id

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is None:
            self.nothing_selected.emit()
        elif current.data(0, KIND_ROLE) == SESSION:
            self.session_selected.emit(current.data(0, CASE_ID_ROLE), current.data(0, ID_ROLE))
        else:
            self.case_selected.emit(current.data(0, ID_ROLE))


class _TwoLineDelegate(QStyledItemDelegate):
    def _fonts(self, base: QFont, is_case: bool) -> tuple[QFont, QFont]:
        title = QFont(base)
        if is_case:
            title.setWeight(QFont.Weight.DemiBold)
            title.setPointSizeF(base.pointSizeF() + 0.5)
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() - 1, 8.5))
        return title, small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        is_case = index.data(KIND_ROLE) == CASE
        title, small = self._fonts(option.font, is_case)
        height = (
            QFontMetrics(title).height() + QFontMetrics(small).height() + (22 if is_case else 16)
        )
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        is_case = index.data(KIND_ROLE) == CASE
        rect = QRect(option.rect).adjusted(0, 2, -6, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus) and option.widget.hasFocus()
        painter.setPen(Qt.PenStyle.NoPen)
        if selected:
            painter.setBrush(QColor(theme.ACCENT_SOFT))
            painter.drawRoundedRect(QRectF(rect), 6, 6)
        elif hovered:
            painter.setBrush(QColor("#EEF2F5"))
            painter.drawRoundedRect(QRectF(rect), 6, 6)
        if focused:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(theme.ACCENT), 2))
            painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 6, 6)
        title_font, small_font = self._fonts(option.font, is_case)
        text_rect = rect.adjusted(10, 0, -8, 0)
        title_h = QFontMetrics(title_font).height()
        small_h = QFontMetrics(small_font).height()
        top = text_rect.top() + (text_rect.height() - title_h - small_h - 2) // 2
        painter.setFont(title_font)
        painter.setPen(QColor(theme.ACCENT if selected and not is_case else theme.TEXT))
        title = QFontMetrics(title_font).elidedText(
            index.data() or "", Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(
            QRect(text_rect.left(), top, text_rect.width(), title_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            title,
        )
        painter.setFont(small_font)
        painter.setPen(QColor(theme.TEXT_SECONDARY))
        subtitle = QFontMetrics(small_font).elidedText(
            index.data(SUBTITLE_ROLE) or "", Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(
            QRect(text_rect.left(), top + title_h + 2, text_rect.width(), small_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            subtitle,
        )
        painter.restore()
