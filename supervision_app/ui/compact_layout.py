"""Narrow windows: a laptop at 200% text (683 logical pixels wide on a 1366×768 screen), or a
window beside another. Under :data:`COMPACT_WIDTH` the case list and the open case or session
take turns to fill the window instead of sitting side by side (the session view folds its own
session plan into a drop-down when it is narrow). The "Case list" action (F9, View menu, toolbar) switches between them; in a wide
window it shows or hides the case list.

Installed on a :class:`MainWindow` by :func:`install`, after the desktop features.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QTreeWidget, QTreeWidgetItem

if TYPE_CHECKING:
    from supervision_app.ui.window.host import WindowHost

#: Below this width (logical pixels) the window uses the compact layout.
COMPACT_WIDTH = 880


class CompactLayout(QObject):
    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        self.compact = False
        self.showing_list = False  # compact: the list fills the window
        self.list_wanted = True  # wide: the list sits beside the detail

        self.cases_action = QAction(self.tr("Case list"), window)
        self.cases_action.setObjectName("caseListAction")
        self.cases_action.setCheckable(True)
        self.cases_action.setChecked(True)
        self.cases_action.setShortcut(QKeySequence(Qt.Key.Key_F9))
        tip = self.tr("Show or hide the list of cases (F9)")
        self.cases_action.setStatusTip(tip)
        self.cases_action.setToolTip(tip)
        self.cases_action.triggered.connect(self.toggle_list)
        window.addAction(self.cases_action)
        toolbar = window.toolbar
        first = toolbar.actions()[0] if toolbar.actions() else None
        toolbar.insertAction(first, self.cases_action)  # type: ignore[arg-type]  # None: at the end
        toolbar.insertSeparator(first)  # type: ignore[arg-type]
        button = toolbar.widgetForAction(self.cases_action)
        if button is not None:
            button.setAccessibleName(self.tr("Case list"))
            button.setAccessibleDescription(tip)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        view_menu = next(
            (
                m
                for a in window.menuBar().actions()
                if a.objectName() == "viewMenu" and isinstance(m := a.menu(), QMenu)
            ),
            None,
        )
        if view_menu is not None:
            view_menu.insertAction(view_menu.actions()[0], self.cases_action)
            view_menu.insertSeparator(view_menu.actions()[1])

        window.when_case_tree_built(self._wire_tree)
        window.installEventFilter(self)
        self.update_layout()

    # -- state ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.WindowStateChange,
        ):
            self.update_layout()
        return False

    def _presenting(self) -> bool:
        desktop = getattr(self.window, "desktop", None)
        return bool(desktop is not None and desktop.presenting)

    def update_layout(self) -> None:
        compact = self.window.width() < COMPACT_WIDTH
        if compact != self.compact:
            self.compact = compact
            # Entering compact: show what the user was looking at, or the list if nothing.
            self.showing_list = self.window.detail_stack.currentWidget() is self.window.placeholder
        self.apply()

    def apply(self) -> None:
        if self._presenting():
            return  # presentation mode hides the list itself, and shows it again after
        side = self.window.splitter.widget(0)
        detail = self.window.splitter.widget(1)
        assert side is not None and detail is not None  # the case list and the detail
        if self.compact:
            side.setVisible(self.showing_list)
            detail.setVisible(not self.showing_list)
        else:
            side.setVisible(self.list_wanted)
            detail.setVisible(True)
        self.cases_action.setChecked(side.isVisibleTo(self.window))

    # -- switching --------------------------------------------------------------------

    def toggle_list(self) -> None:
        if self.compact:
            self.show_list(not self.showing_list)
        else:
            self.list_wanted = not self.list_wanted
            self.apply()

    def show_list(self, visible: bool) -> None:
        """Compact layout: the case list (True) or the case or session chosen (False)."""
        self.showing_list = visible
        self.apply()
        if visible:
            self.window.case_tree.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            current = self.window.detail_stack.currentWidget()
            assert current is not None  # the placeholder, a case or a session
            current.setFocus(Qt.FocusReason.OtherFocusReason)

    def _wire_tree(self, tree: QTreeWidget) -> None:
        tree.itemClicked.connect(self._on_item_chosen)
        tree.itemActivated.connect(self._on_item_chosen)

    def _on_item_chosen(self, _item: QTreeWidgetItem, _column: int = 0) -> None:
        if self.compact and self.showing_list:
            self.show_list(False)


def install(window: WindowHost) -> CompactLayout:
    return CompactLayout(window)
