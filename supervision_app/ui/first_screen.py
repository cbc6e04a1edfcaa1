"""What start-up does once its first screen (the unlock dialog, or the first run's passphrase)
has been painted: load the practice content, then import the window's modules.

Before, the command line loaded the content (the domain model, the TOML parser, the content
files) before anything was shown. Now the first screen appears first, and the content loads
on the GUI thread in the first moment after its paint, while the user starts typing (key
presses wait in Qt's queue meanwhile; none is lost). A content file that cannot be read
still stops the start with the same message naming the file and the field: the first screen
is closed and the message shown (:class:`PracticeContent`, ``ui/app.py:run_gui``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from supervision_app.content import Content


class ContentUnavailable(Exception):
    """The practice content could not be loaded; the message names the file and the field."""


class PracticeContent:
    """The practice content, given or loaded once (at the latest when it is asked for)."""

    def __init__(self, content: Content | Callable[[], Content]) -> None:
        self._load = content if callable(content) else None
        self._content: Content | None = None if callable(content) else content
        self.error: str | None = None

    def load(self) -> None:
        """Load it now if it is not loaded yet; a failure is kept in :attr:`error`."""
        if self._load is None:
            return
        load, self._load = self._load, None
        from supervision_app.content import ContentError

        try:
            self._content = load()
        except ContentError as exc:
            self.error = str(exc)

    def result(self) -> Content:
        """The content (loaded now if need be); raises :class:`ContentUnavailable`."""
        self.load()
        if self._content is None:
            raise ContentUnavailable(self.error or "")
        return self._content


def after_first_paint(content: PracticeContent) -> None:
    """Load the content; if it cannot be loaded, close the first screen (start-up then shows
    why); otherwise import the window's modules in the background while the user types.
    The wheel guard is installed here too: the dialogs that may follow (the recovery key's)
    and the window get it from the start."""
    from supervision_app.ui.wheel_guard import install_wheel_guard

    install_wheel_guard()
    content.load()
    if content.error is not None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and hasattr(dialog, "reject"):
            dialog.reject()
        return
    preload_window_modules()


def preload_window_modules() -> None:
    """Import what unlocking and the main window need on a background thread while the first
    screen waits for the passphrase, so that the window is built sooner after Unlock. Only
    imports (no widgets are made off the GUI thread); if one fails, the GUI thread's own
    import reports it. One thread, in order, so no two threads import the same modules.
    PySide6's Qt namespace, which those modules name, is made here first, on the GUI thread
    (``ui/qt_namespace.py``): PySide6 makes it once, on one thread."""
    from supervision_app.ui import qt_namespace

    qt_namespace.make()

    def preload() -> None:
        try:
            import supervision_app.storage.sqlite.backend  # SQLCipher
            import supervision_app.storage.store  # SQLAlchemy and the ORM models
            import supervision_app.ui.lock_controller
            import supervision_app.ui.main_window
            import supervision_app.ui.security_menu  # noqa: F401
        except Exception:  # the main thread's import will report it
            return

    threading.Thread(target=preload, name="preload-window", daemon=True).start()
