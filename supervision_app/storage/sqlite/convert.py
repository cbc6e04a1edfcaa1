"""The one-off conversion of a plain (unencrypted) database from an earlier version.

The plain file is exported under the new key to ``<db>.encrypting`` and checked (integrity
and a row count per table) before it takes the original's place; the original is kept as
``<db>.plain-backup`` until then and securely removed after.  A crash at any step is finished
or undone by :func:`recover_interrupted_conversion` at the next open.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from supervision_app.atomic import fsync_dir
from supervision_app.storage.identity import DatabaseOpenError, check_identity
from supervision_app.storage.keys import KeyRing, key_file_path, write_key_file
from supervision_app.storage.sqlite import cipher
from supervision_app.storage.sqlite.files import secure_remove

PLAIN_BACKUP_SUFFIX = ".plain-backup"
ENCRYPTING_SUFFIX = ".encrypting"


def recover_interrupted_conversion(path: Path) -> None:
    """Finish or undo a conversion that a crash interrupted."""
    backup = path.with_name(path.name + PLAIN_BACKUP_SUFFIX)
    if not backup.exists():
        return
    if path.exists():
        secure_remove(backup)  # the encrypted file was verified before it was put in place
    else:
        os.replace(backup, path)  # crashed between the two renames: back to the plain file


def encrypt_plain_database(path: Path, ring: KeyRing) -> None:
    """Convert a plain database to SQLCipher in place, keeping the original until verified."""
    try:
        tables, meta = identify_plain(path)
    except sqlite3.Error as exc:
        raise DatabaseOpenError(
            f"{path} could not be read as a supervision database ({exc}). "
            "It has been left untouched; restore it from a backup or choose another file."
        ) from None
    if tables:
        check_identity(path, meta)
    tmp = path.with_name(path.name + ENCRYPTING_SUFFIX)
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    counts: dict[str, int] = {}
    plain = cipher.connect_plain(str(path))
    try:
        for table in tables:
            counts[table] = plain.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        cipher.export_to(plain, str(tmp), ring.data_key)
    finally:
        plain.close()
    encrypted = cipher.connect(str(tmp), ring.data_key)
    try:
        problems = cipher.check_integrity(encrypted)
        for table, count in counts.items():
            if encrypted.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] != count:
                problems.append(table)
    finally:
        encrypted.close()
    if problems:
        tmp.unlink()
        raise DatabaseOpenError(
            f"Encrypting {path} failed its check; the original is untouched. Please report this."
        )
    write_key_file(key_file_path(path), [ring.entry])
    backup = path.with_name(path.name + PLAIN_BACKUP_SUFFIX)
    os.replace(path, backup)
    os.replace(tmp, path)
    fsync_dir(path.parent)
    secure_remove(backup)


def identify_plain(path: Path) -> tuple[set[str], dict[str, str]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return cipher.read_meta(conn)
    finally:
        conn.close()
