"""The last word on an error nothing else handled: a message fit for the user, never a traceback.

An exception that reaches Qt's event loop (a slot, a timer, an override) used to print a
traceback to stderr and leave the user with a screen that silently did nothing, "Working out
what needs attention…" for ever, or a list that did not open. :class:`ErrorReport`, installed
for the life of the window (``ui/app.py``), says instead what happened and what to do:

- a page of the file that fails its check (the file is damaged): the page check's message, or
  what the read found, with how to restore from a backup;
- a full disk, a busy or read-only database: what the user can do about it;
- anything else: that the app could not finish what was asked, where (the type of error, the
  module and line, for IT support), and that what was typed is kept.

What it writes to the log and stderr is the error's type and where it happened, never its
message: a message can carry the user's words (an ORM error used to quote a statement's
values; the engines now hide them, ``hide_parameters``). One message box at a time; the same
message is not repeated while it is shown or for a few seconds after, so an error in a paint
or a timer does not bury the window under boxes.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

if TYPE_CHECKING:
    from supervision_app.storage import Database

log = logging.getLogger(__name__)

#: The same message is not shown again within this many seconds of the last one closing.
REPEAT_SECONDS = 1.5

_PACKAGE = str(Path(__file__).resolve().parents[1])


def where(tb: TracebackType | None) -> str:
    """The innermost frame of the app's own code: ``ui/window/home.py:77 in _fill``."""
    frames = traceback.extract_tb(tb)
    ours = [f for f in frames if str(Path(f.filename).resolve()).startswith(_PACKAGE)]
    if not (ours or frames):
        return "an unknown place"
    frame = (ours or frames)[-1]
    name = Path(frame.filename)
    try:
        shown = name.resolve().relative_to(_PACKAGE).as_posix()
    except ValueError:
        shown = name.name
    return f"{shown}:{frame.lineno} in {frame.name}"


def _frames(tb: TracebackType | None) -> str:
    """The traceback's frames, file, line and function only (no source, no message)."""
    return "\n".join(
        f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in traceback.extract_tb(tb)
    )


def describe(exc: BaseException, tb: TracebackType | None, database: Database | None) -> str:
    """What to tell the user about ``exc`` (never its message, which may hold their words)."""
    from supervision_app.storage.backend import StorageFault, classify_error

    fault = classify_error(exc)
    damage = database.found_damage() if database is not None else None
    if fault is StorageFault.DAMAGED or (damage and fault is StorageFault.READ_ONLY):
        if damage:
            return damage
        return QCoreApplication.translate(
            "ErrorReport",
            "Part of {path} could not be read: the file is damaged. What is on screen is "
            "kept; copy anything you typed just now somewhere safe, then restore the "
            "database from a backup (Security › Restore from a backup…).",
        ).format(path=database.path if database is not None else "the database file")
    if fault is StorageFault.DISK_FULL:
        return QCoreApplication.translate(
            "ErrorReport",
            "The disk is full, so that could not be done. Nothing you typed has been lost: "
            "free some space, then try again.",
        )
    if fault is StorageFault.BUSY:
        return QCoreApplication.translate(
            "ErrorReport",
            "The database is busy, so that could not be done. Try again in a moment.",
        )
    if fault is StorageFault.READ_ONLY:
        return QCoreApplication.translate(
            "ErrorReport",
            "The database cannot be written to, so that could not be done. Nothing you "
            "typed has been lost. Check that the file and its folder can be written to.",
        )
    return QCoreApplication.translate(
        "ErrorReport",
        "The app could not finish what you asked: an error it did not expect ({kind} at "
        "{where}). Nothing you typed has been lost: answers are saved as you type. If it "
        "happens again, tell your IT support what you did just before, and this detail.",
    ).format(kind=type(exc).__name__, where=where(tb))


class ErrorReport:
    """Installed as ``sys.excepthook`` (and ``threading.excepthook``) while the window runs."""

    def __init__(self, database: Database | None = None) -> None:
        self.database = database
        self._previous: tuple[Callable, Callable] | None = None
        self._showing: str | None = None
        self._last: tuple[str, float] = ("", 0.0)
        #: The messages shown (for tests and for the log's count of repeats).
        self.shown: list[str] = []

    def install(self) -> ErrorReport:
        global _CURRENT
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._hook
        threading.excepthook = self._thread_hook
        _CURRENT = self
        return self

    def uninstall(self) -> None:
        global _CURRENT
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None
        if _CURRENT is self:
            _CURRENT = None

    def report(self, exc: BaseException) -> None:
        """Tell the user about ``exc`` (an error a caller caught but cannot handle itself)."""
        self._hook(type(exc), exc, exc.__traceback__)

    def _hook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("unhandled %s at %s\n%s", kind.__name__, where(tb), _frames(tb))
        try:
            message = describe(exc, tb, self.database)
        except Exception:  # describing must never fail in turn
            message = describe(RuntimeError(), tb, None)
        if QApplication.instance() is not None:
            QTimer.singleShot(0, lambda: self.show(message))

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread is not None else "?"
        log.error(
            "unhandled %s in thread %s at %s",
            args.exc_type.__name__,
            name,
            where(args.exc_traceback),
        )

    def show(self, message: str, *, damaged: bool | None = None) -> None:
        """Show ``message`` in a box over the window, unless it is up already or was closed
        a moment ago; a second message waits for the first box to close. ``damaged``: the
        message is the page check's (None: whether it is, asked of the database)."""
        text, closed = self._last
        if message == self._showing or (
            message == text and time.monotonic() - closed < REPEAT_SECONDS
        ):
            return
        if self._showing is not None:  # another message is up: this one waits for it
            QTimer.singleShot(250, lambda: self.show(message, damaged=damaged))
            return
        if damaged is None:
            damaged = self.database is not None and message == self.database.found_damage()
        self._showing = message
        self.shown.append(message)
        box = QMessageBox(QApplication.activeWindow())
        if damaged:
            box.setObjectName("damagedDatabase")
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(QCoreApplication.translate("ErrorReport", "The database is damaged"))
            box.setText(QCoreApplication.translate("ErrorReport", "The database file is damaged."))
        else:
            box.setObjectName("errorReport")
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(QCoreApplication.translate("ErrorReport", "Something went wrong"))
            box.setText(QCoreApplication.translate("ErrorReport", "That could not be done."))
        box.setInformativeText(message)
        try:
            box.exec()
        finally:
            self._showing = None
            self._last = (message, time.monotonic())
            box.deleteLater()


_CURRENT: ErrorReport | None = None


def current() -> ErrorReport | None:
    """The report installed for the running window, if any."""
    return _CURRENT


def report(exc: BaseException) -> None:
    """Tell the user about ``exc`` through the installed report; without one (a test, a
    script), log its type and where it happened."""
    if _CURRENT is not None:
        _CURRENT.report(exc)
    else:
        log.error("unhandled %s at %s", type(exc).__name__, where(exc.__traceback__))
