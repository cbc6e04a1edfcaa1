"""Schema changes through Alembic, for both backends (the laptop's SQLite and the agency server).

The baseline revision (``0001_baseline``) is the schema as it stood when Alembic came in: what
the ORM models create, which is also what the pre-Alembic steps (``storage/sqlite/migrations.py``,
schema versions 1 to 9, each with an encrypted backup first) bring an older laptop file to.
From then on every schema change is a revision in ``versions/``.

- A new database (the laptop's first run, or ``server-init``) is created from the models and
  stamped with the newest revision.
- An existing laptop file first takes the pre-Alembic steps, as before, and is stamped with the
  baseline; revisions after it run next, after a backup (the caller makes it: see
  :func:`pending`, which needs no Alembic import, so an ordinary open stays fast).
- A database stamped with a revision this version of the app does not know was written by a
  newer version: :func:`pending` raises :class:`NewerSchemaError` and nothing is changed.

Write a new revision with ``alembic -c supervision_app/storage/revisions/alembic.ini revision -m
"..."``, then add its id to :data:`REVISIONS`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from supervision_app.storage.identity import NewerDatabaseError

if TYPE_CHECKING:  # SQLAlchemy and Alembic are imported where used: the laptop's ordinary
    # open reads the stamp with plain SQL (:func:`stamp_of`) before either is loaded
    from alembic.config import Config
    from sqlalchemy import Connection

#: Every revision, oldest first; the last is the head.  A test checks it against versions/.
REVISIONS = ("0001_baseline", "0002_row_versions", "0003_rls_once_per_statement")
BASELINE, HEAD = REVISIONS[0], REVISIONS[-1]
VERSION_TABLE = "alembic_version"
HERE = Path(__file__).resolve().parent


class NewerSchemaError(Exception):
    """The database was changed by a newer version of the app; it has been left untouched."""


def stored_revision(connection: Connection) -> str | None:
    """The revision the database is stamped with (``None``: not stamped yet)."""
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    found = connection.scalar(text(f"SELECT version_num FROM {VERSION_TABLE}"))
    return None if found is None else str(found)


def pending(connection: Connection) -> list[str]:
    """The revisions still to run on a stamped database, oldest first ([] when up to date).

    An unstamped database counts as the baseline (a laptop file from before Alembic, after
    its pre-Alembic steps)."""
    return after(stored_revision(connection))


def after(revision: str | None) -> list[str]:
    """The revisions after ``revision`` (``None``: unstamped, counted as the baseline)."""
    revision = revision or BASELINE
    if revision not in REVISIONS:
        raise NewerSchemaError(
            f"The database's schema ({revision}) comes from a newer version of this app. "
            "Update the app to open it; nothing was changed."
        )
    return list(REVISIONS[REVISIONS.index(revision) + 1 :])


def stamp_of(conn: Any, tables: set[str]) -> str | None:
    """The stamp read through a DB-API connection to a laptop file (``tables``: its tables)."""
    if VERSION_TABLE not in tables:
        return None
    row = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    return None if row is None else str(row[0])


def laptop_pending(where: Path | str, stamped: str | None) -> list[str]:
    """:func:`after` for a laptop file, refused as the pre-Alembic versions are refused when it
    was stamped by a newer version of the app (``where`` names it)."""
    try:
        return after(stamped)
    except NewerSchemaError:
        raise NewerDatabaseError(
            f"{where} was written by a newer version of this app (schema {stamped}; this version "
            f"understands {HEAD}). Update the app to open it; the file is untouched."
        ) from None


def mark(connection: Connection, revision: str) -> None:
    """Stamp an unstamped database with ``revision`` the way Alembic does, without importing
    Alembic (a new laptop file, or one just brought to the baseline: nothing to run)."""
    from sqlalchemy import text

    connection.execute(
        text(
            f"CREATE TABLE {VERSION_TABLE} (version_num VARCHAR(32) NOT NULL, "
            f"CONSTRAINT {VERSION_TABLE}_pkc PRIMARY KEY (version_num))"
        )
    )
    connection.execute(text(f"INSERT INTO {VERSION_TABLE} (version_num) VALUES (:r)"), {"r": revision})


def _config(connection: Connection) -> Config:  # Alembic is imported only when needed
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(HERE))
    config.attributes["connection"] = connection
    return config


def stamp(connection: Connection, revision: str = HEAD) -> None:
    """Record ``revision`` without running anything (a database just made from the models, or
    a laptop file just brought to the baseline by the pre-Alembic steps)."""
    from alembic import command

    command.stamp(_config(connection), revision)


def upgrade(connection: Connection) -> None:
    """Run the pending revisions on ``connection`` (inside the caller's transaction), stamping
    an unstamped database with the baseline first."""
    from alembic import command

    config = _config(connection)
    if stored_revision(connection) is None:
        command.stamp(config, BASELINE)
    command.upgrade(config, HEAD)
