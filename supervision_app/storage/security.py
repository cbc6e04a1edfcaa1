"""Passphrase change, key rotation and recovery on an open database.

The caller flushes pending autosaves first; these functions keep the file and
its key file consistent at every step, so a crash in the middle never locks
the user out (see :mod:`.keys` and docs/security.md).
"""

from __future__ import annotations

from datetime import UTC, datetime

from supervision_app.storage import cipher
from supervision_app.storage.database import Database, UnlockError
from supervision_app.storage.keys import (
    CredentialError,
    Passphrase,
    key_file_path,
    new_key_ring,
    read_key_file,
    rewrap_passphrase,
    unlock,
    write_key_file,
)
from supervision_app.storage.models import SecurityEventRow


def record_event(database: Database, kind: str) -> None:
    with database.session() as session:
        session.add(SecurityEventRow(at=datetime.now(UTC).replace(tzinfo=None), kind=kind))


def verify_passphrase(database: Database, passphrase: str) -> None:
    """Raise :class:`UnlockError` unless ``passphrase`` opens this database's key."""
    try:
        rings = unlock(read_key_file(key_file_path(database.path)), Passphrase(passphrase))
    except CredentialError as exc:
        raise UnlockError(str(exc)) from None
    if all(r.data_key != database.key_ring.data_key for r in rings):
        raise UnlockError("That passphrase belongs to another key. Nothing has been changed.")


def set_passphrase(database: Database, new_passphrase: str) -> None:
    """Re-wrap the data key under a new passphrase (after unlocking with either credential)."""
    ring = rewrap_passphrase(database.key_ring, new_passphrase)
    write_key_file(key_file_path(database.path), [ring.entry])
    database.key_ring.entry = ring.entry
    record_event(database, "passphrase_set")


def change_passphrase(database: Database, current: str, new_passphrase: str) -> None:
    verify_passphrase(database, current)
    set_passphrase(database, new_passphrase)


def rotate_key(database: Database, passphrase: str, recovery_key: str | None = None) -> str | None:
    """Re-encrypt the database under a new random data key.

    Returns the new recovery key when one was generated (``recovery_key`` not given).
    """
    verify_passphrase(database, passphrase)
    old = database.key_ring
    new = new_key_ring(passphrase, recovery_key)
    keys = key_file_path(database.path)
    write_key_file(keys, [old.entry, new.entry])  # both keys open the file until it is done
    database.engine.dispose()
    conn = cipher.connect(str(database.path), old.data_key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"PRAGMA rekey = {cipher.raw_key(new.data_key)}")
    finally:
        conn.close()
    write_key_file(keys, [new.entry])
    database.replace_key(new)
    record_event(database, "key_rotated")
    return new.new_recovery_key
