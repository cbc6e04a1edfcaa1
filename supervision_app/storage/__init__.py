"""Local storage: SQLite through SQLAlchemy 2. Opened only by :mod:`.database`."""

from __future__ import annotations

from supervision_app.storage.database import (
    Database,
    DatabaseOpenError,
    NewerDatabaseError,
    NotOurDatabaseError,
    open_database,
)
from supervision_app.storage.store import NotFoundError, SupervisionStore

__all__ = [
    "Database",
    "DatabaseOpenError",
    "NewerDatabaseError",
    "NotFoundError",
    "NotOurDatabaseError",
    "SupervisionStore",
    "open_database",
]
