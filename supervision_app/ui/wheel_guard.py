"""The mouse wheel scrolls the page; it never changes a value by passing over a box.

Spin boxes, date edits, combo boxes and sliders take the wheel only when they have
keyboard focus (the user clicked or tabbed into them). Otherwise the wheel event goes on
to the widget underneath, normally the page's scroll area, which scrolls. One event
filter on the application does this for every such widget in the app, present and future.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

GUARD_NAME = "wheelGuard"


def guarded(widget: QObject) -> bool:
    """A widget whose value the wheel could change (scroll bars are meant for the wheel)."""
    return isinstance(widget, (QAbstractSpinBox, QComboBox, QAbstractSlider)) and not isinstance(
        widget, QScrollBar
    )


def _value_widget(obj: QObject) -> QWidget | None:
    """``obj`` or the spin box / combo box it is part of (the line edit inside a spin box)."""
    widget = obj if isinstance(obj, QWidget) else None
    for _ in range(2):
        if widget is None:
            return None
        if guarded(widget):
            return widget
        widget = widget.parentWidget()
    return None


class WheelGuard(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(GUARD_NAME)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, QWidget) and guarded(watched):
            # Wheel focus would give the box focus on the first wheel turn, and take it.
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel:
            widget = _value_widget(watched)
            if widget is not None and not widget.hasFocus() and not _popup_open(widget):
                _pass_to_page(widget, cast(QWheelEvent, event))
                return True
        return False


def _pass_to_page(widget: QWidget, event: QWheelEvent) -> None:
    """Give the wheel turn to the scroll area the widget sits in, so that the page scrolls.

    Qt hands an ignored wheel event on to the parent widgets only when it came from the
    system; sending it to the scroll area's viewport works for every event alike."""
    area = widget.parentWidget()
    while area is not None and not (
        isinstance(area, QAbstractScrollArea) and area.viewport().isAncestorOf(widget)
    ):
        area = area.parentWidget()
    if area is None:  # not on a scrolling page: let Qt offer it to the parents
        event.ignore()
        return
    viewport = area.viewport()
    position = viewport.mapFromGlobal(event.globalPosition())
    forwarded = QWheelEvent(
        position,
        event.globalPosition(),
        event.pixelDelta(),
        event.angleDelta(),
        event.buttons(),
        event.modifiers(),
        event.phase(),
        event.inverted(),
        event.source(),
    )
    QApplication.sendEvent(viewport, forwarded)
    event.setAccepted(forwarded.isAccepted())


def _popup_open(widget: QWidget) -> bool:
    return isinstance(widget, QComboBox) and widget.view().isVisible()


def install_wheel_guard(app: QApplication | None = None) -> WheelGuard:
    """Install the guard on the application once (later calls return the same guard).

    The boxes made before it are guarded now. A box takes no wheel turn before its window
    has been painted, so the guard may come after the first paint (``MainWindow``)."""
    app = app or cast(QApplication | None, QApplication.instance())
    assert app is not None, "the guard needs the application"
    existing = app.findChild(WheelGuard, GUARD_NAME)
    if existing is not None:
        return existing
    _meet_the_gesture_manager(app)
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    for widget in app.allWidgets():
        if guarded(widget) and widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return guard


def _meet_the_gesture_manager(app: QApplication) -> None:
    """Let PySide wrap Qt's gesture manager here, where the guard is installed.

    An application event filter written in Python sees every object that receives an
    event, and PySide wraps each one for it. The first scroll area creates Qt's private
    gesture manager, which then hears of every new scroll area. The first time PySide wraps
    an object of a class it does not know, it sets up the Python types of most of Qt's
    classes to find the nearest one: 30-60 ms, once per process. With the guard installed
    after a first screen's paint (the passphrase being typed) or after the main window's
    paint, that happens there, not while a window is being built."""
    QWidget().grabGesture(Qt.GestureType.PanGesture)  # makes the manager if none exists yet
    app.children()  # wraps each of the application's children, the gesture manager among them
