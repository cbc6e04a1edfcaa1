"""The agency server's commands (for the agency's IT): ``server-init`` and ``server-upgrade``.

The URL is a ``postgresql://`` URL for IT's administrative role, under libpq's conventions
(docs/agency-server.md).  Its password comes from libpq (``PGPASSFILE``, a client certificate)
or, at a terminal, from a prompt; it is never taken in the URL or stored.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from supervision_app.cli.errors import CliError

if TYPE_CHECKING:
    from sqlalchemy import Engine

NEXT_STEPS = (
    "Next, for each person: CREATE ROLE their_name LOGIN; then GRANT one of "
    "supervision_practitioner, supervision_supervisor or supervision_records TO their_name; "
    "and record who supervises whom in supervision_links (docs/agency-server.md)."
)


def refuse_server_url(db: Path | None) -> None:
    """Until the app itself runs on the server, a ``--db postgresql://…`` is refused clearly
    (as a path it would name a file called ``postgresql:``)."""
    if db is not None and str(db).startswith(("postgresql:", "postgresql+psycopg:", "postgres:")):
        raise CliError(
            "the app cannot open an agency server yet: --db takes a database file. "
            "(server-init and server-upgrade take a postgresql:// URL.)"
        )


def _ask_password(shown: str) -> str | None:
    if not sys.stdin.isatty():
        return None
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
        return connect(parse_agency_url(args.server_url), _ask_password)
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
