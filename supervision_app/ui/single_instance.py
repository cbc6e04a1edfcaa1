"""A second start on the same database brings the first window to the front.

The instance that holds the database lock listens on a local socket (a Unix
socket or a Windows named pipe, current user only) named after a hash of the
user and the database path, so the name says nothing about the records.  A
second start asks it to come to the front and then exits; it never opens the
database.  The only message is the constant ``raise``; no note text is ever sent.
Where nothing answers (the first holder is a command-line run, say), the
second start is refused with the usual message by the database lock.

A start asks only when the database lock is held (a probe of the lock file), so the
everyday start, with no other window, loads no QtNetwork before its first screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from supervision_app.storage.sqlite.instance_lock import held_elsewhere

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

_REQUEST, _ANSWER = b"raise\n", b"ok\n"
TIMEOUT_MS = 1500


def server_name(db_path: Path) -> str:
    import getpass
    import hashlib  # OpenSSL's: only when there is a server to name

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    key = f"{user}\n{Path(db_path).resolve()}".encode()
    return "supervision-app-" + hashlib.sha256(key).hexdigest()[:24]


def bring_first_instance_forward(db_path: Path) -> bool:
    """True when another window of the app has this database open and came to the front."""
    if not held_elsewhere(db_path):  # nothing has it open: there is nobody to ask
        return False
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    try:
        socket.write(_REQUEST)
        socket.waitForBytesWritten(TIMEOUT_MS)
        answer = b""
        while _ANSWER not in answer and socket.waitForReadyRead(TIMEOUT_MS):
            answer += bytes(socket.readAll().data())
        return _ANSWER in answer
    finally:
        socket.abort()


class InstanceServer(QObject):
    """Listens for a second start and brings ``window`` to the front."""

    def __init__(self, window, db_path: Path) -> None:
        super().__init__(window)
        self.setObjectName("instanceServer")
        from PySide6.QtNetwork import QLocalServer

        self._window = window
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(db_path)
        # We hold the database lock, so a socket left under this name is stale.
        QLocalServer.removeServer(name)
        self.listening = self.server.listen(name)
        self.server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._answer(s))
            socket.disconnected.connect(socket.deleteLater)

    def _answer(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(_REQUEST.strip()):
            self.bring_to_front()
            socket.write(_ANSWER)
            socket.flush()
        socket.disconnectFromServer()

    def bring_to_front(self) -> None:
        from PySide6.QtCore import Qt  # here: this module is imported before the first screen

        window = self._window
        if window.isMinimized():
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()
