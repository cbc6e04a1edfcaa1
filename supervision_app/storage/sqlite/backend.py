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
from supervision_app.storage.sqlite.kind import DatabaseKind, inspect_database, not_ours_error
from supervision_app.storage.sqlite.page_check import PageCheck, describe_damage
from supervision_app.storage.sqlite.recovery import recover_interrupted_rotation

if TYPE_CHECKING:  # SQLAlchemy is imported when a database is opened, not before the unlock dialog
    from sqlalchemy import Engine

_BUILDING = threading.Lock()  # the autosave thread and the window may both ask first


class SqliteBackend:
    """An open, unlocked database file: its engine, its key ring and its instance lock."""

    dialect: SqliteDialect = DIALECT

    def __init__(
        self,
        path: Path,
        engine: Engine | None,
        ring: KeyRing,
        lock: InstanceLock,
        page_check: PageCheck | None = None,
    ) -> None:
        """``engine`` None: the file's schema is current, and the engine is made (and the
        schema's upkeep run) when first used, so that opening the file imports no
        SQLAlchemy: the window's first screen is read without it (storage/sqlite/first_paint.py).
        ``page_check``: the full page check running in the background; the engine is not
        handed out until it has passed (nothing is written to a damaged file)."""
        self._path = path
        self._engine: Engine | None = engine
        self._ring: KeyRing | None = ring
        self._lock = lock
        self._page_check = page_check
        self._recheck = False  # the check was stopped by a lock: run it again at unlock
        self._read_only = False  # the check found damage: the engine only reads
        self._new_recovery_key = ring.new_recovery_key
        ring.new_recovery_key = None
        #: The autosave's connection (storage/held.py), closed whenever the engine's are.
        self.held = HeldConnection()

    @property
    def path(self) -> Path:
        return self._path

    @property
    def engine(self) -> Engine:
        if self._page_check is not None and self._wait_for_page_check():
            return self._engine_read_only()
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
        if self._engine is not None:
            self._engine.dispose()

    # -- the full page check, when it runs beside the window (storage/sqlite/page_check.py) --

    @property
    def page_check(self) -> PageCheck | None:
        """The page check still running or found damage (None once the file passed it)."""
        return self._page_check

    def damage_message(self, problems: list[str]) -> str:
        return (
            f"{self._path} is damaged ({describe_damage(problems)}). Nothing has been written "
            "to it since it was opened, and nothing more will be: the records can be read, but "
            "what you type now cannot be saved. Copy anything you typed just now somewhere "
            "safe, then restore the database from a backup (Security › Restore from a "
            "backup…, or 'supervision-app restore')."
        )

    def _wait_for_page_check(self) -> bool:
        """Wait for the page check (it started at unlock; usually it has ended by the time
        the window is painted). True if it found damage in the file still at the path: the
        file is then only read, never written (every page read is checked by its HMAC)."""
        check = self._page_check
        if check is None:
            return False
        problems = check.result()
        if problems and check.concerns_the_file_at_path():
            return True
        if not check.cancelled:  # passed, or the damaged file was replaced (a restore)
            self._page_check = None
        return False

    def _engine_read_only(self) -> Engine:
        """The engine on a damaged file: read-only connections, which SQLite refuses to write
        with ("attempt to write a readonly database"); made once (and again after a lock)."""
        if not self._read_only:
            with _BUILDING:
                if not self._read_only:
                    self._dispose()
                    self._engine = _engine(self._path, self.key_ring.data_key, read_only=True)
                    self._read_only = True
        assert self._engine is not None
        return self._engine

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

    def found_damage(self) -> str | None:
        """The damage message once the page check has found damage in the file at the path
        (without waiting for a check still running)."""
        check = self._page_check
        if check is None or not check.finished or check.cancelled:
            return None
        problems = check.result()
        if problems and check.concerns_the_file_at_path():
            return self.damage_message(problems)
        return None

    def lock(self) -> None:
        check = self._page_check
        if check is not None and not check.finished:  # its connection holds the key
            check.cancel()
            self._page_check, self._recheck = None, True
        self._dispose()
        self._ring = None
        self._engine = _refusing_engine()
        self._read_only = False  # made again at unlock, if the damage is still there

    def unlock(self, credential: Credential) -> None:
        ring = unlock_file(self._path, credential)
        self._dispose()
        self._engine = _engine(self._path, ring.data_key)
        self._ring = ring
        if self._recheck:
            self._page_check, self._recheck = PageCheck(self._path, ring.data_key), False

    def close(self) -> None:
        if self._page_check is not None and not self._page_check.finished:
            self._page_check.cancel()
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
        before = needs_full_check(path, lock)
        ring = _open_keys(path, kind, credential, thorough=before)
        _tighten(path)
        beside = kind is DatabaseKind.ENCRYPTED and not before and is_small(path)
        # A file at the current schema needs no upgrade: its engine is made when first used.
        current = _schema_is_current(path, ring.data_key)
        if beside and not current:  # an upgrade writes at once: check every page first
            refuse_damage(path, cipher.connect(str(path), ring.data_key, read_only=True), True)
            beside = False
        engine = None if current else _prepared_engine(path, ring.data_key)
        # Every page is checked beside the window; the engine waits for it (page_check.py).
        check = PageCheck(path, ring.data_key) if beside else None
    except BaseException:
        lock.release()
        raise
    return Database(SqliteBackend(path, engine, ring, lock, check))


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


