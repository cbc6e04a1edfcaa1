"""Small widget helpers shared by the views and dialogs."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QDate, QRect, QSize
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from supervision_app.ui import qt_namespace
from supervision_app.ui.accessible_roles import PROBLEMS_BOX, install_accessibility

if TYPE_CHECKING:
    from datetime import date


def accessible(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give ``widget`` a screen-reader name (and description); returns it for chaining."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def wrapped_lines(metrics: QFontMetrics, text: str, width: int) -> int:
    """How many lines ``text`` takes when word-wrapped to ``width`` pixels (a hint in an empty
    box is drawn so: the box must be tall enough for all of it)."""
    if not text:
        return 0
    rect = metrics.boundingRect(
        QRect(0, 0, max(width, 1), 1_000_000), int(QtCore.Qt.TextFlag.TextWordWrap), text
    )
    return max(1, math.ceil(rect.height() / max(metrics.lineSpacing(), 1)))


def text_label(
    text: str = "",
    object_name: str = "",
    *,
    wrap: bool = True,
    selectable: bool = False,
    parent: QWidget | None = None,
) -> QLabel:
    """A plain-text label (never interpreted as rich text: the text may be user input).
    Made without naming PySide6's ``Qt`` namespace: the first screens use it
    (``ui/qt_namespace.py``)."""
    label = QLabel(parent)
    qt_namespace.plain_text(label)
    label.setText(text)
    label.setWordWrap(wrap)
    if object_name:
        label.setObjectName(object_name)
    if selectable:
        qt_namespace.selectable(label)
    return label


def push_button(
    text: str,
    object_name: str,
    accessible_name: str = "",
    *,
    primary: bool = False,
    description: str = "",
) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(object_name)
    button.setAutoDefault(False)
    accessible(button, accessible_name or text.replace("&", "").rstrip("…."), description)
    if primary:  # a new button reads the property at its first polish: no repolish
        button.setProperty("primary", True)
    return button


def set_primary(button: QPushButton, primary: bool = True) -> None:
    button.setProperty("primary", primary)
    repolish(button)


def qdate(day: date) -> QDate:
    """``day`` for a date field."""
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> date:
    """A date field's date as Python's."""
    from datetime import date  # here: the first screen has no date field

    value = day.toPython()
    assert isinstance(value, date)
    return value


def discard(widget: QWidget) -> None:
    """Hide a widget taken out of its layout now, and delete it once Qt is idle. Until then it
    is still its parent's child: shown, no layout places it, and it is drawn over the parent's
    other widgets at its last size (a widget never laid out is 640 × 480 at the top left)."""
    widget.hide()
    widget.deleteLater()


def delete_widgets(layout: QLayout) -> None:
    """Take every item out of ``layout`` and delete its widget (hidden now, deleted once Qt
    is idle)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            discard(widget)


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed. A widget not polished yet
    (never shown) reads its properties at its first polish: nothing to do (and asking for
    its style would hand the style to Python, which costs PySide6 QStyle's class and enums)."""
    if not widget.testAttribute(QtCore.Qt.WidgetAttribute.WA_WState_Polished):
        return
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def problems_box(parent: QWidget | None = None) -> tuple[QFrame, QLabel]:
    """A hidden red box for validation messages, and the label that holds them. Screen
    readers see the box as an alert (show problems with ``a11y.report_problems``)."""
    install_accessibility()
    frame = QFrame(parent)
    frame.setObjectName(PROBLEMS_BOX)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(12, 8, 12, 8)
    label = text_label("", "problemsText", selectable=True)
    layout.addWidget(label)
    frame.hide()
    return frame, label


def show_problems(frame: QFrame, label: QLabel, problems: Iterable[str]) -> None:
    items = [p for p in problems if p]
    label.setText("\n".join(f"•  {p}" for p in items))
    frame.setVisible(bool(items))


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open ``window`` at ``width`` × ``height`` (logical pixels), or at the screen's size where
    it is smaller: at 200% text on a laptop the screen is 683 × 384. The window's contents must
    scroll (or wrap) below that size; its minimum size stays small."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    room = screen.availableGeometry()
    frame = window.frameGeometry().size() - window.geometry().size()
    if window.isWindow() and frame.isEmpty() and not window.isVisible():
        # Not shown yet, so the title bar and borders are unknown: leave room for them.
        frame = QSize(16, 40)
    window.resize(
        max(min(width, room.width() - frame.width()), 1),
        max(min(height, room.height() - frame.height()), 1),
    )


def scroll_body(body: QWidget, area: QScrollArea | None = None) -> QScrollArea:
    """``body`` in a frameless scroll area (``area``, or a new one) that scrolls only when
    the window is too small for it; returns the area."""
    body.setObjectName(body.objectName() or "scrollContent")
    if area is None:
        area = QScrollArea()
        area.setObjectName("dialogScroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Tab goes to the controls inside; the area itself is an unnamed, invisible stop.
    area.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
    area.setWidgetResizable(True)
    area.setWidget(body)
    return area


def read_only_table(table: QTableWidget, name: str) -> QTableWidget:
    """Make ``table`` a read-only list of rows for keyboard and screen-reader users: one Tab
    stop (Tab and Shift+Tab leave it: arrows move between rows), whole rows selected, no
    editing; ``name`` is its screen-reader name. Returns it."""
    table.setTabKeyNavigation(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    accessible(table, name)
    return table
