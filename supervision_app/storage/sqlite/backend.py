"""The SQLite backend's open database: the one place where the database file is opened.

The file is SQLCipher 4 (see :mod:`supervision_app.storage.keys` and docs/security.md),
keyed on every pooled connection before any other statement and checked with a real read.
The file is never re-created or re-initialised once it exists: a file that is not ours, is
damaged, comes from a newer version, or does not open with the given key is refused with a
clear message and left byte-for-byte untouched.  :func:`open_database` returns a portable
:class:`~supervision_app.storage.database.Database` whose backend is a :class:`SqliteBackend`.
"""

from __future__ import annotations

import contextlib
import os
import threading
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from supervision_app.paths import data_dir
from supervision_app.private_files import FOLDER_MODE, make_private, private_folder
from supervision_app.storage import revisions
from supervision_app.storage.database import Database
from supervision_app.storage.held import HeldConnection
from supervision_app.storage.identity import (
    LOCKED_MESSAGE,
    SCHEMA_VERSION,
    DatabaseInUseError,
    DatabaseLockedError,
    DatabaseOpenError,
    NotOurDatabaseError,
    UnlockError,
    check_identity,
)
from supervision_app.storage.keys import (
    Credential,
    CredentialError,
    KeyRing,
    RecoveryKey,
    key_file_path,
    new_key_ring,
    read_key_file,
    unlock,
    write_key_file,
)
from supervision_app.storage.sqlite import cipher
from supervision_app.storage.sqlite.convert import (
    encrypt_plain_database,
    recover_interrupted_conversion,
)
from supervision_app.storage.sqlite.dialect import DIALECT, SqliteDialect
from supervision_app.storage.sqlite.instance_lock import InstanceLock, InstanceLockedError
from supervision_app.storage.sqlite.recovery import recover_interrupted_rotation

if TYPE_CHECKING:  # SQLAlchemy is imported when a database is opened, not before the unlock dialog
    from sqlalchemy import Engine

_SQLITE_HEADER = b"SQLite format 3\x00"
_BUILDING = threading.Lock()  # the autosave thread and the window may both ask first


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


class SqliteBackend:
    """An open, unlocked database file: its engine, its key ring and its instance lock."""

    dialect: SqliteDialect = DIALECT

    def __init__(
        self, path: Path, engine: Engine | None, ring: KeyRing, lock: InstanceLock
    ) -> None:
        """``engine`` None: the file's schema is current, and the engine is made (and the
        schema's upkeep run) when first used, so that opening the file imports no
        SQLAlchemy: the window's first screen is read without it (storage/sqlite/first_paint.py)."""
        self._path = path
        self._engine: Engine | None = engine
        self._ring: KeyRing | None = ring
        self._lock = lock
        self._new_recovery_key = ring.new_recovery_key
        ring.new_recovery_key = None
        #: The autosave's connection (storage/held.py), closed whenever the engine's are.
        self.held = HeldConnection()

    @property
    def path(self) -> Path:
        return self._path

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            with _BUILDING:
                if self._engine is None:
                    self._engine = _prepared_engine(self._path, self.key_ring.data_key)
        return self._engine

    @property
    def new_recovery_key(self) -> str | None:
        return self._new_recovery_key

    def _dispose(self) -> None:
        """Close every connection: the held one first (it is checked out), then the pool's."""
        self.held.close()
        self.engine.dispose()

    @property
    def key_ring(self) -> KeyRing:
        """For :mod:`.security` and :mod:`.backup` only: the unlocked keys."""
        if self._ring is None:
            raise DatabaseLockedError(LOCKED_MESSAGE)
        return self._ring

    def after_delete(self) -> None:
        """Deleted text must not linger in the WAL: copy it back and truncate."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def replace_key(self, ring: KeyRing) -> None:
        """After a re-key: new connections use the new key (for :mod:`.security`)."""
        self._dispose()
        self._engine = _engine(self._path, ring.data_key)
        self._ring = KeyRing(ring.data_key, ring.entry)

    def suspend(self) -> None:
        """Close every connection and refuse new ones, keeping the key, until :meth:`replace_key`.

        For work that replaces the file (key rotation, restore): a write in
        between would be lost, so the autosave writer is refused and retries.
        """
        self._dispose()
        self._engine = _refusing_engine()

    # -- locking: the key leaves memory (as far as Python allows) and connections close --

    @property
    def locked(self) -> bool:
        return self._ring is None

    def lock(self) -> None:
        self._dispose()
        self._ring = None
        self._engine = _refusing_engine()

    def unlock(self, credential: Credential) -> None:
        ring = unlock_file(self._path, credential)
        self._dispose()
        self._engine = _engine(self._path, ring.data_key)
        self._ring = ring

    def close(self) -> None:
        if self._engine is not None:
            self._dispose()
        self._lock.release()


def sqlite_backend(database: Database) -> SqliteBackend:
    """The database's file backend, for what only a file has (keys, backups, rotation)."""
    backend = database.backend
    if not isinstance(backend, SqliteBackend):
        raise DatabaseOpenError(
            "This works only on the database file on this computer, not on a server."
        )
    return backend


