"""What is at a database path, read without opening it: the start-up's choice of first screen.

Kept apart from :mod:`.backend` so that choosing the first screen (the unlock dialog, or the
first run's passphrase) loads neither SQLCipher nor ``cryptography``: they load at the first
unlock attempt, or on the preload thread once that screen has been painted.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from supervision_app.storage.credentials import key_file_path
from supervision_app.storage.identity import NotOurDatabaseError

_SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseKind(Enum):
    MISSING = "missing"  # first run: create
    PLAIN = "plain"  # an unencrypted database from an earlier version: convert
    ENCRYPTED = "encrypted"  # unlock
    UNKNOWN = "unknown"  # not ours (refused when opened)


def inspect_database(path: Path) -> DatabaseKind:
    """What is at ``path``, without opening or changing it (to choose the first screen)."""
    path = Path(path)
    if not path.exists():
        return DatabaseKind.MISSING
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError:
        return DatabaseKind.UNKNOWN
    if header == _SQLITE_HEADER or not header:
        return DatabaseKind.PLAIN
    return DatabaseKind.ENCRYPTED if key_file_path(path).exists() else DatabaseKind.UNKNOWN


def not_ours_error(path: Path) -> NotOurDatabaseError:
    return NotOurDatabaseError(
        f"The key file {key_file_path(path).name} is missing beside {path}: it is either an "
        "encrypted supervision database without its key file, or not a supervision database "
        "at all (it is not an SQLite file, and there is no key file beside it). It has been "
        "left untouched. If it is your database, put its key file back beside it (every backup "
        "holds one) or restore a backup; otherwise choose another file with --db."
    )
