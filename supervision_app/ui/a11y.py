"""What a screen-reader user needs from every screen, in one place.

- :func:`show_page`: a page (stage, sign-off, Home, Today, Agenda, Summary...) was just shown:
  put focus on its first meaningful control, with a visible ring, and announce its title.
  Every page switch calls it, so a new page gets both by calling it too.
- :func:`report_problems`: a form or the unlock panel found problems: show them in the red
  box, which screen readers hear as an alert, mark the fields in error as invalid and move
  focus to the first of them.
- :func:`announce`: a polite or assertive spoken message that changes nothing on screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTextEdit,
    QToolButton,
    QWidget,
)

from supervision_app.ui.widgets import repolish, show_problems

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

_INVALID = "invalid"  # dynamic property: the style sheet draws the field's border red
_PLAIN_DESCRIPTION = "a11yPlainDescription"
_MARKED = "a11yMarkedFields"


# -- speaking ----------------------------------------------------------------------------


def announce(source: QObject, message: str, *, assertive: bool = False) -> None:
    """Have the screen reader say ``message`` (nothing happens when none is running)."""
    if not message:
        return
    event = QAccessibleAnnouncementEvent(source, message)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if assertive
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)


def alert(box: QWidget, message: str) -> None:
    """``box`` (shown) holds an error: an alert event, and ``message`` said at once."""
    QAccessible.updateAccessibility(QAccessibleEvent(box, QAccessible.Event.Alert))
    announce(box, message, assertive=True)


# -- fields in error ---------------------------------------------------------------------


def mark_invalid(field: QWidget, message: str = "") -> None:
    """Mark ``field`` as in error (red border; the message becomes its accessible
    description, which screen readers read with its name), or clear it (``message`` empty)."""
    if field.property(_PLAIN_DESCRIPTION) is None:
        field.setProperty(_PLAIN_DESCRIPTION, field.accessibleDescription())
    plain = field.property(_PLAIN_DESCRIPTION) or ""
    field.setProperty(_INVALID, bool(message))
    field.setAccessibleDescription(
        QCoreApplication.translate("a11y", "Error: {message}").format(message=message)
        if message
        else plain
    )
    repolish(field)


def report_problems(
    box: QFrame,
    label: QLabel,
    problems: Iterable[str],
    fields: Sequence[QWidget] = (),
) -> None:
    """Show ``problems`` in ``box`` (hide it when there are none) and tell the user: an
    alert with the text, ``fields`` marked invalid, focus on the first of them (or on the
    message itself when no field is to blame). Fields marked last time are cleared."""
    items = [p for p in problems if p]
    for field in box.property(_MARKED) or ():
        if field is not None:
            mark_invalid(field, "")
    show_problems(box, label, items)
    box.setProperty(_MARKED, list(fields) if items else [])
    if not items:
        return
    message = "\n".join(items)
    for field in fields:
        mark_invalid(field, message)
    target: QWidget = fields[0] if fields else label
    if not fields:
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        label.setAccessibleName(message)
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    alert(box, message)


# -- keys ------------------------------------------------------------------------------


def click_focused_button(event: QKeyEvent) -> bool:
    """Return or Enter on a focused button clicks it, as Space does (outside dialogs Qt
    leaves Return unhandled). Call from a window's ``keyPressEvent``; True when used."""
    if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return False
    if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return False
    button = QApplication.focusWidget()
    if not isinstance(button, (QPushButton, QToolButton)) or not button.isEnabled():
        return False
    button.animateClick()
    return True


# -- pages -------------------------------------------------------------------------------

def _meaningful() -> tuple[type[QWidget], ...]:
    """The widgets focus may land on. QAbstractItemView is imported here, when first needed:
    creating its Python class costs several ms before the unlock dialog's first paint."""
    from PySide6.QtWidgets import QAbstractItemView

    return (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractButton, QComboBox, QAbstractItemView)


def first_control(page: QWidget) -> QWidget | None:
    """The first control of ``page`` in Tab order that a person would act on: visible,
    enabled, taking Tab focus, named, and not a scroll area or a bare container."""
    candidate = page.nextInFocusChain()
    seen = 0
    while candidate is not None and candidate is not page and seen < 2000:
        seen += 1
        if (
            page.isAncestorOf(candidate)
            and isinstance(candidate, _meaningful())
            and not isinstance(candidate, QScrollArea)
            and candidate.isVisibleTo(page.window())
            and candidate.isEnabled()
            and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not _unchecked_in_checked_group(candidate)
        ):
            return candidate
        candidate = candidate.nextInFocusChain()
    return None


def _unchecked_in_checked_group(widget: QWidget) -> bool:
    """Tab enters a group of radio buttons at its checked one: skip the others."""
    if not isinstance(widget, QRadioButton) or widget.isChecked() or not widget.autoExclusive():
        return False
    parent = widget.parentWidget()
    siblings = parent.findChildren(QRadioButton) if parent is not None else []
    return any(r.isChecked() and r.parentWidget() is parent for r in siblings)


def show_page(page: QWidget, title: str, focus: QWidget | None = None) -> None:
    """``page`` has just been shown: focus ``focus`` (or the page's first meaningful control)
    with a visible ring, and announce ``title``. Call it after every page switch."""
    target = focus if focus is not None else first_control(page)
    if target is not None:
        if not isinstance(target, _meaningful()) or isinstance(target, QScrollArea):
            target = first_control(target) or target  # a container: its first control
        # Tab-reason focus: styles draw the keyboard ring, and text fields select nothing.
        target.setFocus(Qt.FocusReason.TabFocusReason)
        _scroll_into_view(target)
    announce(page, title)


def _scroll_into_view(widget: QWidget) -> None:
    """Scroll the nearest scroll area just enough to show the top of ``widget`` (a tall
    editor is not scrolled to its end, which would hide the page's heading)."""
    parent = widget.parentWidget()
    while parent is not None:
        content = parent.widget() if isinstance(parent, QScrollArea) else None
        if isinstance(parent, QScrollArea) and content is not None:
            top = widget.mapTo(content, widget.rect().topLeft())
            parent.ensureVisible(top.x(), top.y() + min(widget.height(), 48), 20, 20)
            return
        parent = parent.parentWidget()


def tab_chain(root: QWidget) -> list[QWidget]:
    """The widgets of ``root``'s window in focus-chain order, starting after ``root``."""
    chain: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root and len(chain) < 100_000:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def place_in_tab_order(page: QWidget, after: QWidget) -> None:
    """Tab reaches the controls of ``page`` (added to a window that is already built) just
    after those of ``after``, as if it had been built with the window. A widget added late
    joins the end of the window's focus chain (after the status bar and the toolbar), and
    ``QWidget.setTabOrder`` moves one focusable widget at a time, so each is placed in turn."""

    def focusable(widget: QWidget) -> bool:
        return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)

    chain = [after, *tab_chain(after)]
    before = [w for w in chain if (w is after or after.isAncestorOf(w)) and focusable(w)]
    if not before:
        return  # nothing to follow: the page keeps its place
    previous = before[-1]
    for widget in [w for w in chain if page.isAncestorOf(w) and focusable(w)]:
        QWidget.setTabOrder(previous, widget)
        previous = widget