def open_database(path: Path, credential: Credential) -> Database:
    """Open (or, when no file exists, create) the encrypted database at ``path``.

    ``credential`` is the passphrase, the recovery key, or an already-unlocked
    :class:`KeyRing`.  A plain database from an earlier version is converted
    (see :mod:`.convert`).  Raises :class:`DatabaseOpenError` with a
    message fit to show the user.
    """
    path = Path(path)
    recover_interrupted_conversion(path)
    recover_interrupted_rotation(path)
    kind = inspect_database(path)
    if path.exists() and path.stat().st_size == 0:
        raise DatabaseOpenError(
            f"{path} is empty, so it is not a supervision database (it may have been damaged). "
            "It has been left untouched; restore a backup or choose another file with --db."
        )
    if kind is DatabaseKind.MISSING:
        if key_file_path(path).exists():
            raise DatabaseOpenError(
                f"The database {path} is missing, but its key file is still there. "
                "Restore the database from a backup; the key file has been left untouched."
            )
        try:
            private_folder(path.parent)
        except OSError as exc:
            raise DatabaseOpenError(
                f"Cannot create the folder {path.parent} for the database ({exc.strerror or exc}). "
                "Choose another location with --db."
            ) from None
    elif kind is DatabaseKind.UNKNOWN:
        raise not_ours_error(path)
    lock = InstanceLock(path)
    try:
        lock.acquire()
    except InstanceLockedError as exc:
        raise DatabaseInUseError(str(exc)) from None
    except OSError as exc:
        raise DatabaseOpenError(
            f"Cannot use the folder {path.parent} ({exc.strerror or exc}). Choose another location with --db."
        ) from None
    try:
        ring = _open_keys(path, kind, credential, thorough=needs_full_check(path, lock))
        _tighten(path)
        # A file at the current schema needs no upgrade: its engine is made when first used.
        engine = (
            None
            if _schema_is_current(path, ring.data_key)
            else _prepared_engine(path, ring.data_key)
        )
    except BaseException:
        lock.release()
        raise
    return Database(SqliteBackend(path, engine, ring, lock))


def _schema_is_current(path: Path, data_key: bytes) -> bool:
    """Whether the file has our tables at :data:`SCHEMA_VERSION`, stamped with Alembic's head
    (plain SQL, no SQLAlchemy); a file that is not ours or is newer is refused here, as
    :func:`.schema.prepare_schema` would refuse it."""
    conn = cipher.connect(str(path), data_key, read_only=True)
    try:
        tables, meta = cipher.read_meta(conn)
        stamped = revisions.stamp_of(conn, tables)
    finally:
        conn.close()
    if not tables or check_identity(path, meta) != SCHEMA_VERSION:
        return False
    return stamped is not None and not revisions.laptop_pending(path, stamped)


def _prepared_engine(path: Path, data_key: bytes) -> Engine:
    """The engine on the file, its schema created, upgraded or checked."""
    engine = _engine(path, data_key)
    # Here, not at the top: the schema needs SQLAlchemy, which loads while the unlock
    # dialog waits (ui/app.py), not before it appears.
    from supervision_app.storage.sqlite.schema import prepare_schema

    try:
        prepare_schema(engine, path, data_key)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _tighten(path: Path) -> None:
    """Files an earlier version left readable by others become private once unlocked (and the
    app's own data folder with them; a folder the user chose with --db is left as it is)."""
    with contextlib.suppress(OSError):
        make_private(path)
        make_private(key_file_path(path))
        if os.name == "posix" and path.parent.resolve() == data_dir().resolve():
            os.chmod(path.parent, FOLDER_MODE)


def not_ours_error(path: Path) -> NotOurDatabaseError:
    return NotOurDatabaseError(
        f"The key file {key_file_path(path).name} is missing beside {path}: it is either an "
        "encrypted supervision database without its key file, or not a supervision database "
        "at all (it is not an SQLite file, and there is no key file beside it). It has been "
        "left untouched. If it is your database, put its key file back beside it (every backup "
        "holds one) or restore a backup; otherwise choose another file with --db."
    )


#: Files up to this size get the full check of every page at every unlock: about 1.5 s per
#: 100 MB here, so under a second. Larger files (years of records) get it only after an
#: unclean end, so start-up does not grow with the history.
FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024


