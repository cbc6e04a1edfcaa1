"""Locking on resume from sleep (an injected wall clock) and on the platform's lock signals."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QByteArray

from supervision_app.ui.lock_controller import CHECK_INTERVAL_MS, RESUME_GAP_SECONDS
from supervision_app.ui.session_watch import (
    PBT_APMSUSPEND,
    WM_POWERBROADCAST,
    WM_WTSSESSION_CHANGE,
    WTS_SESSION_LOCK,
    SessionWatch,
    WindowsLockFilter,
    _logind_session_path,
    _Msg,
)
from tests.ui.test_gui_security import unlocked  # noqa: F401  (the fixture)


def fake_clock(controller) -> list[float]:
    now = [50_000.0]
    controller._clock = lambda: now[0]
    controller.last_activity = controller._last_check = now[0]
    return now


def test_a_wall_clock_jump_is_a_resume_and_locks(qtbot, unlocked) -> None:  # noqa: F811
    window, _database, _session_id = unlocked
    controller = window.lock_controller
    now = fake_clock(controller)
    step = CHECK_INTERVAL_MS / 1000
    for _tick in range(5):  # the timer runs while the user types
        now[0] += step
        controller.last_activity = now[0]
        controller.check_idle()
    now[0] += step * 3  # a busy moment delays a few checks: still no lock
    controller.check_idle()
    assert not controller.locked
    now[0] += RESUME_GAP_SECONDS + 1  # the laptop slept for a minute: far less than the timeout
    assert controller.timeout_seconds > RESUME_GAP_SECONDS + 1
    controller.check_idle()
    assert controller.locked


def test_unlocking_starts_the_clock_again(qtbot, unlocked) -> None:  # noqa: F811
    from tests.helpers import TEST_PASSPHRASE

    window, _database, _session_id = unlocked
    controller = window.lock_controller
    now = fake_clock(controller)
    now[0] += 3600  # locked for an hour
    controller.check_idle()
    assert controller.locked
    controller.panel.field.setText(TEST_PASSPHRASE)
    controller.panel.try_unlock()
    assert not controller.locked
    now[0] += CHECK_INTERVAL_MS / 1000
    controller.check_idle()
    assert not controller.locked


@pytest.mark.parametrize(
    ("message", "wparam", "locks"),
    [
        (WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, True),
        (WM_POWERBROADCAST, PBT_APMSUSPEND, True),
        (WM_WTSSESSION_CHANGE, 0x8, False),  # WTS_SESSION_UNLOCK
        (WM_POWERBROADCAST, 0x12, False),  # PBT_APMRESUMEAUTOMATIC (the clock check covers it)
        (0x0100, WTS_SESSION_LOCK, False),  # WM_KEYDOWN
    ],
)
def test_the_windows_filter_reads_lock_and_suspend_messages(
    qtbot, message: int, wparam: int, locks: bool
) -> None:
    watch = SessionWatch(None, system_bus=_NoBus(), session_bus=_NoBus())
    seen: list[bool] = []
    watch.lock_requested.connect(lambda: seen.append(True))
    native = WindowsLockFilter(watch)
    msg = _Msg(None, message, wparam, 0)
    result = native.nativeEventFilter(QByteArray(b"windows_generic_MSG"), ctypes.addressof(msg))
    assert result == (False, 0)  # never swallows the message
    assert seen == ([True] if locks else [])
    native.nativeEventFilter(QByteArray(b"xcb_generic_event_t"), ctypes.addressof(msg))
    assert len(seen) == (1 if locks else 0)


class _NoBus:
    def isConnected(self) -> bool:
        return False


def test_the_logind_session_path_is_escaped_like_sd_bus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_SESSION_ID", "2")
    assert _logind_session_path() == "/org/freedesktop/login1/session/_32"
    monkeypatch.setenv("XDG_SESSION_ID", "c1")
    assert _logind_session_path() == "/org/freedesktop/login1/session/c1"
    monkeypatch.delenv("XDG_SESSION_ID")
    assert _logind_session_path() == ""


@pytest.fixture
def private_bus() -> Iterator[str]:
    """A D-Bus daemon of our own (stands for both the system and the session bus)."""
    if not shutil.which("dbus-daemon") or not shutil.which("dbus-send"):
        pytest.skip("dbus-daemon is not installed")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield daemon.stdout.readline().strip()
    finally:
        daemon.terminate()
        daemon.wait(10)


@pytest.mark.parametrize(
    ("path", "member", "argument"),
    [
        ("/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep", True),
        ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", True),
        ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver.ActiveChanged", True),
        ("/org/freedesktop/login1/session/_32", "org.freedesktop.login1.Session.Lock", None),
        ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", False),
    ],
)
def test_dbus_signals_lock_the_window(
    qtbot,
    unlocked,  # noqa: F811
    private_bus: str,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    member: str,
    argument: bool | None,
) -> None:
    from PySide6.QtDBus import QDBusConnection

    window, _database, _session_id = unlocked
    controller = window.lock_controller
    monkeypatch.setenv("XDG_SESSION_ID", "2")
    bus = QDBusConnection.connectToBus(private_bus, f"test-{member}-{argument}")
    assert bus.isConnected()
    watch = SessionWatch(window, system_bus=bus, session_bus=bus)
    assert len(watch.sources) == 4
    watch.lock_requested.connect(controller.lock)
    args = [] if argument is None else [f"boolean:{str(argument).lower()}"]
    subprocess.run(
        ["dbus-send", f"--bus={private_bus}", "--type=signal", path, member, *args], check=True
    )
    if argument is False:  # the screen saver went away: nothing to do
        qtbot.wait(300)
        assert not controller.locked
    else:
        qtbot.waitUntil(lambda: controller.locked, timeout=5000)
    QDBusConnection.disconnectFromBus(f"test-{member}-{argument}")


def test_the_platform_lock_signals_are_watched_from_the_first_paint_on(
    qtbot, db_path, content
) -> None:
    """The session watch starts once the window has been painted (not before, where it cost
    5-10 ms of the first paint), and a lock signal from it then locks the window."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from supervision_app.ui.app import build_window
    from tests.helpers import open_db

    database = open_db(db_path)
    window = build_window(database, content)
    controller = window.lock_controller
    try:
        assert controller.session_watch is None
        with qtbot.waitSignal(window.first_painted, timeout=10_000):
            window.show()
        watch = controller.session_watch
        assert watch is not None and watch.parent() is window
        watch.lock_requested.emit()
        assert controller.locked
    finally:
        window.close()
        database.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
