"""The window's first screen, read with plain SQL from the SQLCipher file: no SQLAlchemy.

SQLAlchemy, the ORM models and the store are about a third of the app's start-up imports.
The first screen after unlock (the case list's first page, the first case's sessions, who
is using the computer) needs four small queries, so :class:`FirstPaintStore` answers
those from read-only SQLCipher connections (keyed and proven as every connection is,
:func:`.cipher.connect`, and closed after each query), and builds the real :class:`~.store.SupervisionStore` for
everything else: when first asked for anything else, or when :meth:`FirstPaintStore.load`
is called (the window calls it just after its first paint). From then on, and whenever the
database is locked, every call goes to the real store.

The queries return exactly what the store's own return (``tests/storage/test_first_paint_reader.py``
compares them on the same files): keep them in step with ``store.cases.list_cases``,
``store.sessions.list_sessions`` and ``store.settings.current_user``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supervision_app.domain import CaseSummary, SessionSummary
from supervision_app.domain.signing import LocalUser

if TYPE_CHECKING:
    from supervision_app.storage.database import Database
    from supervision_app.storage.store import SupervisionStore

_CASES = (
    "SELECT id, reference, practitioner, supervisor, session_count, last_session FROM cases "
    "ORDER BY coalesce(last_session, date(created_at)) DESC, reference LIMIT ? OFFSET ?"
)  # the ix_cases_recent index, as store.cases.list_cases
_CHILDREN = (
    "SELECT case_id, name FROM children WHERE case_id IN ({marks}) ORDER BY case_id, position"
)
_SESSIONS = (
    "WITH page AS (SELECT id FROM sessions WHERE case_id = ? "
    "ORDER BY date DESC, id DESC LIMIT ? OFFSET ?) "
    "SELECT s.id, s.uid, s.case_id, s.date, s.attendees, s.updated_at, "
    "(SELECT count(a.id) FROM answers a WHERE a.session_id = s.id AND trim(a.text) != ''), "
    "(SELECT count(t.id) FROM structured_answers t WHERE t.session_id = s.id) "
    "FROM sessions s WHERE s.id IN (SELECT id FROM page) ORDER BY s.date DESC, s.id DESC"
)
_USER = "SELECT id, name, role FROM local_users ORDER BY last_used_at DESC, id DESC LIMIT 1"


class FirstPaintReader:
    """The first screen's queries, each on its own read-only connection to the encrypted file
    (keyed and proven as every connection is; about a millisecond to open with the raw key).
    No connection outlives its query: locking the app, or a check of the file at unlock,
    never finds one open."""

    def __init__(self, path: Path, data_key: bytes | Callable[[], bytes]) -> None:
        """``data_key``: the key, or how to get the current one (a restore or a key rotation
        replaces it while the window is open)."""
        self._path = path
        self._key: Callable[[], bytes] = data_key if callable(data_key) else lambda: data_key

    def close(self) -> None:
        self._key = lambda: b""

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        from supervision_app.storage.sqlite import cipher

        conn = cipher.connect(str(self._path), self._key(), read_only=True)
        try:
            yield conn
        finally:
            conn.close()

    def list_cases(self, limit: int | None = None, offset: int = 0) -> list[CaseSummary]:
        with self._connection() as conn:
            rows = conn.execute(_CASES, (-1 if limit is None else limit, offset)).fetchall()
            names: dict[int, list[str]] = {}
            if rows:
                ids = [r[0] for r in rows]
                query = _CHILDREN.format(marks=", ".join("?" * len(ids)))
                for case_id, name in conn.execute(query, ids):
                    names.setdefault(case_id, []).append(name)
        return [
            CaseSummary(
                id=cid,
                reference=reference,
                practitioner=practitioner,
                supervisor=supervisor,
                children=", ".join(names.get(cid, ())),
                session_count=count or 0,
                last_session=_date(last),
            )
            for cid, reference, practitioner, supervisor, count, last in rows
        ]

    def list_sessions(
        self, case_id: int, limit: int | None = None, offset: int = 0
    ) -> list[SessionSummary]:
        with self._connection() as conn:
            params = (case_id, -1 if limit is None else limit, offset)
            rows = conn.execute(_SESSIONS, params).fetchall()
        return [
            SessionSummary(
                id=sid,
                uid=uid,
                case_id=case,
                date=date.fromisoformat(on),
                attendees=tuple(json.loads(attendees) if attendees else ()),
                answered=(n or 0) + (t or 0),
                updated_at=datetime.fromisoformat(updated),
            )
            for sid, uid, case, on, attendees, updated, n, t in rows
        ]

    def current_user(self) -> LocalUser | None:
        with self._connection() as conn:
            row = conn.execute(_USER).fetchone()
        return LocalUser(row[0], row[1], row[2]) if row else None


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value)[:10])


class FirstPaintStore:
    """A :class:`SupervisionStore` whose first screen is read with plain SQL (see the module).

    Use it as the store: the first screen's reads (:meth:`list_cases`,
    :meth:`list_sessions`, :meth:`current_user`) come from the plain-SQL reader until the
    real store is loaded; any other attribute loads the real store and is its.
    """

    def __init__(self, database: Database, data_key: bytes | Callable[[], bytes]) -> None:
        self.database = database
        self._store: SupervisionStore | None = None
        self._reader: FirstPaintReader | None = FirstPaintReader(database.path, data_key)
        self._loading = threading.Lock()  # the autosave thread may be the first to ask

    @property
    def loaded(self) -> bool:
        return self._store is not None

    def load(self) -> SupervisionStore:
        """The real store (SQLAlchemy, the ORM and the models load now, once)."""
        store = self._store
        if store is None:
            with self._loading:
                if self._store is None:
                    from supervision_app.storage.store import SupervisionStore

                    self._store = SupervisionStore(self.database)
                    if self._reader is not None:
                        self._reader.close()
                        self._reader = None
                store = self._store
        return store

    def __getattr__(self, name: str) -> Any:
        if name in _PARTS:  # held by the window from the start, used later: built when used
            part = _Part(self, name)
            setattr(self, name, part)
            return part
        return getattr(self.load(), name)

    def _real(self, part: str, name: str) -> Any:
        """The real store's ``store.<part>.<name>`` (``store.<name>`` before the store had parts)."""
        store = self.load()
        return getattr(getattr(store, part, store), name)

    def list_cases(self, limit: int | None = None, offset: int = 0) -> list[CaseSummary]:
        reader = self._reader
        if self._store is not None or reader is None or self.database.locked:
            cases: list[CaseSummary] = self._real("cases", "list_cases")(limit, offset)
            return cases
        return reader.list_cases(limit, offset)

    def list_sessions(
        self, case_id: int, limit: int | None = None, offset: int = 0
    ) -> list[SessionSummary]:
        reader = self._reader
        if self._store is not None or reader is None or self.database.locked:
            sessions: list[SessionSummary] = self._real("sessions", "list_sessions")(
                case_id, limit, offset
            )
            return sessions
        return reader.list_sessions(case_id, limit, offset)

    def current_user(self) -> LocalUser | None:
        reader = self._reader
        if self._store is not None or reader is None or self.database.locked:
            user: LocalUser | None = self._real("settings", "current_user")()
            return user
        return reader.current_user()


