"""Moving and removing a database file together with its write-ahead log and shared memory."""

from __future__ import annotations

import os
from pathlib import Path

from supervision_app.atomic import fsync_dir

#: The files SQLite keeps beside a database in WAL mode.
SIDECAR_SUFFIXES = ("-wal", "-shm")


def move_with_sidecars(src: Path, dst: Path) -> None:
    """Rename a closed database file together with its ``-wal`` and ``-shm`` files.

    A WAL left behind under the old name would be replayed into whatever file
    takes that name next, so the three always move together.  The database goes
    first: a crash in between leaves its WAL under the old name, where moving
    the database back finds it again.
    """
    os.replace(src, dst)
    for suffix in SIDECAR_SUFFIXES:
        side = Path(f"{src}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{dst}{suffix}"))


def secure_remove(path: Path) -> None:
    """Overwrite a file with random bytes, flush it to disk, then delete it.

    On SSDs and copy-on-write file systems the old blocks may survive anyway
    (see docs/security.md); full-disk encryption is the real protection there.
    """
    for victim in (path, *(Path(f"{path}{suffix}") for suffix in SIDECAR_SUFFIXES)):
        try:
            size = victim.stat().st_size
        except FileNotFoundError:
            continue
        with victim.open("r+b") as handle:
            remaining = size
            while remaining > 0:
                chunk = min(remaining, 1 << 20)
                handle.write(os.urandom(chunk))
                remaining -= chunk
            handle.flush()
            os.fsync(handle.fileno())
        victim.unlink()
    fsync_dir(path.parent)
