"""The SQLite database's schema at every open: created for a new file, upgraded for an older one.

Before the first step of an upgrade, an encrypted backup of the whole file
(``<db>.before-schema-vN.bak`` with its key file) is written; each step
(:data:`.migrations.MIGRATIONS`) then runs in its own transaction.  Schema version 9 is
Alembic's baseline (:mod:`supervision_app.storage.revisions`): a file there is stamped with it,
and any newer revision runs next, after the same kind of backup.  Alembic itself is imported only
when a revision has to run, never on an ordinary open.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from supervision_app.private_files import make_private
from supervision_app.storage import revisions
from supervision_app.storage.identity import (
    SCHEMA_VERSION,
    DatabaseOpenError,
    check_identity,
    identity_rows,
)
from supervision_app.storage.keys import key_file_path
from supervision_app.storage.models import Base, MetaRow
from supervision_app.storage.sqlite import cipher
from supervision_app.storage.sqlite.migrations import MIGRATIONS, case_recency
from supervision_app.storage.sqlite.search_index import ensure_search_index
from supervision_app.storage.sqlite.triggers import ensure_audit_triggers, ensure_edit_audit


def write_identity(session: Session) -> None:
    """The ``app_meta`` rows that make a new database ours, at the current schema version."""
    for key, value in identity_rows().items():
        session.add(MetaRow(key=key, value=value))


def prepare_schema(engine: Engine, path: Path, data_key: bytes) -> None:
    """Create the schema of a new file, or bring an older one to :data:`SCHEMA_VERSION`
    (after an encrypted backup of the whole file); refuses a file not ours or newer."""
    conn = cipher.connect(str(path), data_key, read_only=True)
    try:
        tables, meta = cipher.read_meta(conn)
        stamped = revisions.stamp_of(conn, tables)
    finally:
        conn.close()
    if not tables:
        Base.metadata.create_all(engine)
        with Session(engine) as session, session.begin():
            write_identity(session)
            case_recency(session.connection().connection.driver_connection)
            ensure_edit_audit(session.connection())
            revisions.mark(session.connection(), revisions.HEAD)
        ensure_search_index(engine)
        ensure_audit_protection(engine)
        return
    version = check_identity(path, meta)
    todo = revisions.laptop_pending(path, stamped)
    if version < SCHEMA_VERSION:
        backup_before_migration(engine, path, SCHEMA_VERSION, data_key)
    elif todo or stamped is None:
        backup_before_migration(engine, path, revisions.HEAD if todo else revisions.BASELINE, data_key)
    if version < SCHEMA_VERSION:
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            # Foreign keys off while tables are rebuilt (SQLite's documented procedure: a
            # DROP TABLE must not cascade), checked before each step commits.
            cur.execute("PRAGMA foreign_keys = OFF")
            try:
                for step in range(version, SCHEMA_VERSION):
                    cur.execute("BEGIN IMMEDIATE")
                    MIGRATIONS[step](cur)
                    if cur.execute("PRAGMA foreign_key_check").fetchone() is not None:
                        cur.execute("ROLLBACK")
                        raise DatabaseOpenError(
                            f"Upgrading {path} failed a check; it has been left as it was. "
                            "Please report this."
                        )
                    cur.execute(
                        "UPDATE app_meta SET value = ? WHERE key = 'schema_version'",
                        (str(step + 1),),
                    )
                    cur.execute("COMMIT")
            finally:
                cur.execute("PRAGMA foreign_keys = ON")
        finally:
            raw.close()
    Base.metadata.create_all(engine)
    if todo or stamped is None:
        run_revisions(engine, path, todo, stamped is None)
    with engine.begin() as connection:
        ensure_edit_audit(connection)
    ensure_search_index(engine)
    if version < SCHEMA_VERSION or todo:
        # After the steps only; never on an ordinary open, where missing triggers were
        # removed by someone, and are reported by verify rather than silently remade.
        ensure_audit_protection(engine)


def run_revisions(engine: Engine, path: Path, todo: list[str], unstamped: bool) -> None:
    """Stamp the baseline on a file that has none, then run the ``todo`` revisions, in one
    transaction with foreign keys off (Alembic's batch mode rebuilds tables, and a DROP TABLE
    must not cascade), checked before it commits."""
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        connection.commit()
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            if unstamped:
                revisions.mark(connection, revisions.BASELINE)
            if todo:
                revisions.upgrade(connection)
            if connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise DatabaseOpenError(
                    f"Upgrading {path} failed a check; it has been left as it was. "
                    "Please report this."
                )
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
            connection.commit()


def ensure_audit_protection(engine: Engine) -> None:
    """The audit trail's append-only triggers (created when missing)."""
    with engine.begin() as connection:
        ensure_audit_triggers(connection)


def backup_path_for(path: Path, version: int | str) -> Path:
    """``<db>.before-schema-v9.bak`` before the pre-Alembic steps, ``<db>.before-schema-<revision>.bak``
    before an Alembic revision (or the baseline's stamp)."""
    label = f"v{version}" if isinstance(version, int) else version
    return path.with_name(f"{path.name}.before-schema-{label}.bak")


def backup_before_migration(engine: Engine, path: Path, version: int | str, data_key: bytes) -> Path:
    target = backup_path_for(path, version)
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    raw = engine.raw_connection()
    try:
        cipher.export_to(raw.driver_connection, str(target), data_key)
    finally:
        raw.close()
    shutil.copyfile(key_file_path(path), key_file_path(target))
    make_private(key_file_path(target))
    return target
