"""One app instance per database: an OS lock on ``<db>.lock``, held while it is open.

The operating system releases the lock when the process ends, however it
ends (a crash or SIGKILL included), so a stale lock never blocks the user.
The CLI and the window both go through :func:`.backend.open_database`, so
both respect it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

LOCK_SUFFIX = ".lock"


class InstanceLockedError(Exception):
    pass


def lock_path(db_path: Path) -> Path:
    """The lock file beside ``db_path``."""
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def held_elsewhere(db_path: Path) -> bool:
    """True when the lock of ``db_path`` is held: another window of the app (or a command)
    has the database open. A probe: the lock is taken for an instant and given back before
    this returns, so the real open that follows takes it as usual. No lock file (the
    database has never been opened) or one that cannot be opened counts as not held: the
    real open then reports whatever is wrong."""
    try:
        fd = os.open(lock_path(db_path), os.O_RDWR)
    except OSError:
        return False
    try:
        try:
            _lock(fd)
        except OSError:
            return True
        _unlock(fd)
        return False
    finally:
        # flock (and msvcrt) locks belong to one open file: closing this one leaves a lock
        # held through another open of the file (this process's own included) as it was.
        # POSIX record locks (fcntl.lockf) would not: every close drops them.
        os.close(fd)


class InstanceLock:
    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self._fd: int | None = None
        #: Set by :meth:`acquire`: the last process that held the lock did not release it
        #: (it crashed, was killed, or lost power), so the file deserves a full check.
        self.previous_unclean = False

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            holder = _read_pid(fd)
            os.close(fd)
            who = f" (process {holder})" if holder else ""
            raise InstanceLockedError(
                f"This database is already open in another window of the app{who}. "
                "Switch to that window, or close it and try again. Nothing has been changed."
            ) from None
        self.previous_unclean = bool(_read_pid(fd))  # release() empties the file
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # closing releases the lock; the empty file stays (harmless)


def _read_pid(fd: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        os.lseek(fd, 0, os.SEEK_SET)
        return str(int(os.read(fd, 32).decode("ascii").strip()))
    return ""


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:  # the same byte; closing alone may leave it locked a while
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
