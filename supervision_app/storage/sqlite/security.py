"""Passphrase change, key rotation and recovery on an open database.

The caller flushes pending autosaves first; these functions keep the file and
its key file consistent at every step, so a crash in the middle never locks
the user out (see :mod:`.keys` and docs/security.md).
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from supervision_app.atomic import fsync_dir
from supervision_app.domain import AuditEvent
from supervision_app.storage.agency import fingerprint, with_agency_slot
from supervision_app.storage.audit import record_audit
from supervision_app.storage.database import Database
from supervision_app.storage.identity import UnlockError
from supervision_app.storage.keys import (
    CredentialError,
    KeyRing,
    Passphrase,
    key_file_path,
    new_key_ring,
    read_key_file,
    rewrap_passphrase,
    rewrap_recovery,
    unlock,
    write_key_file,
)
from supervision_app.storage.models import SecurityEventRow
from supervision_app.storage.sqlite import cipher
from supervision_app.storage.sqlite.backend import sqlite_backend
from supervision_app.storage.sqlite.files import move_with_sidecars, secure_remove
from supervision_app.storage.sqlite.recovery import rotation_paths


def record_event(database: Database, kind: str) -> None:
    with database.session() as session:
        session.add(SecurityEventRow(at=datetime.now(UTC).replace(tzinfo=None), kind=kind))


def verify_passphrase(database: Database, passphrase: str) -> None:
    """Raise :class:`UnlockError` unless ``passphrase`` opens this database's key."""
    try:
        rings = unlock(read_key_file(key_file_path(database.path)), Passphrase(passphrase))
    except CredentialError as exc:
        raise UnlockError(str(exc)) from None
    if all(r.data_key != sqlite_backend(database).key_ring.data_key for r in rings):
        raise UnlockError("That passphrase belongs to another key. Nothing has been changed.")


def set_passphrase(database: Database, new_passphrase: str) -> None:
    """Re-wrap the data key under a new passphrase (after unlocking with either credential)."""
    ring = rewrap_passphrase(sqlite_backend(database).key_ring, new_passphrase)
    write_key_file(key_file_path(database.path), [ring.entry])
    sqlite_backend(database).key_ring.entry = ring.entry
    record_event(database, "passphrase_set")


def change_passphrase(database: Database, current: str, new_passphrase: str) -> None:
    verify_passphrase(database, current)
    set_passphrase(database, new_passphrase)


class RotationError(Exception):
    """The key could not be rotated; the database is unchanged and still opens as before."""


def rotate_key(database: Database, passphrase: str, recovery_key: str | None = None) -> str | None:
    """Re-encrypt the database under a new random data key, keeping the passphrase.

    The database is copied with ``sqlcipher_export`` under the new key into
    ``<db>.rotating`` and verified (integrity checks and a row count per table)
    before anything is replaced.  The key file then holds both keys while the
    verified copy takes the database's place; the old file is kept until then and
    securely removed after.  A crash at any step leaves a database that opens with
    the passphrase (see :func:`recover_interrupted_rotation`).  The recovery key
    is replaced too (by ``recovery_key``, or a generated one, which is returned);
    an agency slot is wrapped again to the same agency key.
    """
    verify_passphrase(database, passphrase)
    old = sqlite_backend(database).key_ring
    fresh = new_key_ring(passphrase, recovery_key)
    recipient = old.entry.agency.recipient if old.entry.agency else None
    new = KeyRing(fresh.data_key, with_agency_slot(fresh, recipient))
    path, keys = database.path, key_file_path(database.path)
    staged, previous = rotation_paths(path)
    backend = sqlite_backend(database)
    backend.suspend()  # nothing may write during the copy (autosave retries later)
    try:
        _export_verified(path, old.data_key, staged, new.data_key)
    except RotationError:
        backend.replace_key(old)
        raise
    try:
        write_key_file(keys, [old.entry, new.entry])  # both keys open the file until it is done
        move_with_sidecars(path, previous)
        try:
            os.replace(staged, path)
        except OSError:
            move_with_sidecars(previous, path)
            raise
        fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            secure_remove(staged)
            write_key_file(keys, [old.entry])
        backend.replace_key(old)
        raise RotationError(
            f"The key could not be rotated ({exc.strerror or exc}). The database is unchanged."
        ) from None
    backend.replace_key(new)
    # The new file is in place and opens: tidying up can fail (a full disk) without harm,
    # as the next start finishes it (recover_interrupted_rotation, unlock_file).
    with contextlib.suppress(OSError):
        write_key_file(keys, [new.entry])
        secure_remove(previous)
    record_event(database, "key_rotated")
    return fresh.new_recovery_key


