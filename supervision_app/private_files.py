"""Files and folders only the current user can read: one helper for every private file.

On POSIX the data folder is created ``0700`` and every file holding records or keys (the
database, its key file, WAL and SHM, backups, pre-migration backups, exports) ``0600``,
whatever the process's umask: the mode is set explicitly after creation, because the umask
can only take permissions away.  On Windows a file inherits the ACL of its folder; the data
folder lives in the user's profile (``%LOCALAPPDATA%``), which only that user (and
administrators and SYSTEM) can read, so nothing is done there (see docs/security.md).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
_POSIX = os.name == "posix"


def open_private(path: Path, flags: int = os.O_WRONLY | os.O_CREAT | os.O_TRUNC) -> int:
    """``os.open`` a file for writing, created (or kept) readable by its owner only."""
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0), FILE_MODE)
    if _POSIX:
        try:
            os.fchmod(fd, FILE_MODE)
        except OSError:
            os.close(fd)
            raise
    return fd


def create_private(path: Path) -> None:
    """Create ``path`` empty and private if it does not exist (before SQLite writes to it:
    SQLite gives the database's WAL and SHM the database file's mode)."""
    try:
        fd = open_private(Path(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    except FileExistsError:
        make_private(path)
        return
    os.close(fd)


def make_private(path: Path) -> None:
    """Set an existing file (and its ``-wal``/``-shm``, if any) to owner-only."""
    if not _POSIX:
        return
    for candidate in (Path(path), Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            os.chmod(candidate, FILE_MODE)


def private_folder(path: Path) -> None:
    """Create the folder (and parents) if needed; the folder itself is made owner-only."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    if _POSIX:
        os.chmod(path, FOLDER_MODE)


def readable_by_others(path: Path) -> bool:
    """True when group or others may read ``path`` (always False on Windows)."""
    return _POSIX and bool(os.stat(path).st_mode & 0o077)
