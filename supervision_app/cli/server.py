"""The agency server on the command line: ``server-init`` and ``server-upgrade`` (for the
agency's IT), and ``--db postgresql://…`` for the commands that run on a server.

The URL is a ``postgresql://`` URL for IT's administrative role, under libpq's conventions
(docs/agency-server.md).  Its password comes from libpq (``PGPASSFILE``, a client certificate)
or, at a terminal, from a prompt; it is never taken in the URL or stored.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from supervision_app.cli.errors import CliError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from supervision_app.content import Content
    from supervision_app.services.opening import OpenStore

NEXT_STEPS = (
    "Next, for each person: CREATE ROLE their_name LOGIN; then GRANT one of "
    "supervision_practitioner, supervision_supervisor or supervision_records TO their_name; "
    "and record who supervises whom in supervision_links (docs/agency-server.md)."
)


#: The commands that run on an agency server; the others are about the laptop's file.
ON_SERVER = {"list", "export", "verify", "import"}


def database_location(value: str) -> Path | str:
    """``--db``: a database file, or (kept as text: a Path would fold its ``//``) the URL of
    an agency server."""
    from supervision_app.storage.postgres.url import is_agency_url

    return value if is_agency_url(value) else Path(value)


def server_for(args: argparse.Namespace, command: str) -> str | None:
    """The agency server ``--db`` names (None for a file), for a command that runs there."""
    db = getattr(args, "db", None)
    if not isinstance(db, str):
        return None
    if command not in ON_SERVER | {"gui"}:
        raise CliError(
            f"'{command}' works on a database file, not on an agency server; on a server, "
            f"use {', '.join(sorted(ON_SERVER))} (or the window: no command)."
        )
    return db


@contextmanager
def server_store(url: str, content: Content) -> Iterator[OpenStore]:
    """The store on the agency server at ``url``, as the login the URL and libpq give."""
    from supervision_app.services.opening import AgencyKey, AgencyKeyOutcome, OpenStore
    from supervision_app.storage.identity import DatabaseOpenError
    from supervision_app.storage.postgres.backend import open_server

    try:
        database = open_server(url, ask_password)
    except DatabaseOpenError as exc:
        raise CliError(str(exc)) from None
    try:
        yield OpenStore(database, content, AgencyKeyOutcome(AgencyKey.NOT_NEEDED))
    finally:
        database.close()


def ask_password(shown: str) -> str | None:
    if not sys.stdin.isatty():
        return None
    import getpass  # here: the window's start asks nothing on the terminal

    return getpass.getpass(f"Password for {shown}: ")


def _engine(args: argparse.Namespace) -> Engine:
    from supervision_app.storage.postgres.connect import (
        AgencyConnectError,
        connect,
        parse_agency_url,
    )

    if not args.server_url:
        raise CliError("give the server with --db postgresql://user@host/database")
    try:
        return connect(parse_agency_url(args.server_url), ask_password)
    except AgencyConnectError as exc:
        raise CliError(str(exc)) from None


def cmd_server_init(args: argparse.Namespace, _db_path: Path) -> int:
    from supervision_app.storage.postgres.server_init import ServerInitError, server_init

    engine = _engine(args)
    try:
        server_init(engine)
    except ServerInitError as exc:
        raise CliError(str(exc)) from None
    finally:
        engine.dispose()
    print("The agency server is set up: schema, group roles and row-level security.")
    print(NEXT_STEPS)
    return 0


def cmd_server_upgrade(args: argparse.Namespace, _db_path: Path) -> int:
    from supervision_app.storage.postgres.server_init import ServerInitError, upgrade_server
    from supervision_app.storage.revisions import NewerSchemaError

    engine = _engine(args)
    try:
        done = upgrade_server(engine)
    except (ServerInitError, NewerSchemaError) as exc:
        raise CliError(str(exc)) from None
    finally:
        engine.dispose()
    print(f"Upgraded: {', '.join(done)}." if done else "The agency server is up to date.")
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name, what in (
        ("server-init", "set up an empty PostgreSQL database as the agency server"),
        ("server-upgrade", "bring the agency server's schema up to this version"),
    ):
        command = sub.add_parser(name, help=f"(agency IT) {what}")
        command.add_argument(
            "--db",
            dest="server_url",
            metavar="URL",
            required=True,
            help="postgresql://admin@host/database (the password is asked for, or read from "
            "PGPASSFILE; never give it in the URL)",
        )
