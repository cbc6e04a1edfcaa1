"""Work off the GUI thread that closing the window finishes cleanly.

Exports and print rendering run on a :class:`BackgroundThread` parented to the
main window, while a local event loop keeps the window painting.  When the
window closes (or the application quits), :func:`finish_background_work`
asks each running thread to cancel (print rendering stops; an export, which
the user asked for, runs to the end) and waits for it, so a ``QThread`` is never
destroyed while it runs, and an export is on disk complete (or, if it failed,
not at all: see :mod:`supervision_app.atomic`).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QThread
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")


class BackgroundThread(QThread):
    """A worker the main window cancels (where it can) and waits for when it closes."""

    def cancel(self) -> None:
        """Ask the work to stop early. Work that must finish (an export) ignores this."""


class WorkCancelled(Exception):
    """The user pressed Cancel before the work reached the point of no return."""


def cancel_point(stop: threading.Event) -> Callable[..., None]:
    """A progress callback for long work that raises :class:`WorkCancelled` once ``stop`` is set."""

    def check(*_args: object) -> None:
        if stop.is_set():
            raise WorkCancelled

    return check


class _Work(BackgroundThread, Generic[T]):
    def __init__(self, work: Callable[[], T], parent: QObject | None) -> None:
        super().__init__(parent)
        self._work = work
        self.result: T | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._work()
        except Exception as exc:  # handed back to the GUI thread, which reports it
            self.error = exc


def owner(widget: QWidget | None) -> QObject | None:
    """The main window (so that closing it finds the thread), or the widget itself."""
    return widget.window() if widget is not None else None


def wait_in_loop(thread: QThread, progress: QProgressDialog) -> None:
    """Start ``thread`` and keep the GUI responsive until it has finished; then tidy up."""
    loop = QEventLoop()
    thread.finished.connect(loop.quit)
    # Python's cycle collector runs in whichever thread happens to allocate; run by the worker
    # (ReportLab, PDFium), it can finalise Qt objects off the GUI thread: the suite once
    # segfaulted with the collector running inside the print worker. So it waits for the worker.
    collecting = gc.isenabled()
    gc.disable()
    try:
        thread.start()
        if thread.isRunning():
            loop.exec()  # also ends early when the application quits...
        thread.wait()  # ...so wait for the work itself
    finally:
        if collecting:
            gc.enable()
        if shiboken6.isValid(progress):  # not already closed and deleted elsewhere
            progress.close()
            progress.deleteLater()
        thread.deleteLater()  # deferred: its results can still be read


def run_in_background(
    parent: QWidget | None,
    work: Callable[[], T],
    text: str,
    *,
    stop: threading.Event | None = None,
) -> T:
    """Run ``work`` on a worker thread with a progress note; its result, or its exception.

    With ``stop``, the note has a Cancel button that sets it; ``work`` checks it (see
    :func:`cancel_point`) where stopping is still safe, e.g. before anything is written,
    and raises :class:`WorkCancelled`.  Closing the window never sets it: an export the
    user asked for still finishes.
    """
    thread: _Work[T] = _Work(work, owner(parent))
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setObjectName("backgroundProgress")
    if stop is None:
        progress.setCancelButton(None)  # an export, once started, finishes
    else:
        progress.setCancelButtonText(QProgressDialog.tr("Cancel"))  # type: ignore[call-arg, arg-type]  # Qt's own text
        # closing the note after the work has finished also emits "canceled": ignore that
        progress.canceled.connect(lambda: stop.set() if thread.isRunning() else None)
    progress.setMinimumDuration(500)
    wait_in_loop(thread, progress)
    if thread.error is not None:
        raise thread.error
    return thread.result  # type: ignore[return-value]


def finish_background_work(root: QObject) -> None:
    """Cancel what can be cancelled below ``root`` and wait for every running worker."""
    for thread in root.findChildren(BackgroundThread):
        if thread.isRunning():
            thread.cancel()
            thread.wait()
