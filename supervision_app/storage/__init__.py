"""Local storage: SQLCipher (encrypted SQLite) through SQLAlchemy 2. Opened only by :mod:`.database`."""

from __future__ import annotations

from supervision_app.storage.database import (
    Database,
    DatabaseInUseError,
    DatabaseKind,
    DatabaseLockedError,
    DatabaseOpenError,
    NewerDatabaseError,
    NotOurDatabaseError,
    UnlockError,
    inspect_database,
    open_database,
)
from supervision_app.storage.keys import KeyRing, Passphrase, RecoveryKey
from supervision_app.storage.store import NotFoundError, SupervisionStore

__all__ = [
    "Database",
    "DatabaseInUseError",
    "DatabaseKind",
    "DatabaseLockedError",
    "DatabaseOpenError",
    "KeyRing",
    "NewerDatabaseError",
    "NotFoundError",
    "NotOurDatabaseError",
    "Passphrase",
    "RecoveryKey",
    "SupervisionStore",
    "UnlockError",
    "inspect_database",
    "open_database",
]
