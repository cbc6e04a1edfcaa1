"""The list of cases, each with its sessions beneath it.

Cases are listed a page at a time (a "Show more cases…" row asks for the next), and
sessions are loaded when a case is expanded or selected, one page at a time, so that
the list, and start-up, stay quick with years of history (tens of thousands of sessions).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen
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
from supervision_app.ui.appearance import ink as scheme_colour

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 3
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 4
LOADED_ROLE = Qt.ItemDataRole.UserRole + 5

CASE = "case"
SESSION = "session"
MORE = "more"
MORE_CASES = "more_cases"
PAGE_SIZE = 50

#: (case id, limit, offset) -> one page of the case's sessions, newest first.
SessionLoader = Callable[[int, int, int], Sequence[SessionSummary]]

Index = QModelIndex | QPersistentModelIndex


class CaseTree(QTreeWidget):
    case_selected = Signal(int)
    session_selected = Signal(int, int)  # case id, session id
    nothing_selected = Signal()
    more_cases_requested = Signal()

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
        self.itemExpanded.connect(self._ensure_loaded)
        self._loader: SessionLoader = lambda _case, _limit, _offset: []

    def _case_items(self) -> list[QTreeWidgetItem]:
        items = (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
        return [item for item in items if item is not None]

    def expanded_case_ids(self) -> set[int]:
        return {item.data(0, ID_ROLE) for item in self._case_items() if item.isExpanded()}

    def populate(
        self,
        cases: Sequence[CaseSummary],
        loader: SessionLoader,
        expanded: set[int] | frozenset[int] = frozenset(),
        more_cases: bool = False,
    ) -> None:
        """List the cases; their sessions are read through ``loader`` when first needed.
        With ``more_cases``, a last row offers the next page of cases."""
        self._loader = loader
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
                item.setData(0, LOADED_ROLE, 0)
                if case.session_count:
                    item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
                self.addTopLevelItem(item)
                if case.id in expanded:
                    self._ensure_loaded(item)
                    item.setExpanded(True)
            if more_cases:
                more = QTreeWidgetItem([self.tr("Show more cases…")])
                more.setData(0, KIND_ROLE, MORE_CASES)
                more.setData(0, SUBTITLE_ROLE, self.tr("{n} shown so far").format(n=len(cases)))
                more.setData(0, Qt.ItemDataRole.AccessibleTextRole, self.tr("Show more cases"))
                self.addTopLevelItem(more)
        finally:
            self.blockSignals(False)

    def _ensure_loaded(self, item: QTreeWidgetItem) -> None:
        if item.data(0, KIND_ROLE) == CASE and not item.data(0, LOADED_ROLE):
            self._load_page(item)

    def _load_page(self, case_item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
        """Add the next page of the case's sessions (and a "show older" row if there are more)."""
        case_id = case_item.data(0, ID_ROLE)
        loaded = case_item.data(0, LOADED_ROLE) or 0
        last = case_item.child(case_item.childCount() - 1) if case_item.childCount() else None
        if last is not None and last.data(0, KIND_ROLE) == MORE:
            case_item.removeChild(last)
        page = list(self._loader(case_id, PAGE_SIZE + 1, loaded))
        added = [self._session_item(case_id, s) for s in page[:PAGE_SIZE]]
        case_item.addChildren(added)
        case_item.setData(0, LOADED_ROLE, loaded + len(added))
        if len(page) > PAGE_SIZE:
            more = QTreeWidgetItem([self.tr("Show older sessions…")])
            more.setData(0, KIND_ROLE, MORE)
            more.setData(0, CASE_ID_ROLE, case_id)
            more.setData(
                0, SUBTITLE_ROLE, self.tr("{n} shown so far").format(n=loaded + len(added))
            )
            more.setData(0, Qt.ItemDataRole.AccessibleTextRole, self.tr("Show older sessions"))
            case_item.addChild(more)
        return added

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
        for case in self._case_items():
            if kind == CASE and case.data(0, ID_ROLE) == item_id:
                return case
            for j in range(case.childCount()):
                child = case.child(j)
                if kind == SESSION and child is not None and child.data(0, ID_ROLE) == item_id:
                    return child
        return None

    def select_case(self, case_id: int) -> bool:
        item = self._find(CASE, case_id)
        if item is not None:
            self._ensure_loaded(item)
            item.setExpanded(True)
            self.setCurrentItem(item)
        return item is not None

    def select_session(self, session_id: int, case_id: int | None = None) -> bool:
        """Select a session, loading its case's sessions (page by page) when ``case_id`` is
        given and it is not loaded yet."""
        item = self._find(SESSION, session_id)
        case_item = self._find(CASE, case_id) if case_id is not None else None
        if item is None and case_item is not None:
            self._ensure_loaded(case_item)
            item = self._find(SESSION, session_id)
            while item is None and self._has_more(case_item):
                self._load_page(case_item)
                item = self._find(SESSION, session_id)
        if item is not None:
            case_row = item.parent()
            assert case_row is not None  # a session sits under its case
            case_row.setExpanded(True)
            self.setCurrentItem(item)
        return item is not None

    def _has_more(self, case_item: QTreeWidgetItem) -> bool:
        count = case_item.childCount()
        last = case_item.child(count - 1) if count else None
        return last is not None and last.data(0, KIND_ROLE) == MORE

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
        elif current.data(0, KIND_ROLE) == MORE_CASES:
            self.more_cases_requested.emit()
        elif current.data(0, KIND_ROLE) == MORE:
            case_item = current.parent()
            assert case_item is not None  # "show older" sits under its case
            added = self._load_page(case_item)  # removes the "show older" row
            if added:
                self.setCurrentItem(added[0])
            else:
                self.setCurrentItem(case_item)
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
            painter.setBrush(scheme_colour(theme.ACCENT_SOFT))
            painter.drawRoundedRect(QRectF(rect), 6, 6)
        elif hovered:
            painter.setBrush(scheme_colour("#EEF2F5"))
            painter.drawRoundedRect(QRectF(rect), 6, 6)
        if focused:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(scheme_colour(theme.ACCENT), 2))
            painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 6, 6)
        title_font, small_font = self._fonts(option.font, is_case)
        text_rect = rect.adjusted(10, 0, -8, 0)
        title_h = QFontMetrics(title_font).height()
        small_h = QFontMetrics(small_font).height()
        top = text_rect.top() + (text_rect.height() - title_h - small_h - 2) // 2
        painter.setFont(title_font)
        painter.setPen(scheme_colour(theme.ACCENT if selected and not is_case else theme.TEXT))
        title = QFontMetrics(title_font).elidedText(
            index.data() or "", Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(
            QRect(text_rect.left(), top, text_rect.width(), title_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            title,
        )
        painter.setFont(small_font)
        painter.setPen(scheme_colour(theme.TEXT_SECONDARY))
        subtitle = QFontMetrics(small_font).elidedText(
            index.data(SUBTITLE_ROLE) or "", Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(
            QRect(text_rect.left(), top + title_h + 2, text_rect.width(), small_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            subtitle,
        )
        painter.restore()
