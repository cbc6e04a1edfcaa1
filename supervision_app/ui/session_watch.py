"""Lock when the operating system says the screen was locked or the machine is going to sleep.

* **Windows**: the main window registers for session notifications
  (``WTSRegisterSessionNotification``) and a native event filter watches for
  ``WM_WTSSESSION_CHANGE`` / ``WTS_SESSION_LOCK`` and for ``WM_POWERBROADCAST`` /
  ``PBT_APMSUSPEND`` (sent to every top-level window).  Plain ``ctypes``.
* **Linux**: D-Bus signals through QtDBus: logind's ``PrepareForSleep(true)`` and
  our session's ``Lock`` on the system bus, and the desktop's screen saver
  ``ActiveChanged(true)`` (``org.freedesktop.ScreenSaver``, ``org.gnome.ScreenSaver``)
  on the session bus.
* **macOS**: not watched (it needs NSWorkspace notifications through PyObjC).

Wherever nothing is reported, the wall-clock check of :mod:`.lock_controller`
still locks after a resume.  A signal from any sender may only *lock* the
window, never unlock it, so no sender check is needed.
"""

from __future__ import annotations

import ctypes
import os
import sys

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QObject, Signal, Slot

WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4
NOTIFY_FOR_THIS_SESSION = 0

#: (service, path, interface, signal, slot): "" as service matches any sender.
_SYSTEM_SIGNALS = (
    (
        "",
        "/org/freedesktop/login1",
        "org.freedesktop.login1.Manager",
        "PrepareForSleep",
        "on_active(bool)",
    ),
)
_SESSION_SIGNALS = (
    (
        "",
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
        "ActiveChanged",
        "on_active(bool)",
    ),
    ("", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", "on_active(bool)"),
)


class _Msg(ctypes.Structure):
    """The head of the Win32 ``MSG`` structure (the fields we read)."""

    _fields_ = [
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
    ]


def is_lock_message(message: int, wparam: int) -> bool:
    """True for the Win32 messages that mean "the session locked" or "going to sleep"."""
    return (message == WM_WTSSESSION_CHANGE and wparam == WTS_SESSION_LOCK) or (
        message == WM_POWERBROADCAST and wparam == PBT_APMSUSPEND
    )


class WindowsLockFilter(QAbstractNativeEventFilter):
    def __init__(self, watch: SessionWatch) -> None:
        super().__init__()
        self._watch = watch

    def nativeEventFilter(self, event_type, message):
        if bytes(event_type) == b"windows_generic_MSG" and message:
            msg = _Msg.from_address(int(message))
            if is_lock_message(msg.message, msg.wParam):
                self._watch.lock_requested.emit()
        return False, 0


class SessionWatch(QObject):
    """Emits :attr:`lock_requested` when the platform reports a screen lock or sleep."""

    lock_requested = Signal()

    def __init__(self, window, system_bus=None, session_bus=None) -> None:
        super().__init__(window)
        self.setObjectName("sessionWatch")
        #: What is being watched, for the docs and tests (e.g. "logind PrepareForSleep").
        self.sources: list[str] = []
        self._filter: WindowsLockFilter | None = None
        self._hwnd: int | None = None
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            self._watch_windows(window)
        elif system_bus is not None or session_bus is not None or sys.platform.startswith("linux"):
            self._watch_dbus(system_bus, session_bus)

    @Slot(bool)
    def on_active(self, active: bool) -> None:
        if active:
            self.lock_requested.emit()

    @Slot()
    def on_lock(self) -> None:
        self.lock_requested.emit()

    # -- Linux -------------------------------------------------------------------------

    def _watch_dbus(self, system_bus, session_bus) -> None:
        try:
            from PySide6.QtCore import SLOT
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return
        system = system_bus if system_bus is not None else QDBusConnection.systemBus()
        session = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        signals = [(system, s) for s in _SYSTEM_SIGNALS]
        session_path = _logind_session_path()
        if session_path:
            signals.append(
                (system, ("", session_path, "org.freedesktop.login1.Session", "Lock", "on_lock()"))
            )
        signals += [(session, s) for s in _SESSION_SIGNALS]
        for bus, (service, path, interface, name, slot) in signals:
            if bus.isConnected() and bus.connect(service, path, interface, name, self, SLOT(slot)):  # type: ignore[call-overload]  # SLOT() gives the str Qt expects
                self.sources.append(f"{interface}.{name}")

    # -- Windows -------------------------------------------------------------------------

    def _watch_windows(self, window) -> None:  # pragma: no cover - Windows only
        self._filter = WindowsLockFilter(self)
        app = QCoreApplication.instance()
        assert app is not None  # the window exists, so the application does
        app.installNativeEventFilter(self._filter)
        self.sources.append("WM_POWERBROADCAST")
        try:
            hwnd = int(window.winId())
            if ctypes.windll.wtsapi32.WTSRegisterSessionNotification(  # type: ignore[attr-defined]
                ctypes.c_void_p(hwnd), NOTIFY_FOR_THIS_SESSION
            ):
                self._hwnd = hwnd
                self.sources.append("WM_WTSSESSION_CHANGE")
                window.destroyed.connect(self._stop_windows)
        except (AttributeError, OSError):
            pass

    def _stop_windows(self) -> None:  # pragma: no cover - Windows only
        if self._hwnd is not None:
            ctypes.windll.wtsapi32.WTSUnRegisterSessionNotification(ctypes.c_void_p(self._hwnd))  # type: ignore[attr-defined]
            self._hwnd = None
        app = QCoreApplication.instance()
        if self._filter is not None and app is not None:
            app.removeNativeEventFilter(self._filter)


def _logind_session_path() -> str:
    """Our logind session's object path, from ``XDG_SESSION_ID`` (escaped as sd-bus does)."""
    session_id = os.environ.get("XDG_SESSION_ID", "")
    if not session_id:
        return ""
    escaped = "".join(
        ch if ch.isascii() and ch.isalnum() and not (i == 0 and ch.isdigit()) else f"_{ord(ch):02x}"
        for i, ch in enumerate(session_id)
    )
    return f"/org/freedesktop/login1/session/{escaped}"