#: Files up to this size get the full check of every page at every unlock (about 1.5 s per
#: 100 MB here, so under a second), beside the window after a clean close
#: (:mod:`.page_check`). Larger files (years of records) get it only after an unclean end,
#: so start-up does not grow with the history.
FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024


def needs_full_check(path: Path, lock: InstanceLock) -> bool:
    """Whether opening must check every page of the file before it returns.

    After a crash, a kill or a power cut (the instance lock was not released), or with a
    write-ahead log left beside the file, whatever the size: a damaged file is then refused
    at unlock, untouched, with a message saying what to do. After a clean close, the file
    was whole when it was closed, and every page is checked by its HMAC when it is read, so
    unlocking checks only what costs the same at any size (:func:`.cipher.check_structure`);
    a file of up to :data:`FULL_CHECK_MAX_BYTES` is then checked in full beside the window
    (:func:`is_small`, :mod:`.page_check`), and nothing is written before that check passed.
    """
    wal = path.with_name(path.name + "-wal")
    return lock.previous_unclean or (wal.exists() and wal.stat().st_size > 0)


def is_small(path: Path) -> bool:
    """Whether a cleanly closed file gets the full page check at unlock (beside the window)."""
    try:
        return path.stat().st_size <= FULL_CHECK_MAX_BYTES
    except OSError:
        return True


def refuse_damage(path: Path, conn: cipher.Connection, thorough: bool) -> None:
    """Check the file on ``conn`` (closed after) and refuse it, untouched, if it is damaged."""
    try:
        damage = (
            cipher.check_integrity(conn) if thorough else cipher.check_structure(conn, str(path))
        )
    finally:
        conn.close()
    if damage:
        raise DatabaseOpenError(
            f"{path} is damaged ({describe_damage(damage)}). It has been left untouched; "
            "restore it from a backup (Security › Back up makes one; 'supervision-app restore' "
            "restores it)."
        )


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
        refuse_damage(path, conn, thorough)
        if len(entries) > 1 and not isinstance(credential, KeyRing):
            # A key rotation was interrupted: keep only the key that opens the file.
            write_key_file(keys, [ring.entry])
        return ring
    raise DatabaseOpenError(
        f"The key unlocked, but {path} could not be read with it: the file is damaged or does "
        "not belong to this key file. It has been left untouched; restore it from a backup."
    )


def _engine(path: Path, data_key: bytes, *, read_only: bool = False) -> Engine:
    def creator() -> Any:
        if read_only:  # a damaged file (page_check.py): opened read-only, and queries only
            conn = cipher.connect(str(path), data_key, read_only=True)
            conn.execute("PRAGMA query_only=ON")
            return conn
        conn = cipher.connect(str(path), data_key)
        cipher.apply_pragmas(conn)
        return conn

    import sqlcipher3
    from sqlalchemy import create_engine
    from sqlalchemy.pool import QueuePool

    # hide_parameters: the user's words never appear in an error's text (logs, crash output)
    return create_engine(
        "sqlite://", creator=creator, module=sqlcipher3, poolclass=QueuePool, hide_parameters=True
    )


def _refusing_engine() -> Engine:
    """An engine whose every connection is refused (locked, or suspended for a file swap)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import QueuePool

    return create_engine(
        "sqlite://", creator=_refuse_locked, poolclass=QueuePool, hide_parameters=True
    )


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
