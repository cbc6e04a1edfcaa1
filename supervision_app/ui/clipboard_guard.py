"""Text copied out of the app is marked sensitive and does not linger on the clipboard.

When the clipboard changes because of a copy in this app, the text is put back
with the markers clipboard managers honour (KDE/Klipper and others:
``x-kde-passwordManagerHint=secret``; Windows clipboard history and cloud
clipboard: ``ExcludeClipboardContentFromMonitorProcessing``).  It is cleared
after :data:`CLEAR_AFTER_MS`, on lock and on quit, if it still holds our text.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import QApplication

CLEAR_AFTER_MS = 60_000
KDE_HINT = "x-kde-passwordManagerHint"
WINDOWS_EXCLUDE = (
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"'
)


class ClipboardGuard(QObject):
    def __init__(self, clipboard: QClipboard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clipboardGuard")
        self._clipboard = clipboard
        self._ours: str | None = None
        self._replacing = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CLEAR_AFTER_MS)
        self.timer.timeout.connect(self.clear_if_ours)
        clipboard.dataChanged.connect(self._on_changed)

    def _on_changed(self) -> None:
        if self._replacing:
            return
        mime = self._clipboard.mimeData()
        text = mime.text() if mime is not None else ""
        from_us = self._clipboard.ownsClipboard() or QApplication.focusWidget() is not None
        if not text or not from_us or mime.hasFormat(KDE_HINT):
            if text != self._ours:
                self._ours = None  # someone else's copy now: never clear it
            return
        marked = QMimeData()
        marked.setText(text)
        marked.setData(KDE_HINT, b"secret")
        marked.setData(WINDOWS_EXCLUDE, b"\x01\x00\x00\x00")
        self._replacing = True
        try:
            self._clipboard.setMimeData(marked)
        finally:
            self._replacing = False
        self._ours = text
        self.timer.start()

    def holds_our_text(self) -> bool:
        return self._ours is not None and self._clipboard.text() == self._ours

    def clear_if_ours(self) -> None:
        if self.holds_our_text():
            self._replacing = True
            try:
                self._clipboard.clear()
                if self._clipboard.text() == self._ours:  # some platforms keep it: overwrite
                    self._clipboard.setText("")
            finally:
                self._replacing = False
        self._ours = None
        self.timer.stop()


APP_GUARD_NAME = "appClipboardGuard"


def app_clipboard_guard() -> ClipboardGuard:
    """A guard that lives as long as the application, for copies made where no window's
    guard is running yet (the recovery key at the first run) or after their dialog closes.
    It clears our text when the application quits, too."""
    app = QApplication.instance()
    assert app is not None, "the guard needs the application"
    existing = app.findChild(ClipboardGuard, APP_GUARD_NAME)
    if existing is not None:
        return existing
    guard = ClipboardGuard(QApplication.clipboard(), app)
    guard.setObjectName(APP_GUARD_NAME)
    app.aboutToQuit.connect(guard.clear_if_ours)
    return guard
