"""Write a file so that it is either complete or not there: never truncated.

The bytes go to a hidden temporary file in the same folder, are flushed to
disk, and then renamed over the target in one step (and the folder is
flushed).  The file is created readable by its owner only (0600 on POSIX, whatever
the umask).  If anything fails, or the process is stopped, before the rename,
the target is untouched; a failure removes the temporary file.  A process
killed outright may leave the hidden ``.<name>.partial`` behind, never a
truncated ``<name>``.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def partial_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial")


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` in one step. Raises OSError; the target is untouched."""
    path = Path(path)
    tmp = partial_path(path)
    try:
        from supervision_app.private_files import open_private

        with os.fdopen(open_private(tmp), "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (a rename) to disk, where the platform allows it."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