def _export_verified(path: Path, old_key: bytes, staged: Path, new_key: bytes) -> None:
    with contextlib.suppress(FileNotFoundError):
        secure_remove(staged)
    try:
        source = cipher.connect(str(path), old_key)
        try:
            source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            tables, _meta = cipher.read_meta(source)
            counts = {t: _count(source, t) for t in tables}
            cipher.export_to(source, str(staged), new_key)
        finally:
            source.close()
        copy = cipher.connect(str(staged), new_key, read_only=True)
        try:
            problems = cipher.check_integrity(copy)
            problems += [t for t, n in counts.items() if _count(copy, t) != n]
        finally:
            copy.close()
    except (OSError, cipher.Error) as exc:
        with contextlib.suppress(OSError):
            secure_remove(staged)
        raise RotationError(
            f"The key could not be rotated ({exc}). The database is unchanged."
        ) from None
    if problems:
        secure_remove(staged)
        raise RotationError(
            "The re-encrypted copy failed its check, so the key was not rotated. "
            "The database is unchanged."
        )


def _count(conn: Any, table: str) -> int:
    return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def new_recovery_key(database: Database, passphrase: str, recovery_key: str | None = None) -> str:
    """Replace the recovery key: the old one stops opening this key file.

    The database is not rewritten.  A copy of the *old* key file (in an older
    backup, say) still opens with the old recovery key; if the old key may have
    leaked, rotate the key instead (:func:`rotate_key`), which also replaces it.
    """
    verify_passphrase(database, passphrase)
    ring = rewrap_recovery(sqlite_backend(database).key_ring, recovery_key)
    write_key_file(key_file_path(database.path), [ring.entry])
    sqlite_backend(database).key_ring.entry = ring.entry
    record_event(database, "recovery_key_replaced")
    assert ring.new_recovery_key is not None
    return ring.new_recovery_key


def agency_key_needed(database: Database, recipient: bytes | None) -> bool:
    """True when a content pack's agency key is not yet in the key file (adding it needs the
    user's consent: :func:`apply_agency_key` is called only after they accepted it)."""
    current = sqlite_backend(database).key_ring.entry.agency
    return recipient is not None and (current is None or current.recipient != recipient)


def apply_agency_key(database: Database, recipient: bytes | None, pack: str = "") -> bool:
    """Wrap the data key to the agency's public key from a content pack, once the user has
    accepted it (the caller asks: never silently).

    True when the key file changed; the consent is written to the audit trail and the
    security events.  ``None`` (no pack carries an agency key) leaves an existing agency
    slot in place: removing a pack must not silently take away the agency's way in; a pack
    with another key replaces it (again only with consent).
    """
    if recipient is None or not agency_key_needed(database, recipient):
        return False
    entry = with_agency_slot(sqlite_backend(database).key_ring, recipient)
    write_key_file(key_file_path(database.path), [entry])
    sqlite_backend(database).key_ring.entry = entry
    record_event(database, "agency_key_set")
    with database.session() as session:
        record_audit(
            session,
            None,
            AuditEvent.AGENCY_KEY_ACCEPTED,
            f"content pack '{pack}', key fingerprint {fingerprint(recipient)}",
        )
    return True
