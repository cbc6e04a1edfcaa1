"""Finishing, at the next open, a key rotation that a crash interrupted (see :mod:`.security`)."""

from __future__ import annotations

from pathlib import Path

from supervision_app.storage.sqlite.files import move_with_sidecars, secure_remove
from supervision_app.storage.sqlite.instance_lock import InstanceLock, InstanceLockedError

ROTATING_SUFFIX = ".rotating"
PREVIOUS_SUFFIX = ".before-rotation"


def rotation_paths(path: Path) -> tuple[Path, Path]:
    """The verified copy under the new key, and the old file kept until the copy is in place."""
    return path.with_name(path.name + ROTATING_SUFFIX), path.with_name(path.name + PREVIOUS_SUFFIX)


def recover_interrupted_rotation(path: Path) -> None:
    """Finish or undo a rotation that a crash interrupted (before the file is unlocked).

    The key file still holds both keys at every step where a crash leaves work
    to do, so whichever file is in place opens; unlocking then drops the other key.
    """
    staged, previous = rotation_paths(path)
    if not staged.exists() and not previous.exists():
        return
    lock = InstanceLock(path)
    try:
        lock.acquire()
    except (InstanceLockedError, OSError):
        return  # another instance is at work; opening will say the database is in use
    try:
        if previous.exists():
            if path.exists():
                secure_remove(previous)  # the verified copy was already in place
            else:
                move_with_sidecars(previous, path)  # crashed between the two renames
        if staged.exists():
            secure_remove(staged)  # an unfinished copy; the old file is in place
    finally:
        lock.release()
