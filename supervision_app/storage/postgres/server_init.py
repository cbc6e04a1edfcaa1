"""``supervision-app server-init``: set up an empty PostgreSQL database as the agency server.

In one transaction: the schema from the ORM models (the same as the laptop's), the server's
triggers (bookkeeping, search, identity, row versions), the group roles, ``supervision_links``,
the grants and the row-level security policies, stamped with the newest Alembic revision
(``storage/revisions``; :func:`upgrade_server` runs later ones).  Either all of it is there afterwards or none
of it.  Run it as IT's administrative role, which then owns the tables.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, insert, inspect, text

from supervision_app.storage import revisions, search_sources
from supervision_app.storage.identity import APPLICATION_ID, SCHEMA_VERSION
from supervision_app.storage.models import Base, MetaRow
from supervision_app.storage.postgres import (
    access,
    audit_trail,
    bookkeeping,
    concurrency,
    identity,
    search,
)

MIN_SERVER_VERSION = 140000
#: Marks a database set up by server-init (``app_meta``), next to the laptop's identity rows.
SERVER_KEY = "agency_server"


class ServerInitError(Exception):
    """The database cannot be set up; the message says why and what to do."""


def server_init(engine: Engine) -> None:
    """Set up the empty database ``engine`` points at, or refuse and change nothing."""
    with engine.begin() as conn:
        check_server(conn)
        schema = conn.scalar(text("SELECT current_schema()"))
        if schema is None:
            raise ServerInitError("The database has no schema to create the tables in.")
        taken = set(inspect(conn).get_table_names(schema)) & {
            *Base.metadata.tables, "supervision_links", search_sources.INDEX_TABLE,
            revisions.VERSION_TABLE,
        }  # fmt: skip
        if taken:
            raise ServerInitError(
                "This database is not empty: it already has the tables "
                f"{', '.join(sorted(taken))}. server-init only sets up an empty database."
            )
        Base.metadata.create_all(conn)
        for statement in server_statements(schema):
            conn.exec_driver_sql(statement)
        conn.execute(
            insert(MetaRow),
            [
                {"key": "application_id", "value": APPLICATION_ID},
                {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                {"key": SERVER_KEY, "value": "1"},
            ],
        )
        revisions.stamp(conn, revisions.HEAD)
        conn.exec_driver_sql(f"GRANT SELECT ON {revisions.VERSION_TABLE} TO {access.EVERYONE}")


def server_statements(schema: str) -> list[str]:
    """Everything after the ORM's tables, in order (the access rules come last: they name
    the columns and tables the others add)."""
    return [
        *bookkeeping.statements(schema),
        *search.statements(schema),
        *audit_trail.statements(schema),
        *identity.statements(schema),
        *concurrency.statements(schema),
        *access.statements(schema),
    ]


def check_server(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        raise ServerInitError("server-init sets up a PostgreSQL database (postgresql://…).")
    version = int(conn.scalar(text("SHOW server_version_num")) or 0)
    if version < MIN_SERVER_VERSION:
        raise ServerInitError(
            f"The server runs PostgreSQL {version // 10000}; the agency server needs 14 or newer."
        )


def upgrade_server(engine: Engine) -> list[str]:
    """Run the Alembic revisions this server has not had yet, in one transaction; the ones run."""
    with engine.begin() as conn:
        check_server(conn)
        if revisions.stored_revision(conn) is None:
            raise ServerInitError("This database was not set up with server-init.")
        todo = revisions.pending(conn)
        if todo:
            revisions.upgrade(conn)
        return todo
