"""Opening the store: the database, the store on it and the practice content, as one step.

The command line and the window's start-up open the same way (:func:`open_store`): a
database that is missing is created only when the caller may create one, the content is
loaded, the database is unlocked (with a credential, or by the window's dialogs), a
content pack's agency recovery key is added only with the user's consent, and the
database is closed when the ``with`` block ends, however it ends.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supervision_app.content import AgencyRecovery, Content
    from supervision_app.storage import Database, SupervisionStore
    from supervision_app.storage.interface import Storage
    from supervision_app.storage.keys import Credential

#: Unlock (or create) the database at a path; ``new`` is True when no file is there yet.
#: None means the user cancelled before anything was created or unlocked.
Unlock = Callable[[Path, bool], "Database | None"]
#: Asked whether a content pack's agency recovery key may be added; may raise to refuse.
AgencyConsent = Callable[["AgencyRecovery"], bool]


class NoDatabaseError(Exception):
    """There is no database at the path, and the caller may not create one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"there is no database at {path}; nothing was created")


class OpenCancelled(Exception):
    """The user cancelled the unlock: nothing was created or unlocked."""


class AgencyKey(enum.Enum):
    """What became of a content pack's agency recovery key when the store was opened."""

    NOT_NEEDED = "not needed"  # no pack carries one, or it is in the key file already
    NOT_ASKED = "not asked"  # the caller asks later (the window, once it is built)
    DECLINED = "declined"
    ADDED = "added"
    FAILED = "failed"  # the user agreed, but the key file could not be written


@dataclass(frozen=True, slots=True)
class AgencyKeyOutcome:
    result: AgencyKey
    agency: AgencyRecovery | None = None
    #: Why the key file could not be written (``FAILED`` only).
    error: OSError | None = None


class OpenStore:
    """An open database, the store on it and the practice content."""

    def __init__(self, database: Database, content: Content, agency_key: AgencyKeyOutcome) -> None:
        self.database = database
        self.content = content
        self.agency_key = agency_key
        self._store: SupervisionStore | None = None

    @property
    def store(self) -> Storage:
        """The store on the database (made when first asked for: it loads SQLAlchemy and the
        ORM, which the window's start-up imports in the background)."""
        if self._store is None:
            from supervision_app.storage import SupervisionStore

            self._store = SupervisionStore(self.database)
        return self._store

    @property
    def new_recovery_key(self) -> str | None:
        """The recovery key of a database created by this opening (shown once), else None."""
        key: str | None = self.database.new_recovery_key
        return key


def add_agency_key(
    database: Database, agency: AgencyRecovery | None, consent: AgencyConsent
) -> AgencyKeyOutcome:
    """Add a content pack's agency recovery key to the key file, only if ``consent`` (shown
    the pack, its holder and the key's fingerprint) agrees. A key file that cannot be
    written is reported (``FAILED``): the old key file still opens the database."""
    from supervision_app.storage.sqlite.security import agency_key_needed, apply_agency_key

    recipient = agency.public_key if agency else None
    if agency is None or not agency_key_needed(database, recipient):
        return AgencyKeyOutcome(AgencyKey.NOT_NEEDED, agency)
    if not consent(agency):
        return AgencyKeyOutcome(AgencyKey.DECLINED, agency)
    try:
        added = apply_agency_key(database, recipient, agency.pack)
    except OSError as exc:
        return AgencyKeyOutcome(AgencyKey.FAILED, agency, exc)
    return AgencyKeyOutcome(AgencyKey.ADDED if added else AgencyKey.NOT_NEEDED, agency)


def load_content() -> Content:
    """The built-in practice content with every installed pack (raises ContentError)."""
    from supervision_app.content import load_content_with_packs

    return load_content_with_packs()


@contextmanager
def open_store(
    db_path: Path,
    unlock: Unlock,
    *,
    create: bool = False,
    content: Content | Callable[[], Content] | None = None,
    agency_consent: AgencyConsent | None = None,
) -> Iterator[OpenStore]:
    """Open the store at ``db_path`` for the ``with`` block, and close it after.

    In order: a missing database raises :class:`NoDatabaseError` unless ``create``; the
    content is loaded unless given (ContentError); given as a function, it is asked for
    after the unlock (the window loads it while its unlock screen waits); ``unlock`` opens or creates the database
    (DatabaseOpenError; returning None raises :class:`OpenCancelled`); then, if
    ``agency_consent`` is given, a pack's agency recovery key is offered to it
    (:func:`add_agency_key`). Whatever is raised after the unlock, the database is closed.
    """
    db_path = Path(db_path)
    new = not db_path.exists()
    if new and not create:
        raise NoDatabaseError(db_path)
    if content is None:
        content = load_content()
    database = unlock(db_path, new)
    if database is None:
        raise OpenCancelled(str(db_path))
    try:
        if callable(content):  # loaded while the unlock screen waited (ContentError)
            content = content()
        agency = content.agency_recovery
        outcome = (
            add_agency_key(database, agency, agency_consent)
            if agency_consent is not None
            else AgencyKeyOutcome(AgencyKey.NOT_ASKED, agency)
        )
        yield OpenStore(database, content, outcome)
    finally:
        database.close()


def with_credential(credential: Credential) -> Unlock:
    """An :data:`Unlock` that opens (or creates) the database with ``credential`` (a
    passphrase, a recovery key or a key ring), asking nothing."""
    from supervision_app.storage import open_database

    def unlock(path: Path, _new: bool) -> Database:
        return open_database(path, credential)

    return unlock
