"""Telling the user when the full page check, run beside the window after unlock, finds damage.

The check (``storage/sqlite/page_check.py``) runs on its own thread while the window is built
and painted; until it has passed, nothing is written to the file (the backend holds back its
engine). If it finds damage, the window says so at once, with what to do: the text on screen
stays there to be copied, and the file is restored from a backup.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from supervision_app.storage import Database


def _pending_check(database: Database):
    from supervision_app.storage.sqlite.backend import SqliteBackend

    backend = database.backend
    if isinstance(backend, SqliteBackend) and backend.page_check is not None:
        return backend
    return None


def damage_found(database: Database) -> str | None:
    """The message for damage the page check found (waiting for it), else None."""
    backend = _pending_check(database)
    if backend is None or backend.page_check is None:
        return None
    problems = backend.page_check.result()
    return backend.damage_message(problems) if problems else None


def show_damage(parent: QWidget | None, message: str) -> None:
    box = QMessageBox(parent)
    box.setObjectName("damagedDatabase")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("PageCheck", "The database is damaged"))
    box.setText(QCoreApplication.translate("PageCheck", "The database file is damaged."))
    box.setInformativeText(message)
    box.exec()


class PageCheckNotice(QObject):
    """Shows the damage message over ``window`` when the running page check finds damage."""

    damaged = Signal(str)

    def __init__(self, window: QWidget, database: Database) -> None:
        super().__init__(window)
        self._window = window
        # Queued: emitted on the check's thread, or here if the check has ended already; the
        # message then comes once the window is shown, over it.
        self.damaged.connect(self._show, Qt.ConnectionType.QueuedConnection)
        backend = _pending_check(database)
        if backend is not None and backend.page_check is not None:
            backend.page_check.when_done(lambda problems: self._found(backend, problems))

    def _found(self, backend, problems: list[str]) -> None:
        if problems:
            with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
                self.damaged.emit(backend.damage_message(problems))

    def _show(self, message: str) -> None:
        from supervision_app.ui.error_report import current

        errors = current()  # the window's error report, so that a read failing on the same
        if errors is not None:  # damage a moment later does not say it all again
            errors.show(message, damaged=True)
        else:
            show_damage(self._window, message)
