"""The one place where the database file is opened.

Everything else receives a :class:`Database` and asks it for ORM sessions, so
that encryption and schema migrations can be added here without the rest of
the code knowing.  The file is never re-created or re-initialised once it has
content: a file that is not ours, is damaged or comes from a newer version is
refused with a clear message and left untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from supervision_app.storage.models import Base, MetaRow
from supervision_app.storage.search_index import ensure_search_index

APPLICATION_ID = "supervision_app"
SCHEMA_VERSION = 1
_SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseOpenError(Exception):
    """The database cannot be used. The message says why and what to do."""


class NotOurDatabaseError(DatabaseOpenError):
    pass


class NewerDatabaseError(DatabaseOpenError):
    pass


class Database:
    """An open database file: an engine and a session factory."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def read(self) -> Session:
        return self._sessions()

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path) -> Database:
    """Open (or create) the database at ``path``.

    Raises :class:`DatabaseOpenError` with a message fit to show the user.
    """
    path = Path(path)
    exists = path.exists()
    if exists:
        _check_header(path)
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseOpenError(
                f"Cannot create the folder {path.parent} for the database ({exc.strerror or exc}). "
                "Choose another location with --db."
            ) from None
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    try:
        _prepare_schema(engine, path, exists)
    except DatabaseOpenError:
        engine.dispose()
        raise
    except (OperationalError, DatabaseError, sqlite3.Error) as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", exc))
        if exists:
            raise DatabaseOpenError(
                f"{path} could not be read as a supervision database ({reason}). "
                "It has been left untouched; restore it from a backup or choose another file."
            ) from None
        raise DatabaseOpenError(
            f"Cannot create the database at {path} ({reason}). Choose another location with --db."
        ) from None
    return Database(path, engine)


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseOpenError(f"Cannot read {path} ({exc.strerror or exc}).") from None
    if header and header != _SQLITE_HEADER:
        raise NotOurDatabaseError(
            f"{path} is not a supervision database (it is not an SQLite file). "
            "It has been left untouched; choose another file with --db."
        )


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.execute("PRAGMA secure_delete=ON")
    finally:
        cursor.close()


def _prepare_schema(engine: Engine, path: Path, existed: bool) -> None:
    if existed:
        # Identify the file read-only first: the connect pragmas (WAL) would
        # otherwise change a file that is not ours before we refuse it.
        tables, meta = _identify(path)
    else:
        tables, meta = set(), {}
    if not tables:
        Base.metadata.create_all(engine)
        with Session(engine) as session, session.begin():
            session.add(MetaRow(key="application_id", value=APPLICATION_ID))
            session.add(MetaRow(key="schema_version", value=str(SCHEMA_VERSION)))
        ensure_search_index(engine)
        return
    if meta.get("application_id") != APPLICATION_ID:
        raise NotOurDatabaseError(
            f"{path} is a database written by another application, not this app. "
            "It has been left untouched; choose another file with --db."
        )
    try:
        version = int(meta.get("schema_version", "0"))
    except ValueError:
        version = 0
    if version > SCHEMA_VERSION:
        raise NewerDatabaseError(
            f"{path} was written by a newer version of this app (schema {version}; this version "
            f"understands {SCHEMA_VERSION}). Update the app to open it; the file is untouched."
        )
    if version < 1:
        raise DatabaseOpenError(
            f"{path} has an unknown schema version; it has been left untouched."
        )
    # Tables added in later releases are created here; existing ones are never touched.
    Base.metadata.create_all(engine)
    ensure_search_index(engine)


def _identify(path: Path) -> tuple[set[str], dict[str, str]]:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    connection = sqlite3.connect(uri, uri=True)
    try:
        tables = {
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        meta: dict[str, str] = {}
        if "app_meta" in tables:
            meta = {
                str(k): str(v) for k, v in connection.execute("SELECT key, value FROM app_meta")
            }
        return tables, meta
    finally:
        connection.close()
