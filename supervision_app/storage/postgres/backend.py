"""The agency server as a storage backend: a :class:`Database` on a shared PostgreSQL.

:func:`open_server` connects under libpq's conventions (connect.py), checks that the database
was set up by ``server-init`` for a schema this version understands, and returns the same
:class:`Database` the laptop's file gives, so the store and everything above it run unchanged.
What only a file has (keys, backups, rotation) is refused by ``sqlite_backend``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from supervision_app.storage import revisions
from supervision_app.storage.database import Database
from supervision_app.storage.held import HeldConnection
from supervision_app.storage.identity import (
    APPLICATION_ID,
    LOCKED_MESSAGE,
    DatabaseLockedError,
    DatabaseOpenError,
)
from supervision_app.storage.postgres.connect import (
    AgencyConnectError,
    AgencyURL,
    connect,
    parse_agency_url,
)
from supervision_app.storage.postgres.dialect import DIALECT, PostgresDialect
from supervision_app.storage.postgres.server_init import SERVER_KEY

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from supervision_app.storage.keys import Credential

AskPassword = Callable[[str], "str | None"]


class PostgresBackend:
    """An open connection to the agency server, as the login ``login``."""

    dialect: PostgresDialect = DIALECT

    def __init__(
        self, target: AgencyURL, engine: Engine, login: str, asks_password: bool = True
    ) -> None:
        self.target = target
        self.login = login
        #: False when libpq logged in without asking (PGPASSFILE, a client certificate, a
        #: trusted socket): unlocking then connects again without a password.
        self.asks_password = asks_password
        self._engine: Engine | None = engine
        #: The autosave's connection (storage/held.py), closed with the engine's.
        self.held = HeldConnection()

    @property
    def path(self) -> Path:
        """Names the server for the window's title (a URL without secrets, not a file)."""
        return Path(self.target.shown)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise DatabaseLockedError(LOCKED_MESSAGE)
        return self._engine

    @property
    def new_recovery_key(self) -> str | None:
        return None

    @property
    def locked(self) -> bool:
        return self._engine is None

    def found_damage(self) -> str | None:
        """Nothing: the server checks its own storage."""
        return None

    def lock(self) -> None:
        """Close every connection and drop the engine (and with it any password it held)."""
        self.held.close()
        if self._engine is not None:
            self._engine.dispose()
        self._engine = None

    def unlock(self, credential: Credential) -> None:
        """Connect again as the same login; a passphrase given here is the login's password
        if the server asks for one (an empty one is no password)."""
        secret = getattr(credential, "text", None) or None
        try:
            engine = connect(self.target, lambda _shown: secret, pool_pre_ping=True)
        except AgencyConnectError as exc:
            raise DatabaseOpenError(str(exc)) from None
        self._engine = engine

    def after_delete(self) -> None:
        """Nothing: the server keeps no copy of deleted text on this laptop."""

    def close(self) -> None:
        self.lock()


def open_server(url: str, ask_password: AskPassword | None = None) -> Database:
    """The agency server at ``url`` as a :class:`Database`; ``DatabaseOpenError`` says why not."""
    from sqlalchemy import text

    try:
        target = parse_agency_url(url)
        asked: list[str] = []

        def ask(shown: str) -> str | None:
            asked.append(shown)
            return ask_password(shown) if ask_password is not None else None

        engine = connect(target, ask if ask_password is not None else None, pool_pre_ping=True)
    except AgencyConnectError as exc:
        raise DatabaseOpenError(str(exc)) from None
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT key, value FROM app_meta")).all()
            meta: dict[str, str] = {str(k): str(v) for k, v in rows}
            if meta.get("application_id") != APPLICATION_ID or SERVER_KEY not in meta:
                raise DatabaseOpenError(
                    f"{target.shown} is not an agency server set up by server-init."
                )
            try:
                todo = revisions.pending(conn)
            except revisions.NewerSchemaError:
                raise DatabaseOpenError(
                    f"The agency server {target.shown} runs a newer version of this app's "
                    "schema. Update the app to use it."
                ) from None
            if todo:
                raise DatabaseOpenError(
                    f"The agency server {target.shown} needs upgrading by IT first "
                    "(supervision-app server-upgrade)."
                )
            login = str(conn.scalar(text("SELECT session_user")))
    except DatabaseOpenError:
        engine.dispose()
        raise
    except Exception as exc:  # a database that is not ours has no app_meta, or no grant on it
        engine.dispose()
        raise DatabaseOpenError(
            f"{target.shown} is not an agency server this login can use ({type(exc).__name__})."
        ) from None
    return Database(PostgresBackend(target, engine, login, asks_password=bool(asked)))
