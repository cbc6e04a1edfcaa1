"""Record what Qt sends to the accessibility layer (what AT-SPI or UI Automation would
forward to a screen reader), in-process.

PySide6 does not bind ``QAccessible::installUpdateHandler``, so it is called through ctypes
on the QtGui library PySide6 loaded; each event is read back with shiboken. While the
recorder is installed, Qt is told accessibility is active (as it is when Orca runs)."""

from __future__ import annotations

import ctypes
import glob
import os
import sys
from dataclasses import dataclass

import PySide6
import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
    QAccessibleTextInsertEvent,
    QAccessibleTextRemoveEvent,
    QAccessibleTextUpdateEvent,
    QAccessibleValueChangeEvent,
)

_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
_SYMBOL = "_ZN11QAccessible20installUpdateHandlerEPFvP16QAccessibleEventE"


@dataclass
class Seen:
    kind: QAccessible.Event
    object: QObject | None
    texts: tuple[str, ...]


def _qtgui() -> ctypes.CDLL | None:
    base = os.path.join(os.path.dirname(PySide6.__file__), "Qt", "lib")
    names = glob.glob(os.path.join(base, "libQt6Gui.so*")) or glob.glob(
        os.path.join(os.path.dirname(PySide6.__file__), "Qt6Gui.dll")
    )
    if not names:
        return None
    try:
        library = ctypes.CDLL(names[0])
        getattr(library, _SYMBOL)
    except (OSError, AttributeError):
        return None
    return library


def _read(pointer: int, cls):
    wrapper = shiboken6.wrapInstance(pointer, cls)
    try:
        if cls is QAccessibleTextInsertEvent:
            return (wrapper.textInserted(),)
        if cls is QAccessibleTextRemoveEvent:
            return (wrapper.textRemoved(),)
        if cls is QAccessibleTextUpdateEvent:
            return (wrapper.textRemoved(), wrapper.textInserted())
        if cls is QAccessibleAnnouncementEvent:
            return (wrapper.message(),)
        if cls is QAccessibleValueChangeEvent:
            return (str(wrapper.value()),)
        return ()
    finally:
        shiboken6.invalidate(wrapper)


_CLASSES = {
    QAccessible.Event.TextInserted: QAccessibleTextInsertEvent,
    QAccessible.Event.TextRemoved: QAccessibleTextRemoveEvent,
    QAccessible.Event.TextUpdated: QAccessibleTextUpdateEvent,
    QAccessible.Event.ValueChanged: QAccessibleValueChangeEvent,
    QAccessible.Event.Announcement: QAccessibleAnnouncementEvent,
}


class AccessibilityRecorder:
    """``with AccessibilityRecorder() as seen:`` … ``seen.events``."""

    available = sys.platform.startswith("linux") and _qtgui() is not None

    def __init__(self) -> None:
        self.events: list[Seen] = []
        self._callback = _HANDLER(self._handle)

    def _handle(self, pointer: int) -> None:
        event = shiboken6.wrapInstance(pointer, QAccessibleEvent)
        kind, obj = event.type(), event.object()
        shiboken6.invalidate(event)
        cls = _CLASSES.get(kind)
        self.events.append(Seen(kind, obj, _read(pointer, cls) if cls else ()))

    def __enter__(self) -> AccessibilityRecorder:
        install = getattr(_qtgui(), _SYMBOL)
        install.argtypes = [ctypes.c_void_p]
        install(ctypes.cast(self._callback, ctypes.c_void_p))
        self._was_active = QAccessible.isActive()
        QAccessible.setActive(True)
        return self

    def __exit__(self, *exc) -> None:
        install = getattr(_qtgui(), _SYMBOL)
        install.argtypes = [ctypes.c_void_p]
        install(None)
        QAccessible.setActive(self._was_active)  # later tests run as before

    def of_kind(self, kind: QAccessible.Event) -> list[Seen]:
        return [seen for seen in self.events if seen.kind == kind]

    def all_text(self) -> str:
        return "".join("".join(seen.texts) for seen in self.events)
