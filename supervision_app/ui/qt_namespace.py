"""The first screen is painted before PySide6 makes the Python side of Qt's ``Qt`` namespace.

PySide6 makes the Python classes of all 93 enums of the ``Qt`` namespace (about 1,200
members, through Python's ``enum`` module) the first time anything names
``PySide6.QtCore.Qt``, or a call hands one of its values to Python: 25-45 ms on this project's
laptops, a sixth of the time to the unlock dialog. That dialog needs four of those values. They
are written here as the widgets' Qt properties, which take Qt's own numbers
(``tests/ui/test_qt_namespace.py`` checks them against the enums), so the modules the first
screen imports name ``QtCore.Qt`` only inside functions that run later.

:func:`make` then makes the namespace on the GUI thread, just after the first screen's paint
(``first_screen.after_first_paint``) and before the thread that imports the window's modules
starts: PySide6 makes it once, on one thread. ``tests/ui/test_first_screen_qt.py`` starts the
app to its unlock dialog and checks that the namespace is made after the paint, not before.
"""

from __future__ import annotations

import weakref

import shiboken6
from PySide6 import QtCore
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

# Qt's numbers (qnamespace.h), for the property writes below.
PLAIN_TEXT = 0  # Qt::PlainText
TEXT_SELECTABLE_BY_MOUSE = 1  # Qt::TextSelectableByMouse
IMH_HIDDEN_TEXT = 0x1  # Qt::ImhHiddenText
IMH_SENSITIVE_DATA = 0x2  # Qt::ImhSensitiveData
IMH_NO_PREDICTIVE_TEXT = 0x40  # Qt::ImhNoPredictiveText

# Selectable labels made before the namespace: their I-beam cursor waits for it (a cursor
# shape cannot be written as a number).
_waiting_for_cursor: list[weakref.ref[QLabel]] = []


def made() -> bool:
    """Whether PySide6 has made the ``Qt`` namespace in this process. (PySide6 adds it to its
    module's dictionary when it makes it; a PySide6 that made it at import would always say
    yes here, which is only slower.)"""
    return "Qt" in vars(QtCore)


def make() -> None:
    """Make the namespace now (on the GUI thread), and give the selectable labels made
    before it their I-beam cursor."""
    from PySide6.QtCore import Qt

    waiting = list(_waiting_for_cursor)
    _waiting_for_cursor.clear()
    for ref in waiting:
        label = ref()
        if label is not None and shiboken6.isValid(label):
            label.setCursor(Qt.CursorShape.IBeamCursor)


def _write(widget: QWidget, name: str, value: int) -> None:
    if not widget.setProperty(name, value):  # a property Qt does not know: a programming error
        raise RuntimeError(f"{type(widget).__name__} has no Qt property {name!r}")


def plain_text(label: QLabel) -> None:
    """``label`` shows its text as written, never as rich text (the text may be user input)."""
    _write(label, "textFormat", PLAIN_TEXT)


def selectable(label: QLabel) -> None:
    """The mouse can select ``label``'s text (to copy it), with the I-beam cursor over it."""
    _write(label, "textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
    if made():
        label.setCursor(QtCore.Qt.CursorShape.IBeamCursor)
    else:
        _waiting_for_cursor.append(weakref.ref(label))


def secret_input(field: QLineEdit) -> None:
    """Input methods (on-screen keyboards, dictation) treat ``field`` as a password: hidden,
    sensitive, never predicted or learnt."""
    _write(
        field,
        "inputMethodHints",
        IMH_HIDDEN_TEXT | IMH_SENSITIVE_DATA | IMH_NO_PREDICTIVE_TEXT,
    )