#: The store's parts (``store.cases``...), and which of their reads the first screen makes.
_PARTS: dict[str, frozenset[str]] = {
    "cases": frozenset({"list_cases"}),
    "sessions": frozenset({"list_sessions"}),
    "settings": frozenset({"current_user"}),
    "focus": frozenset(),
    "signing": frozenset(),
    "audit": frozenset(),
    "memory": frozenset(),
    "words": frozenset(),
}


class _Part:
    """``store.<part>`` of a :class:`FirstPaintStore`: the first screen's reads from the
    plain-SQL reader, everything else from the real store's part (built when used)."""

    def __init__(self, owner: FirstPaintStore, name: str) -> None:
        self._owner, self._name = owner, name

    def __getattr__(self, attr: str) -> Any:
        if attr in _PARTS[self._name]:
            return getattr(self._owner, attr)  # the reader until the store is loaded
        return getattr(getattr(self._owner.load(), self._name), attr)


def first_paint_store(database: Database) -> FirstPaintStore | SupervisionStore:
    """The store for a window that is about to be shown: a :class:`FirstPaintStore` on the
    encrypted file; the real store on any other backend (a server)."""
    from supervision_app.storage.sqlite.backend import SqliteBackend

    backend = database.backend
    if not isinstance(backend, SqliteBackend):
        from supervision_app.storage.store import SupervisionStore

        return SupervisionStore(database)
    return FirstPaintStore(database, lambda: backend.key_ring.data_key)  # the current key


__all__ = ["FirstPaintReader", "FirstPaintStore", "first_paint_store"]
