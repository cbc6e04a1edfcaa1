"""The boundary between the portable storage code and the database it runs on.

The store's components, the ORM models and their queries are portable: they ask a
:class:`~supervision_app.storage.database.Database` for sessions and never name the
database engine.  What differs between engines sits behind two small interfaces:

- :class:`Backend`: one open database (its engine, locking it, its upkeep after a delete,
  closing it).  ``storage/sqlite/`` implements it for the encrypted file on a laptop.
- :class:`Dialect`: the SQL that differs (full-text search, which triggers exist, what a
  failed write means), stateless, and found from a connection for code that holds only one.

The agency server's backend is ``storage/postgres/``.  This module imports nothing heavy:
SQLAlchemy only for type checking.
"""

from __future__ import annotations

import errno
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session

    from supervision_app.storage.held import HeldConnection
    from supervision_app.storage.keys import Credential


class StorageFault(Enum):
    """What a failed write means for the user (the autosave's message)."""

    DISK_FULL = "disk_full"
    BUSY = "busy"
    READ_ONLY = "read_only"
    #: A page could not be read: its check failed (the file is damaged).
    DAMAGED = "damaged"
    OTHER = "other"


class SearchRow(NamedTuple):
    """One full-text search hit, best first; ``snippet`` has the matched words between the
    two marks the caller gave."""

    kind: str
    case_id: int
    case_reference: str
    session_id: int | None
    session_date: date | str | None
    locator: str
    item_id: int
    snippet: str


class Dialect(Protocol):
    """The SQL a backend speaks where engines differ (stateless)."""

    #: SQLAlchemy's name for the dialect: ``connection.dialect.name``.
    name: str
    #: True when the database itself names who did what (the agency server: the login, set by
    #: its triggers); False on the laptop, where the named user of this computer does.
    identity_from_login: bool

    def search(
        self, conn: Connection, user_text: str, limit: int, marks: tuple[str, str]
    ) -> list[SearchRow]:
        """Every indexed case and session item matching every word of ``user_text`` (the last
        word may be a prefix), best first, at most ``limit``; [] when there are no words."""
        ...

    def trigger_names(self, conn: Connection) -> set[str]:
        """The names of the triggers in the database (``verify`` checks the audit trail's)."""
        ...

    def classify_error(self, exc: BaseException) -> StorageFault | None:
        """What a failed write means, or None when this dialect does not know the error."""
        ...

    def take_signing_turn(self, session: Session, session_id: int) -> None:
        """Hold the signing of this record to ``session``'s transaction before its chain is
        read, or raise a :class:`~supervision_app.domain.ValidationError` whose message says
        someone else is signing it at this moment (nothing written)."""
        ...

    def save_answer_text(
        self, conn: Any, session_id: int, prompt_id: str, text: str, when: datetime, seen: int
    ) -> int | None:
        """The autosave's quick path, on a DB-API connection (``storage/held.py``): give the
        answer ``text`` (edited ``when``) if it is still at version ``seen`` and the session is
        not signed, and commit; the session's last edit and "edited" audit entry follow in the
        database.  The new version, or None when it changed nothing (no such answer, someone
        else saved since, or signed): the caller then saves in a unit of work, which says why."""
        ...

    def edit_turn(self, conn: Connection, session_id: int) -> None:
        """Take this transaction's turn to change a session's answers (the server: behind a
        signing under way, ``postgres/concurrency.py``; SQLite: writers are serialised)."""
        ...


class Backend(Protocol):
    """One open database, as :class:`~supervision_app.storage.database.Database` uses it."""

    #: The autosave's connection, held across saves; the backend closes it with the others.
    held: HeldConnection

    @property
    def dialect(self) -> Dialect: ...

    @property
    def path(self) -> Path:
        """Where the database is: the file, or for a server a path naming it (the window's
        title and the single-instance guard use it)."""
        ...

    @property
    def engine(self) -> Engine:
        """The engine for new sessions; it may change after :meth:`lock` or :meth:`unlock`."""
        ...

    @property
    def new_recovery_key(self) -> str | None:
        """A recovery key created with the database, to show the user once; else None."""
        ...

    @property
    def locked(self) -> bool: ...

    def found_damage(self) -> str | None:
        """What to tell the user when the file was found damaged since it was opened (its
        writes are then refused); None otherwise, or while that is not known yet."""
        ...

    def lock(self) -> None:
        """Close every connection and forget the secret; new sessions fail with
        :class:`~supervision_app.storage.identity.DatabaseLockedError` until :meth:`unlock`."""
        ...

    def unlock(self, credential: Credential) -> None:
        """Open again; raises :class:`~supervision_app.storage.identity.UnlockError`."""
        ...

    def after_delete(self) -> None:
        """Upkeep after a committed unit of work deleted rows (deleted text must not linger
        in a write-ahead log); nothing for an engine that keeps none on the laptop."""
        ...

    def close(self) -> None: ...


_DIALECTS: dict[str, Dialect] = {}


def register_dialect(dialect: Dialect) -> None:
    """Make ``dialect`` the one for its connections (a backend does this when imported)."""
    _DIALECTS[dialect.name] = dialect


def dialect_of(conn: Connection) -> Dialect:
    """The dialect of a connection's database (its backend registered it when it opened)."""
    try:
        return _DIALECTS[conn.dialect.name]
    except KeyError:
        raise LookupError(f"no storage backend for {conn.dialect.name!r} databases") from None


def classify_error(exc: BaseException) -> StorageFault:
    """What a failed write means: asked of every registered dialect, then of the OS error."""
    for dialect in _DIALECTS.values():
        fault = dialect.classify_error(exc)
        if fault is not None:
            return fault
    original = getattr(exc, "orig", exc)
    if isinstance(original, OSError):
        if original.errno == errno.ENOSPC:
            return StorageFault.DISK_FULL
        if original.errno in (errno.EACCES, errno.EROFS):
            return StorageFault.READ_ONLY
    return StorageFault.OTHER


def refusal(exc: BaseException) -> str | None:
    """The database's refusal of a write, in words fit to show (the agency server's identity
    and access rules: "only the case's practitioner signs as the practitioner", a read-only
    login); None when ``exc`` is not such a refusal."""
    if classify_error(exc) is not StorageFault.READ_ONLY:
        return None
    diag = getattr(getattr(exc, "orig", exc), "diag", None)
    message = str(getattr(diag, "message_primary", "") or "").strip()
    if not message or message.lower().startswith("permission denied"):
        return "This login may read these records but not change them."
    return message
