"""How screen readers see two kinds of widget, registered with Qt once (before the first is
made): the red problems box (:func:`~supervision_app.ui.widgets.problems_box`) is an alert, and
an unnamed stack of pages is a plain pane. :mod:`.a11y` holds the rest of what a screen-reader
user needs; this part stands apart so that :mod:`.widgets` can install it without a cycle."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAccessibleWidget, QFrame, QStackedWidget, QWidget

PROBLEMS_BOX = "problems"  # object name of the red box (widgets.problems_box)


class _AlertBox(QAccessibleWidget):
    """The problems box as screen readers should see it: an alert, whose text is read when it
    appears (Orca reads an alert's contents when it is shown)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.AlertMessage)


class _PlainPane(QAccessibleWidget):
    """A stack of pages as a plain, unnamed pane. Qt calls each QStackedWidget a "layered
    pane", and the window nests four of them (window, case, session, page): Orca said
    "layered pane" up to four times on every focus change. A screen reader passes over an
    unnamed pane in silence."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Pane)


def _factory(_key: str, obj: QObject | None):
    if isinstance(obj, QFrame) and obj.objectName() == PROBLEMS_BOX:
        return _AlertBox(obj)
    if isinstance(obj, QStackedWidget) and not obj.accessibleName():
        return _PlainPane(obj)
    return None


_installed = False


def install_accessibility() -> None:
    """Register the interfaces above with Qt (once, before the first problems box is made)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
