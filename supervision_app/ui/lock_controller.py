"""Locking the window: when idle (wall clock), on Ctrl+L, and unlocking where the user was.

On lock, pending typing is committed, the clipboard is cleared if it holds our
text, case content is cleared from the screen, every database connection is
closed and the key forgotten; the window then shows the unlock panel.  The
idle check compares wall-clock times, so time spent asleep counts: a laptop
that wakes after the timeout is locked at the first check.  A jump of the
wall clock between two checks far larger than their interval means the
machine slept (or the clock was changed): that locks too, whatever the
timeout.  Where the platform reports a screen lock or sleep
(:mod:`.session_watch`), the window locks at once.

On the agency server the same happens; "closing the connections" drops the engine and the
password it held, and unlocking logs in to the server again as the same login: the panel asks
for the login's password (never the laptop's passphrase), or connects again at once with a
PGPASSFILE or client-certificate login, which needs no password.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from supervision_app.storage import Database, DatabaseOpenError, RecoveryKey
from supervision_app.ui.a11y import show_page
from supervision_app.ui.clipboard_guard import app_clipboard_guard
from supervision_app.ui.on_server import ServerInfo, server_info, window_title
from supervision_app.ui.settings import ui_settings
from supervision_app.ui.spell_check import SpellService
from supervision_app.ui.unlock_panel import Credential, UnlockPanel

if TYPE_CHECKING:
    from supervision_app.ui.session_watch import SessionWatch

DEFAULT_MINUTES = 5
MIN_MINUTES = 1
MAX_MINUTES = 30
SETTINGS_KEY = "security/auto_lock_minutes"
CHECK_INTERVAL_MS = 5_000
#: A gap between two idle checks longer than this means the machine slept: lock.
RESUME_GAP_SECONDS = 60.0
LOCK_FLUSH_TIMEOUT = 10.0
_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def clamp_minutes(value: object) -> int:
    try:
        minutes = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return DEFAULT_MINUTES
    return max(MIN_MINUTES, min(MAX_MINUTES, minutes))


def auto_lock_minutes() -> int:
    return clamp_minutes(ui_settings().value(SETTINGS_KEY, DEFAULT_MINUTES))


def set_auto_lock_minutes(minutes: int) -> int:
    minutes = clamp_minutes(minutes)
    settings = ui_settings()
    settings.setValue(SETTINGS_KEY, minutes)
    settings.sync()
    return minutes


class LockController(QObject):
    def __init__(self, window, database: Database, clock: Callable[[], float] = time.time) -> None:
        super().__init__(window)
        self.setObjectName("lockController")
        self.window = window
        self.database = database
        self._clock = clock
        self.last_activity = clock()
        self._last_check = self.last_activity
        self.timeout_seconds = auto_lock_minutes() * 60
        self._where: tuple[int | None, int | None, int] = (None, None, 0)
        # One guard for the application: the recovery key dialog copies before this exists.
        self.clipboard = app_clipboard_guard()

        self.server = server_info(database)
        self.panel = UnlockPanel(
            self._attempt, database.path, self.tr("Locked"), server=self.server
        )
        self.panel.unlocked.connect(self._after_unlock)
        window.central_stack.addWidget(self.panel)

        self.lock_action = QAction(self.tr("Lock now"), window)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setStatusTip(
            self.tr("Hide the records until the passphrase is typed")
            if self.server is None
            else self.tr("Hide the records and close the connection until you log in again")
        )
        self.lock_action.triggered.connect(self.lock)
        window.addAction(self.lock_action)

        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check_idle)
        self.timer.start()
        # The platform's screen-lock and sleep signals from the window's first paint on: the
        # watch (ctypes, the D-Bus connections) cost 5-10 ms before that paint.
        self.session_watch: SessionWatch | None = None
        if window.isVisible():
            self._watch_session()
        else:
            window.first_painted.connect(self._watch_session)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # (the guard clears the clipboard at quit itself)

    def _watch_session(self) -> None:
        if self.session_watch is None:
            from supervision_app.ui.session_watch import SessionWatch

            self.session_watch = SessionWatch(self.window)
            self.session_watch.lock_requested.connect(self.lock)

    # -- idle -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.last_activity = self._clock()
        return False

    def set_timeout_minutes(self, minutes: int) -> None:
        self.timeout_seconds = set_auto_lock_minutes(minutes) * 60

    def check_idle(self) -> None:
        now = self._clock()
        gap, self._last_check = now - self._last_check, now
        if self.locked:
            return
        if (
            abs(gap) > RESUME_GAP_SECONDS or now - self.last_activity >= self.timeout_seconds
        ):  # asleep (the timer does not run) or a clock change
            self.lock()

    @property
    def locked(self) -> bool:
        return self.database.locked

    # -- lock and unlock ----------------------------------------------------------------

    def lock(self) -> None:
        if self.locked:
            return
        w = self.window
        w.flush_typing()
        w.bridge.flush(LOCK_FLUSH_TIMEOUT)  # a failure keeps the text queued for after unlock
        case_id, session_id = w.current_ids()  # (None, None) if the list was never shown
        view = w.built_session_view  # never built: no session was opened, nothing to keep
        self._where = (case_id, session_id, view.current_page_index() if view is not None else 0)
        self.clipboard.clear_if_ours()
        # Open editors, search, previews show case content: close them, and empty what a
        # hidden one still holds (a screen reader reads hidden windows, and they reappear).
        for dialog in w.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
            forget_case_text(dialog)
        w.search.forget()
        w.close_session()
        w.home.clear()
        from supervision_app.ui.case_memory_panel import CaseMemoryPanel  # built with the pages

        for panel in w.findChildren(CaseMemoryPanel):
            panel.forget()
        for spelling in w.findChildren(SpellService):  # "my words" leave memory too
            spelling.forget()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the pages, now
        tree = w.built_case_tree
        if tree is not None:
            tree.populate([], {})
        overview = w.built_case_overview
        if overview is not None:
            overview.clear()
        w.setWindowTitle(window_title(w))  # (no case reference; the server and login stay)
        w.statusBar().clearMessage()  # ("PDF saved to <the case's file name>", say)
        w.menuBar().setEnabled(False)
        w.toolbar.setEnabled(False)
        w.central_stack.setCurrentWidget(self.panel)
        self.database.lock()
        self.panel.reset()

    def _attempt(self, credential: Credential) -> None:
        if self.server is None:
            self.database.unlock(credential)
            return
        try:
            self.database.unlock(credential)
        except DatabaseOpenError as exc:
            raise DatabaseOpenError(server_unlock_problem(self.server, str(exc))) from None

    def _after_unlock(self, credential: Credential) -> None:
        w = self.window
        w.menuBar().setEnabled(True)
        w.toolbar.setEnabled(True)
        self.last_activity = self._last_check = self._clock()
        case_id, session_id, stage = self._where
        w.reload_cases(select_case=case_id, select_session=session_id)
        if session_id is not None:
            w.session_view.go_to_page(stage)  # focus in the page, its title announced
        else:
            show_page(w.central_stack.currentWidget(), w.windowTitle())
        if isinstance(credential, RecoveryKey):
            from supervision_app.ui.startup import choose_new_passphrase

            choose_new_passphrase(self.database, w)


def server_unlock_problem(server: ServerInfo, message: str) -> str:
    """Why logging in to the server again failed, in plain words first (the window stays
    locked; nothing typed before the lock is lost: it was saved, or is still queued)."""
    low = message.lower()
    if "password was refused" in low or "password authentication failed" in low:
        lead = QCoreApplication.translate(
            "LockController", "The password for {login} was not accepted. Type it again."
        )
    elif "no password" in low:
        lead = QCoreApplication.translate(
            "LockController", "The server asks for the password of {login}."
        )
    else:
        lead = QCoreApplication.translate(
            "LockController",
            "The agency server could not be reached, so the window stays locked. Check your "
            "network and try again. ({detail})",
        )
    return lead.format(login=server.login, detail=message)


def forget_case_text(root: QWidget) -> None:
    """Empty every field, list and table under ``root`` (a dialog being closed by the lock):
    nothing it showed stays in memory or in the accessibility tree."""
    for edit in root.findChildren(QLineEdit):
        edit.clear()
    for text in root.findChildren(QPlainTextEdit):
        text.clear()
    for rich in root.findChildren(QTextEdit):
        rich.clear()
    for view in root.findChildren(QAbstractItemView):
        if isinstance(view, (QListWidget, QTreeWidget)):
            view.clear()
        elif isinstance(view, QTableWidget):
            view.clearContents()
            view.setRowCount(0)
