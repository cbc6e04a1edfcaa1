"""The store the UI, the command line and the renderers use: one object, made of parts.

Each part is its own class, sharing the :class:`~supervision_app.storage.database.Database`:

- ``store.cases``: list, create, edit, find, delete and import cases;
- ``store.sessions``: sessions with their answers, decisions and actions;
- ``store.focus``: the agenda, Today, the summary, Home's attention list, the next session;
- ``store.signing``: sign-offs, addenda, snapshots and verification;
- ``store.audit``: events noted on a record and its audit trail;
- ``store.settings``: the named user, the protective marking, the late-entry days;
- ``store.memory``: the case memory (hypotheses, escalations, chronology, search);
- ``store.words``: spell-check's personal words.

Every method opens its own short unit of work and returns plain domain objects (never ORM
rows), so callers never build queries and nothing they hold is tied to a database session.
Methods are safe to call from the autosave thread and the GUI thread at the same time.
"""

from __future__ import annotations

from supervision_app.storage.audit import AuditStore
from supervision_app.storage.cases import CaseStore
from supervision_app.storage.database import Database
from supervision_app.storage.focus_store import FocusStore
from supervision_app.storage.interface import Storage
from supervision_app.storage.loading import NotFoundError
from supervision_app.storage.memory_store import CaseMemoryStore
from supervision_app.storage.personal_words import PersonalWordStore
from supervision_app.storage.sessions import SessionStore
from supervision_app.storage.settings import SettingsStore
from supervision_app.storage.signing import SigningStore

__all__ = ["NotFoundError", "SupervisionStore", "as_storage"]


class SupervisionStore:
    """The parts of the store, composed over one database."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.memory = CaseMemoryStore(database)
        self.words = PersonalWordStore(database)
        self.settings = SettingsStore(database)
        self.audit = AuditStore(database)
        self.cases = CaseStore(database)
        self.sessions = SessionStore(database)
        self.signing = SigningStore(database, self.settings, self.memory)
        self.focus = FocusStore(database, self.sessions, self.signing, self.memory)


def as_storage(store: SupervisionStore) -> Storage:
    """The store as its typed interface (mypy checks here that the SQLite store satisfies
    :class:`~supervision_app.storage.interface.Storage`)."""
    return store
