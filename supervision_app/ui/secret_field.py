"""A line edit for passphrases, recovery keys and PDF passwords whose characters never reach
the accessibility layer.

Qt's own password field keeps the real text in the widget and, while typing, sends each
inserted character to the screen reader (over AT-SPI, UI Automation): Orca read a passphrase
aloud letter by letter, in a room where the other person can hear it. Here the widget itself
only ever holds one mask character per character typed; the real text lives in this object
and is read with :meth:`text` from Python. Everything Qt can send (insert, update and value
events, the accessible text and value) carries mask characters only."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMenu, QWidget

from supervision_app.ui import qt_namespace

MASK = "\u25cf"  # ●, what Qt's password echo shows

# Keys that delete with Qt's own handling (the deletion is mirrored in the real text).
_DELETIONS = (
    QKeySequence.StandardKey.Delete,
    QKeySequence.StandardKey.Backspace,
    QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.DeleteEndOfWord,
    QKeySequence.StandardKey.DeleteEndOfLine,
    QKeySequence.StandardKey.DeleteCompleteLine,
)
_IGNORED = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
)


class SecretField(QLineEdit):
    """A password-echo line edit whose Qt-side text is mask characters only.

    ``text()``, ``setText()`` and ``clear()`` work on the real text (from Python); typing,
    pasting, deleting and selecting work as in any field. Copy, cut, undo and drag-and-drop
    are off, as in Qt's password mode."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._secret = ""
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setAcceptDrops(False)
        self.setDragEnabled(False)
        qt_namespace.secret_input(self)  # the unlock dialog has one (ui/qt_namespace.py)
        if text:
            self.setText(text)

    # -- the real text (Python callers only: Qt never sees it) ----------------------------

    def text(self) -> str:
        return self._secret

    def setText(self, text: str) -> None:  # type: ignore[override]
        self._secret = text
        super().setText(MASK * len(text))

    def clear(self) -> None:
        self._secret = ""
        super().clear()

    def masked_text(self) -> str:
        """What Qt (and so the accessibility layer) holds: one mask per character."""
        return QLineEdit.text(self)

    # -- editing -------------------------------------------------------------------------

    def insert_text(self, text: str) -> None:
        """Insert ``text`` at the cursor (over the selection), as typing or pasting does."""
        text = "".join(ch for ch in text if ch not in "\r\n")
        if not text or self.isReadOnly():
            return
        if self.hasSelectedText():
            start, length = self.selectionStart(), len(self.selectedText())
        else:
            start, length = self.cursorPosition(), 0
        self._secret = self._secret[:start] + text + self._secret[start + length :]
        super().insert(MASK * len(text))
        self._check()

    def keyPressEvent(self, event) -> None:
        from PySide6.QtCore import Qt  # not at import: the unlock dialog has this field

        if event.matches(QKeySequence.StandardKey.Paste):
            self.insert_text(QGuiApplication.clipboard().text())
            event.accept()
            return
        if any(event.matches(key) for key in _IGNORED):
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) or any(
            event.matches(key) for key in _DELETIONS
        ):
            self._qt_edit(lambda: super(SecretField, self).keyPressEvent(event))
            return
        typed = event.text()
        control = event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
        )
        altgr = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if typed and typed.isprintable() and (not control or altgr):
            self.insert_text(typed)
            event.accept()
            return
        # Moving, selecting, Return, Escape (signals as usual: Return must reach its slot);
        # a platform's own deleting key is still mirrored.
        self._qt_edit(lambda: super(SecretField, self).keyPressEvent(event), block=False)

    def inputMethodEvent(self, event) -> None:
        # Composed text is committed as typed; the preview of a composition is never shown.
        if event.commitString():
            self.insert_text(event.commitString())
        event.accept()

    def contextMenuEvent(self, event) -> None:
        menu = QMenu(self)
        paste = menu.addAction(self.tr("Paste"))
        paste.setEnabled(bool(QGuiApplication.clipboard().text()) and not self.isReadOnly())
        paste.triggered.connect(lambda: self.insert_text(QGuiApplication.clipboard().text()))
        clear = menu.addAction(self.tr("Clear"))
        clear.setEnabled(bool(self._secret) and not self.isReadOnly())
        clear.triggered.connect(self._clear_typed)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _clear_typed(self) -> None:
        self.selectAll()
        self._qt_edit(lambda: super(SecretField, self).del_())

    def _qt_edit(self, edit, *, block: bool = True) -> None:
        """Let Qt move or delete among the masks, then remove the same characters from the
        real text. With ``block``, signals wait until both agree."""
        before = QLineEdit.text(self)
        selected = self.hasSelectedText()
        start = self.selectionStart()
        blocked = self.blockSignals(True) if block else self.signalsBlocked()
        try:
            edit()
        finally:
            self.blockSignals(blocked)
        after = QLineEdit.text(self)
        if after == before:
            return
        removed = len(before) - len(after)
        if removed > 0 and MASK * len(after) == after:
            at = start if selected else self.cursorPosition()
            self._secret = self._secret[:at] + self._secret[at + removed :]
        self._check()
        after = QLineEdit.text(self)
        self.textEdited.emit(after)
        self.textChanged.emit(after)

    def _check(self) -> None:
        """Never let the real text and the masks disagree: start again if they do."""
        if len(self._secret) != len(QLineEdit.text(self)):
            self._secret = ""
            super().clear()
