"""The one connection kept checked out for the autosave's quick path.

Taking a connection from the pool for every save costs more than the save's UPDATE (the
pool's bookkeeping, its reset on return, on the server a ping).  The autosave writes through
one connection instead, taken at its first save and kept until the backend closes its
connections (lock, close, a key change or a file swap): the backend calls :meth:`close`, so
the key or the login leaves memory with the rest.  A connection from an engine the backend has
since replaced is never used, and one that failed is dropped, so the retry gets a new one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sqlalchemy import Engine, PoolProxiedConnection

T = TypeVar("T")


class HeldConnection:
    """A pooled DB-API connection held across saves; one user at a time (a lock)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pooled: PoolProxiedConnection | None = None
        self._engine: Engine | None = None

    def run(self, engine: Engine, work: Callable[[Any], T]) -> T:
        """``work(driver_connection)`` on the held connection of ``engine`` (taken if need be).
        An error drops the connection (a half-done transaction is never reused)."""
        with self._lock:
            if self._pooled is None or self._engine is not engine:
                self._drop()
                self._pooled = engine.raw_connection()
                self._engine = engine
            try:
                return work(self._pooled.driver_connection)
            except BaseException:
                self._drop()
                raise

    def close(self) -> None:
        """Close the held connection (waits for a save in progress on it)."""
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        pooled, self._pooled, self._engine = self._pooled, None, None
        if pooled is not None:
            pooled.invalidate()  # closed now, not returned to a pool that may be gone
