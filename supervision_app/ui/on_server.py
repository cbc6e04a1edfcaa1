"""Whether a window's records are on the agency server, and the words it then uses.

On the laptop the records are in an encrypted file "on this computer", opened with a
passphrase, and a named user of this computer writes the audit trail and signs. On the
agency server the records are on the server, the person is their own database login (the
audit trail's "who" and every signer come from it), and the passphrase, recovery key and
backups are the server's and IT's business. Every part of the window that words things
differently asks :func:`server_info` (None on the laptop, whose wording never changes).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit

if TYPE_CHECKING:
    from supervision_app.storage import Database
    from supervision_app.storage.postgres.backend import PostgresBackend


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """The agency server a window is on, as a person reads it."""

    #: host/database, without the user, a password or the URL's options.
    where: str
    #: the database login the person authenticated as (``session_user``).
    login: str
    #: True when the login needs a password typed (not a PGPASSFILE or a client certificate).
    asks_password: bool


def server_of(database: Database) -> PostgresBackend | None:
    """The agency server ``database`` is on; None for the laptop's file.  (Until a server has
    been opened its module is not loaded, and the laptop app does not load it.)"""
    module = sys.modules.get("supervision_app.storage.postgres.backend")
    backend = database.backend
    return backend if module is not None and isinstance(backend, module.PostgresBackend) else None


def server_info(holder: object) -> ServerInfo | None:
    """The server of a store, a database or a window (anything with ``.store`` or
    ``.database``); None on the laptop."""
    store = getattr(holder, "store", holder)
    database = getattr(store, "database", store)
    backend = server_of(cast("Database", database)) if hasattr(database, "backend") else None
    if backend is None:
        return None
    url = backend.target.url
    host = url.host or str(url.query.get("host") or "")
    socket = not host or host.startswith(("/", "@"))
    where = (
        _tr("{database} (local socket)").format(database=url.database)
        if socket
        else f"{host}/{url.database}"
    )
    return ServerInfo(where, backend.login, getattr(backend, "asks_password", True))


def _tr(text: str) -> str:
    return QCoreApplication.translate("AgencyServer", text)


def kept_where(server: ServerInfo) -> str:
    """Where the records are, for About, the welcome and the case dialog."""
    return _tr(
        "Kept on your agency's server {server}, under your own login ({login}). Nothing is "
        "kept on this computer."
    ).format(server=server.where, login=server.login)


def removed_from(server: ServerInfo) -> str:
    """The end of a delete confirmation on the server."""
    return _tr(
        "will be removed from the agency server {server}, for everyone who can see this case. "
        "This cannot be undone here (only IT's backups of the server hold it)."
    ).format(server=server.where)


def identity_explained(server: ServerInfo) -> str:
    """Who the person is on the server (in place of "Who is using this computer?")."""
    return _tr(
        "You are signed in to the agency server {server} as {login}. Your login is the name in "
        "the audit trail and on every signature you make: no name typed in the app can stand "
        "in for it. To work as someone else, they connect with their own login (File › "
        "Connect to agency server…)."
    ).format(server=server.where, login=server.login)


def laptop_only_tip() -> str:
    return _tr(
        "Only for records kept on this computer. On the agency server, passwords, keys and "
        "backups are looked after by your agency's IT."
    )


def window_title(holder: object, case_reference: str | None = None) -> str:
    """The window's title: the case reference at most (never note text), and on the server
    the server and the login, so that nobody mistakes which records are open."""
    from supervision_app import APP_NAME

    base = f"{case_reference} — {APP_NAME}" if case_reference else APP_NAME
    server = server_info(holder)
    if server is None:
        return base
    return _tr("{title} — agency server {server} (login: {login})").format(
        title=base, server=server.where, login=server.login
    )


def sign_as_login(name_edit: QLineEdit, server: ServerInfo) -> None:
    """A sign-off's or addendum's name field on the server: the login, fixed (the server
    refuses any other name), with the reason given to the eye and to a screen reader."""
    name_edit.setText(server.login)
    name_edit.setReadOnly(True)
    why = _tr("On the agency server you sign as your login ({login}).").format(login=server.login)
    name_edit.setToolTip(why)
    name_edit.setAccessibleDescription(why)
