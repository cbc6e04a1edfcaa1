"""Encrypted backup files, and restoring one.

A backup is one ZIP file holding a manifest, an encrypted copy of the
database (``sqlcipher_export`` under the same data key) and the key file.
Without the passphrase or the recovery key it is as useless as the database.
Restoring checks the whole backup before it replaces anything and keeps the
previous database until the restored one has opened.
"""

from __future__ import annotations

import contextlib
import json
import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from supervision_app.storage import cipher
from supervision_app.storage.database import (
    SCHEMA_VERSION,
    Credential,
    Database,
    DatabaseOpenError,
    unlock_file,
)
from supervision_app.storage.instance_lock import InstanceLock, InstanceLockedError
from supervision_app.storage.keys import fsync_dir, key_file_path
from supervision_app.storage.migrations import check_identity

BACKUP_FORMAT = "supervision_app.backup"
BACKUP_VERSION = 1
_MANIFEST, _DB, _KEYS = "manifest.json", "database.sqlcipher", "database.keys"


class BackupError(Exception):
    """The backup could not be written or restored; the message says why and what to do."""


def write_backup(database: Database, target: Path) -> Path:
    target = Path(target)
    partial_db = target.with_name(target.name + ".partial-db")
    partial = target.with_name(target.name + ".partial")
    try:
        with contextlib.suppress(FileNotFoundError):
            partial_db.unlink()
        raw = database.raw_connection()
        try:
            cipher.export_to(raw.driver_connection, str(partial_db), database.key_ring.data_key)
        finally:
            raw.close()
        manifest = {
            "format": BACKUP_FORMAT,
            "version": BACKUP_VERSION,
            "schema_version": SCHEMA_VERSION,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr(_MANIFEST, json.dumps(manifest, indent=2))
            archive.write(partial_db, _DB)
            archive.write(key_file_path(database.path), _KEYS)
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
        fsync_dir(target.parent)
    except (OSError, cipher.Error, zipfile.BadZipFile) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise BackupError(_describe(exc, f"The backup could not be written to {target}")) from None
    finally:
        with contextlib.suppress(OSError):
            partial_db.unlink()
    return target


def restore_backup(backup: Path, db_path: Path, credential: Credential) -> None:
    """Replace the (closed) database at ``db_path`` with the backup, after verifying it.

    ``credential`` is the passphrase or recovery key that was current when the
    backup was written.
    """
    backup, db_path = Path(backup), Path(db_path)
    lock = InstanceLock(db_path)
    try:
        lock.acquire()
    except InstanceLockedError as exc:
        raise BackupError(str(exc)) from None
    staged = db_path.with_name(db_path.name + ".restoring")
    try:
        _stage(backup, staged)
        _verify(staged, credential, backup)
        _swap_in(staged, db_path)
    finally:
        for leftover in (staged, key_file_path(staged)):
            with contextlib.suppress(OSError):
                leftover.unlink()
        lock.release()


def _stage(backup: Path, staged: Path) -> None:
    try:
        with zipfile.ZipFile(backup) as archive:
            manifest = json.loads(archive.read(_MANIFEST))
            if manifest.get("format") != BACKUP_FORMAT:
                raise KeyError(_MANIFEST)
            if int(manifest.get("version", 0)) > BACKUP_VERSION:
                raise BackupError(
                    f"{backup} was written by a newer version of this app. Update the app to "
                    "restore it; nothing has been changed."
                )
            staged.write_bytes(archive.read(_DB))
            key_file_path(staged).write_bytes(archive.read(_KEYS))
    except BackupError:
        raise
    except (KeyError, ValueError, zipfile.BadZipFile):
        raise BackupError(
            f"{backup} is not a backup of this app, or it is damaged. Nothing has been changed."
        ) from None
    except OSError as exc:
        raise BackupError(_describe(exc, f"{backup} could not be read")) from None


def _verify(staged: Path, credential: Credential, backup: Path) -> None:
    try:
        ring = unlock_file(staged, credential)
        conn = cipher.connect(str(staged), ring.data_key, read_only=True)
        try:
            problems = cipher.check_integrity(conn)
            tables, meta = cipher.read_meta(conn)
        finally:
            conn.close()
        if problems:
            raise BackupError(f"{backup} is damaged ({problems[0]}). Nothing has been changed.")
        check_identity(backup, tables, meta)
    except DatabaseOpenError as exc:
        raise BackupError(
            f"The backup cannot be restored: {exc} Nothing has been changed."
        ) from None


def _swap_in(staged: Path, db_path: Path) -> None:
    previous = db_path.with_name(db_path.name + ".before-restore")
    pairs = [(db_path, previous), (key_file_path(db_path), key_file_path(previous))]
    moved = []
    try:
        for src, dst in pairs:
            if src.exists():
                os.replace(src, dst)
                moved.append((src, dst))
        os.replace(key_file_path(staged), key_file_path(db_path))
        os.replace(staged, db_path)
        fsync_dir(db_path.parent)
    except OSError as exc:
        for src, dst in moved:  # put the previous database back
            with contextlib.suppress(OSError):
                os.replace(dst, src)
        raise BackupError(_describe(exc, "The restore could not replace the database")) from None
    for _src, dst in moved:
        with contextlib.suppress(OSError):
            dst.unlink()


def _describe(exc: BaseException, what: str) -> str:
    text = str(exc).lower()
    if (isinstance(exc, OSError) and exc.errno == 28) or "full" in text or "no space" in text:
        return f"{what}: the disk is full. Free some space and try again; nothing was lost."
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
    return f"{what} ({reason}). Nothing was lost."
