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
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from supervision_app.atomic import fsync_dir
from supervision_app.private_files import open_private
from supervision_app.storage.database import Database
from supervision_app.storage.identity import (
    SCHEMA_VERSION,
    DatabaseOpenError,
    UnlockError,
    check_identity,
)
from supervision_app.storage.keys import (
    Credential,
    CredentialError,
    KeyRing,
    key_file_path,
    read_key_file,
    write_key_file,
)
from supervision_app.storage.sqlite import cipher
from supervision_app.storage.sqlite.backend import sqlite_backend, unlock_file
from supervision_app.storage.sqlite.files import move_with_sidecars
from supervision_app.storage.sqlite.instance_lock import InstanceLock, InstanceLockedError
from supervision_app.storage.sqlite.schema import prepare_schema

BACKUP_FORMAT = "supervision_app.backup"
BACKUP_VERSION = 1
_MANIFEST, _DB, _KEYS = "manifest.json", "database.sqlcipher", "database.keys"


class BackupError(Exception):
    """The backup could not be written or restored; the message says why and what to do."""


def write_backup(database: Database, target: Path) -> Path:
    target = Path(target)
    backend = sqlite_backend(database)
    partial_db = target.with_name(target.name + ".partial-db")
    partial = target.with_name(target.name + ".partial")
    try:
        with contextlib.suppress(FileNotFoundError):
            partial_db.unlink()
        raw = database.raw_connection()
        try:
            cipher.export_to(raw.driver_connection, str(partial_db), backend.key_ring.data_key)
        finally:
            raw.close()
        manifest = {
            "format": BACKUP_FORMAT,
            "version": BACKUP_VERSION,
            "schema_version": SCHEMA_VERSION,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        with (
            os.fdopen(open_private(partial), "wb") as handle,
            zipfile.ZipFile(handle, "w", zipfile.ZIP_STORED) as archive,
        ):
            archive.writestr(_MANIFEST, json.dumps(manifest, indent=2))
            archive.write(partial_db, _DB)
            archive.write(key_file_path(database.path), _KEYS)
        with partial.open("rb+") as written:
            os.fsync(written.fileno())
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


class BackupCredentialError(BackupError):
    """The passphrase or recovery key does not open the backup; nothing was changed."""


@dataclass(slots=True)
class StagedBackup:
    """A backup unpacked beside the database and verified, ready to take its place."""

    path: Path  # <db>.restoring, with its key file beside it
    ring: KeyRing = field(repr=False)
    created: str

    def discard(self) -> None:
        _discard(self.path)


def _discard(staged: Path) -> None:
    for leftover in (staged, key_file_path(staged)):
        with contextlib.suppress(OSError):
            leftover.unlink()


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
    try:
        staged = stage_backup(backup, db_path, credential)
        try:
            previous = _swap_in(staged.path, db_path)
        finally:
            staged.discard()
        _drop(previous)
    finally:
        lock.release()


def stage_backup(backup: Path, db_path: Path, credential: Credential) -> StagedBackup:
    """Unpack ``backup`` beside ``db_path`` and verify it; nothing else is touched.

    Raises :class:`BackupCredentialError` when ``credential`` does not open it
    (ask for the backup's own passphrase), :class:`BackupError` otherwise.
    """
    staged = Path(db_path).with_name(Path(db_path).name + ".restoring")
    try:
        created = _stage(Path(backup), staged)
        ring = _verify(staged, credential, Path(backup))
    except BaseException:
        _discard(staged)
        raise
    return StagedBackup(staged, ring, created)


def restore_into_open(database: Database, staged: StagedBackup) -> None:
    """Put a verified backup in place of the open ``database`` and switch to it.

    The previous database and key file are kept aside until the restored one has
    opened (and been brought to the current schema); if anything fails they are
    put back and the database goes on as before.  When the backup was made under
    the current data key, the current key file is kept, so the passphrase and
    recovery key in use now go on working.
    """
    backend = sqlite_backend(database)
    path, old = database.path, backend.key_ring
    same_key = staged.ring.data_key == old.data_key
    if same_key:
        write_key_file(key_file_path(staged.path), [old.entry])
    backend.suspend()
    try:
        previous = _swap_in(staged.path, path)
    except BackupError:
        backend.replace_key(old)
        raise
    finally:
        staged.discard()
    ring = KeyRing(staged.ring.data_key, old.entry) if same_key else staged.ring
    try:
        backend.replace_key(ring)
        prepare_schema(backend.engine, path, ring.data_key)
    except (OSError, cipher.Error, DatabaseOpenError, SQLAlchemyError) as exc:
        backend.suspend()
        _put_back(previous)
        backend.replace_key(old)
        raise BackupError(
            f"The restored database could not be opened ({type(exc).__name__}). The previous "
            "database has been put back; nothing was lost."
        ) from None
    _drop(previous)


def _stage(backup: Path, staged: Path) -> str:
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
            _unpack(archive, _DB, staged)
            _unpack(archive, _KEYS, key_file_path(staged))
            return str(manifest.get("created", ""))
    except BackupError:
        raise
    except (KeyError, ValueError, TypeError, AttributeError, EOFError, zipfile.BadZipFile):
        raise BackupError(
            f"{backup} is not a backup of this app, or it is damaged. Nothing has been changed."
        ) from None
    except OSError as exc:
        raise BackupError(_describe(exc, f"{backup} could not be read")) from None


def _unpack(archive: zipfile.ZipFile, member: str, target: Path) -> None:
    """Copy one member of the backup to a private file in pieces: memory stays flat whatever
    the size of the database (the member's CRC is checked as it is read)."""
    with archive.open(member) as source, os.fdopen(open_private(target), "wb") as out:
        shutil.copyfileobj(source, out, 1024 * 1024)
        out.flush()
        os.fsync(out.fileno())


def _verify(staged: Path, credential: Credential, backup: Path) -> KeyRing:
    try:
        return _check_staged(staged, credential, backup)
    except cipher.Error as exc:  # damage the checks above did not name
        raise BackupError(
            f"{backup} is damaged ({exc}). It cannot be restored; nothing has been changed."
        ) from None


def _check_staged(staged: Path, credential: Credential, backup: Path) -> KeyRing:
    if isinstance(credential, KeyRing) and not _opens(staged, credential.data_key):
        if _same_key(staged, credential):  # its own key file holds this key: the file is damaged
            raise BackupError(
                f"{backup} is damaged: its database cannot be read with the key it was made "
                "under. It cannot be restored; nothing has been changed."
            )
        raise BackupCredentialError(
            "The backup was made under another key. Type the passphrase (or the recovery key) "
            "that was in use when it was made. Nothing has been changed."
        )
    try:
        ring = unlock_file(staged, credential)
    except UnlockError as exc:
        raise BackupCredentialError(
            f"The backup cannot be restored: {exc} Nothing has been changed."
        ) from None
    except DatabaseOpenError as exc:
        raise BackupError(
            f"The backup cannot be restored: {exc} Nothing has been changed."
        ) from None
    try:
        conn = cipher.connect(str(staged), ring.data_key, read_only=True)
        try:
            problems = cipher.check_integrity(conn)
            _tables, meta = cipher.read_meta(conn)
        finally:
            conn.close()
        if problems:
            raise BackupError(f"{backup} is damaged ({problems[0]}). Nothing has been changed.")
        check_identity(backup, meta)
    except DatabaseOpenError as exc:
        raise BackupError(
            f"The backup cannot be restored: {exc} Nothing has been changed."
        ) from None
    return ring


def _same_key(staged: Path, ring: KeyRing) -> bool:
    try:
        return ring.entry in read_key_file(key_file_path(staged))
    except CredentialError:
        return False


def _opens(path: Path, data_key: bytes) -> bool:
    try:
        cipher.connect(str(path), data_key, read_only=True).close()
    except cipher.Error:
        return False
    return True


def _previous(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".before-restore")


def _swap_in(staged: Path, db_path: Path) -> Path:
    """Move the database and key file aside, the staged pair in. Returns where the old went."""
    previous = _previous(db_path)
    pairs = [(db_path, previous), (key_file_path(db_path), key_file_path(previous))]
    moved = []
    try:
        for src, dst in pairs:
            if src.exists():
                move_with_sidecars(src, dst)
                moved.append((src, dst))
        os.replace(key_file_path(staged), key_file_path(db_path))
        os.replace(staged, db_path)
        fsync_dir(db_path.parent)
    except OSError as exc:
        for src, dst in moved:  # put the previous database back
            with contextlib.suppress(OSError):
                move_with_sidecars(dst, src)
        raise BackupError(_describe(exc, "The restore could not replace the database")) from None
    return previous


def _put_back(previous: Path) -> None:
    """Undo :func:`_swap_in`: the previous database and key file return to their place."""
    db_path = previous.with_name(previous.name.removesuffix(".before-restore"))
    for src, dst in ((previous, db_path), (key_file_path(previous), key_file_path(db_path))):
        if src.exists():
            move_with_sidecars(src, dst)
    fsync_dir(db_path.parent)


def _drop(previous: Path) -> None:
    for leftover in (previous, key_file_path(previous)):
        with contextlib.suppress(OSError):
            leftover.unlink()
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{previous}{suffix}").unlink()


def _describe(exc: BaseException, what: str) -> str:
    text = str(exc).lower()
    if (isinstance(exc, OSError) and exc.errno == 28) or "full" in text or "no space" in text:
        return f"{what}: the disk is full. Free some space and try again; nothing was lost."
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
    return f"{what} ({reason}). Nothing was lost."
