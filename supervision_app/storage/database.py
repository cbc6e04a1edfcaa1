"""An open database as the portable storage code sees it: units of work, and nothing else.

Every store component receives a :class:`Database` and asks it for ORM sessions; it does
not know which engine is underneath, or that the laptop's file is encrypted.  The engine's
own work (opening, keys, locking, the upkeep after a delete) is its :class:`.Backend`'s:
``storage/sqlite/`` for the encrypted file.  Importing this module does not import
SQLAlchemy (the unlock dialog appears before it loads).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supervision_app.storage.backend import Backend

if TYPE_CHECKING:
    from sqlalchemy import Engine, PoolProxiedConnection
    from sqlalchemy.orm import Session, sessionmaker

    from supervision_app.storage.keys import Credential


class Database:
    """An open, unlocked database: sessions from its backend's engine."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._factory: sessionmaker[Session] | None = None

    @property
    def _sessions(self) -> sessionmaker[Session]:
        """The session factory, made at the first unit of work (SQLAlchemy's ORM loads then,
        not when the database is opened: the first screen is read without it)."""
        if self._factory is None:
            from sqlalchemy import event
            from sqlalchemy.orm import sessionmaker

            factory: sessionmaker[Session] = sessionmaker(expire_on_commit=False)
            event.listen(factory, "after_flush", _note_deletes)
            self._factory = factory
        return self._factory

    @property
    def path(self) -> Path:
        return self.backend.path

    @property
    def engine(self) -> Engine:
        return self.backend.engine

    @property
    def new_recovery_key(self) -> str | None:
        """The recovery key generated when this database was created, to show once; else None."""
        return self.backend.new_recovery_key

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on error."""
        with self._sessions(bind=self.backend.engine) as session:
            with session.begin():
                yield session
            if session.info.pop("deleted", False):
                self.backend.after_delete()

    def read(self) -> Session:
        return self._sessions(bind=self.backend.engine)

    def raw_connection(self) -> PoolProxiedConnection:
        """A DB-API connection from the pool (for the autosave's quick path and checks)."""
        return self.backend.engine.raw_connection()

    # -- locking: the secret leaves memory (as far as Python allows) and connections close --

    def found_damage(self) -> str | None:
        """What to tell the user when the file has been found damaged since it was opened
        (it is then only read); None otherwise."""
        return self.backend.found_damage()

    @property
    def locked(self) -> bool:
        return self.backend.locked

    def lock(self) -> None:
        """Close every connection and forget the key. Sessions fail until :meth:`unlock`."""
        self.backend.lock()

    def unlock(self, credential: Credential) -> None:
        """Unlock again with the passphrase or recovery key; raises ``UnlockError``."""
        self.backend.unlock(credential)

    def close(self) -> None:
        self.backend.close()


def _note_deletes(session: Session, _context: Any) -> None:
    if session.deleted:
        session.info["deleted"] = True


__all__ = ["Database"]