def needs_full_check(path: Path, lock: InstanceLock) -> bool:
    """Whether opening must check every page of the file before anything is written.

    Always for a file of up to :data:`FULL_CHECK_MAX_BYTES`, where the check is cheap: a
    damaged file is then refused at unlock, untouched, with a message saying what to do.
    A larger file after a clean close was whole when it was closed, and every page is
    checked by its HMAC when it is read, so unlocking checks only what costs the same at
    any size (:func:`.cipher.check_structure`): start-up does not grow with ten years of
    records. After a crash, a kill or a power cut (the instance lock was not released),
    or with a write-ahead log left beside the file, the full check runs whatever the size.
    """
    wal = path.with_name(path.name + "-wal")
    if lock.previous_unclean or (wal.exists() and wal.stat().st_size > 0):
        return True
    try:
        return path.stat().st_size <= FULL_CHECK_MAX_BYTES
    except OSError:
        return True


def _open_keys(
    path: Path, kind: DatabaseKind, credential: Credential, *, thorough: bool = True
) -> KeyRing:
    if kind is DatabaseKind.MISSING:
        return _create(path, credential)
    if kind is DatabaseKind.PLAIN:
        if key_file_path(path).exists():
            raise DatabaseOpenError(
                f"{path} is not encrypted, but a key file exists beside it: the database may "
                "have been replaced. Neither file has been changed. Restore the database from a "
                "backup, or move the key file away only if you are sure this plain file is your "
                "database from an earlier version."
            )
        ring = _new_ring(credential)
        encrypt_plain_database(path, ring)
        return ring
    return unlock_file(path, credential, thorough=thorough)


def _new_ring(credential: Credential) -> KeyRing:
    if isinstance(credential, KeyRing):
        return credential
    if isinstance(credential, RecoveryKey):
        raise UnlockError("A new database needs a passphrase, not a recovery key.")
    return new_key_ring(credential.text)


def _create(path: Path, credential: Credential) -> KeyRing:
    ring = _new_ring(credential)
    write_key_file(key_file_path(path), [ring.entry])
    try:
        conn = cipher.connect(str(path), ring.data_key)
        conn.close()
    except cipher.Error as exc:
        for leftover in (path, key_file_path(path)):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise DatabaseOpenError(
            f"Cannot create the database at {path} ({exc}). Choose another location with --db."
        ) from None
    return ring


def unlock_file(path: Path, credential: Credential, *, thorough: bool = False) -> KeyRing:
    """The key ring that opens ``path``, proven by a real read-only read. Touches nothing.

    A damaged file raises :class:`DatabaseOpenError`: with ``thorough``, every page is
    checked (:func:`.cipher.check_integrity`); otherwise the checks whose cost does not
    grow with the file (:func:`.cipher.check_structure`)."""
    keys = key_file_path(path)
    try:
        entries = read_key_file(keys)
        rings = [credential] if isinstance(credential, KeyRing) else unlock(entries, credential)
    except CredentialError as exc:
        raise UnlockError(str(exc)) from None
    for ring in rings:
        try:
            conn = cipher.connect(str(path), ring.data_key, read_only=True)
        except cipher.DatabaseError:
            continue
        except cipher.Error as exc:
            raise DatabaseOpenError(
                f"{path} cannot be read ({exc}). It has been left untouched."
            ) from None
        try:
            if thorough:
                damage = cipher.check_integrity(conn)
            else:
                damage = cipher.check_structure(conn, str(path))
        finally:
            conn.close()
        if damage:
            raise DatabaseOpenError(
                f"{path} is damaged ({damage[0]}). It has been left untouched; restore it from "
                "a backup (Security › Back up makes one; 'supervision-app restore' restores it)."
            )
        if len(entries) > 1 and not isinstance(credential, KeyRing):
            # A key rotation was interrupted: keep only the key that opens the file.
            write_key_file(keys, [ring.entry])
        return ring
    raise DatabaseOpenError(
        f"The key unlocked, but {path} could not be read with it: the file is damaged or does "
        "not belong to this key file. It has been left untouched; restore it from a backup."
    )


def _engine(path: Path, data_key: bytes) -> Engine:
    def creator() -> Any:
        conn = cipher.connect(str(path), data_key)
        cipher.apply_pragmas(conn)
        return conn

    import sqlcipher3
    from sqlalchemy import create_engine
    from sqlalchemy.pool import QueuePool

    return create_engine("sqlite://", creator=creator, module=sqlcipher3, poolclass=QueuePool)


def _refusing_engine() -> Engine:
    """An engine whose every connection is refused (locked, or suspended for a file swap)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import QueuePool

    return create_engine("sqlite://", creator=_refuse_locked, poolclass=QueuePool)


def _refuse_locked() -> NoReturn:
    raise DatabaseLockedError(LOCKED_MESSAGE)


__all__ = [
    "DatabaseKind",
    "SqliteBackend",
    "inspect_database",
    "not_ours_error",
    "open_database",
    "sqlite_backend",
    "unlock_file",
]
