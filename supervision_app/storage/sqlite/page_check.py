"""The full page check of an unlocked file, run beside the window instead of before it.

SQLite's ``integrity_check`` and SQLCipher's ``cipher_integrity_check`` read every page
(about 1.5 s per 100 MB here: 200 ms on a 23 MB file). For a file of up to
:data:`.backend.FULL_CHECK_MAX_BYTES` that was closed cleanly, opening no longer waits for it:
:class:`PageCheck` runs it on its own read-only connection on a background thread, started as
the file is unlocked, while the window is built and painted. Its protection is kept by the
backend (:class:`.backend.SqliteBackend`): the engine, the only way anything is written to the
file (and the only way the ORM reads it), is not handed out until the check has passed, so
nothing is written to a damaged file; the window is told of damage (:meth:`when_done`) and says
what to do. The first screen is read without the engine, with checked reads of its own
(:mod:`.first_paint`: every page read is checked by its HMAC). After an unclean end, or before
a schema upgrade, the check still runs before opening returns (docs/security.md).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from supervision_app.storage.sqlite import cipher


class PageCheck:
    """The full check of ``path`` under ``data_key``, running on its own thread from the
    moment it is made. Never writes: its connection is read-only."""

    def __init__(self, path: Path, data_key: bytes) -> None:
        self.path = path
        self._key = data_key
        self._file = _identity(path)  # the file checked (a restore swaps in another one)
        self._guard = threading.Lock()
        self._finished = threading.Event()
        self._conn: cipher.Connection | None = None
        self._cancelled = False
        self._damage: list[str] = []
        self._listeners: list[Callable[[list[str]], None]] = []
        self._thread = threading.Thread(target=self._run, name="page-check", daemon=True)
        self._thread.start()

    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def result(self) -> list[str]:
        """The problems found (empty when the file is whole), waiting for the check to end."""
        self._finished.wait()
        return list(self._damage)

    def concerns_the_file_at_path(self) -> bool:
        """Whether the file now at the path is the one checked (not a restored backup, which
        was checked before it was put in place)."""
        return _identity(self.path) == self._file

    def when_done(self, listener: Callable[[list[str]], None]) -> None:
        """Call ``listener(problems)`` once the check has ended: on the check's thread, or at
        once if it has ended already. Not called when the check is cancelled."""
        with self._guard:
            if not self._finished.is_set():
                self._listeners.append(listener)
                return
        if not self._cancelled:
            listener(list(self._damage))

    def cancel(self) -> None:
        """Stop the check (the database is being closed or locked) and wait for its thread."""
        with self._guard:
            self._cancelled = True
            if self._conn is not None:
                self._conn.interrupt()
        self._thread.join()

    def _run(self) -> None:
        _lower_priority()
        damage: list[str]
        try:
            conn = cipher.connect(str(self.path), self._key, read_only=True)
        except cipher.Error as exc:
            damage = [str(exc)]
        else:
            with self._guard:
                self._conn = conn
            try:
                damage = [] if self._cancelled else cipher.check_integrity(conn)
            finally:
                with self._guard:
                    self._conn = None
                conn.close()
        with self._guard:
            self._damage = [] if self._cancelled else damage
            self._finished.set()
            listeners, self._listeners = self._listeners, []
        if not self._cancelled:
            for listener in listeners:
                listener(list(damage))


def describe_damage(problems: list[str]) -> str:
    """The first problem SQLite reported, on one short line, and how many more there are
    (``integrity_check`` can report hundreds of lines for one bad page)."""
    lines = [
        line.strip()
        for problem in problems
        for line in problem.splitlines()
        if line.strip() and not line.startswith("***")
    ]
    if not lines:
        return "the integrity check failed"
    first = lines[0] if len(lines[0]) <= 120 else lines[0][:117] + "..."
    more = len(lines) - 1
    return first + (f"; {more} more problem{'s' if more != 1 else ''}" if more else "")


def _lower_priority() -> None:
    """On Linux, where each thread has its own nice value, the check yields the CPU to the
    window being built and painted when both want it (on a busy machine); it then ends a
    little later, and a save waits for it. Elsewhere the call would renice the whole process
    (or another one), so it is not made."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino
