"""What makes a database ours, and the errors of opening one: the bottom of storage.

Imported by every backend and by the unlock dialog before SQLAlchemy loads, so it imports
nothing of the app's own and nothing heavy.  Every message here is fit to show the user.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

APPLICATION_ID = "supervision_app"
SCHEMA_VERSION = 9


class DatabaseOpenError(Exception):
    """The database cannot be used. The message says why and what to do."""


class NotOurDatabaseError(DatabaseOpenError):
    pass


class NewerDatabaseError(DatabaseOpenError):
    pass


class DatabaseInUseError(DatabaseOpenError):
    pass


class DatabaseLockedError(DatabaseOpenError):
    """The app is locked; nothing can be read or written until it is unlocked."""


class UnlockError(DatabaseOpenError):
    """Wrong passphrase or recovery key; the file was not touched."""


LOCKED_MESSAGE = "The database is locked. Unlock it with the passphrase."


def identity_rows() -> dict[str, str]:
    """The ``app_meta`` rows a new database is given."""
    return {"application_id": APPLICATION_ID, "schema_version": str(SCHEMA_VERSION)}


def check_identity(where: Path | str, meta: Mapping[str, str]) -> int:
    """The schema version of a database with tables (``meta``: its ``app_meta`` rows);
    refuses one that is not ours or is newer, naming it ``where``."""
    if meta.get("application_id") != APPLICATION_ID:
        raise NotOurDatabaseError(
            f"{where} is a database written by another application, not this app. "
            "It has been left untouched; choose another file with --db."
        )
    try:
        version = int(meta.get("schema_version", "0"))
    except ValueError:
        version = 0
    if version > SCHEMA_VERSION:
        raise NewerDatabaseError(
            f"{where} was written by a newer version of this app (schema {version}; this version "
            f"understands {SCHEMA_VERSION}). Update the app to open it; the file is untouched."
        )
    if version < 1:
        raise DatabaseOpenError(
            f"{where} has an unknown schema version; it has been left untouched."
        )
    return version
