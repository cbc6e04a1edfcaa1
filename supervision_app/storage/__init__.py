"""Storage through SQLAlchemy 2: portable store components over a backend boundary
(:mod:`.backend`); the encrypted SQLite file (SQLCipher) is opened only by :mod:`.sqlite.backend`.

The names below are imported on first use (PEP 562), so that the unlock dialog,
which needs only the exceptions and the credentials, appears without waiting
for SQLAlchemy; :class:`SupervisionStore` and the ORM load when first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supervision_app.lazy_names import lazy_names

if TYPE_CHECKING:
    from supervision_app.storage.credentials import Passphrase, RecoveryKey
    from supervision_app.storage.database import Database
    from supervision_app.storage.identity import (
        DatabaseInUseError,
        DatabaseLockedError,
        DatabaseOpenError,
        NewerDatabaseError,
        NotOurDatabaseError,
        UnlockError,
    )
    from supervision_app.storage.keys import KeyRing
    from supervision_app.storage.loading import NotFoundError
    from supervision_app.storage.sqlite.backend import open_database
    from supervision_app.storage.sqlite.kind import DatabaseKind, inspect_database
    from supervision_app.storage.store import SupervisionStore

_WHERE = {
    "Database": "database",
    "DatabaseInUseError": "identity",
    "DatabaseKind": "sqlite.kind",
    "DatabaseLockedError": "identity",
    "DatabaseOpenError": "identity",
    "NewerDatabaseError": "identity",
    "NotOurDatabaseError": "identity",
    "UnlockError": "identity",
    "inspect_database": "sqlite.kind",
    "open_database": "sqlite.backend",
    "KeyRing": "keys",
    "Passphrase": "credentials",
    "RecoveryKey": "credentials",
    "NotFoundError": "loading",
    "SupervisionStore": "store",
}


__getattr__ = lazy_names(__name__, _WHERE, globals())


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
