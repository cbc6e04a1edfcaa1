"""The storage backend boundary (storage/backend.py): the portable Database over any backend,
what a failed write means, and that the portable code never reaches into storage/sqlite/."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import grimp
import pytest
from sqlalchemy import Engine, create_engine, delete, select

from supervision_app.storage.autosave import describe_storage_error
from supervision_app.storage.backend import StorageFault, classify_error
from supervision_app.storage.database import Database
from supervision_app.storage.identity import DatabaseOpenError
from supervision_app.storage.models import Base, PreferenceRow
from supervision_app.storage.sqlite.backend import sqlite_backend
from supervision_app.storage.sqlite.dialect import DIALECT


class FakeBackend:
    """A backend on a plain in-memory engine, counting its upkeep."""

    dialect = DIALECT

    def __init__(self) -> None:
        self.engine: Engine = create_engine("sqlite://")
        Base.metadata.create_all(self.engine)
        self.path = Path("fake")
        self.new_recovery_key: str | None = None
        self.locked = False
        self.after_deletes = 0

    def lock(self) -> None:
        self.locked = True

    def unlock(self, credential: object) -> None:
        self.locked = False

    def after_delete(self) -> None:
        self.after_deletes += 1

    def close(self) -> None:
        self.engine.dispose()


def test_the_database_asks_its_backend_for_upkeep_only_after_a_delete() -> None:
    backend = FakeBackend()
    database = Database(backend)
    with database.session() as session:
        session.add(PreferenceRow(key="marking", value="OFFICIAL"))
    assert backend.after_deletes == 0
    with database.session() as session:
        session.delete(session.get(PreferenceRow, "marking"))
    assert backend.after_deletes == 1
    with database.session() as session:  # a bulk delete says so itself (personal words)
        session.execute(delete(PreferenceRow))
        session.info["deleted"] = True
    assert backend.after_deletes == 2


def test_sessions_follow_the_backends_engine_when_it_changes() -> None:
    backend = FakeBackend()
    database = Database(backend)
    with database.session() as session:
        session.add(PreferenceRow(key="k", value="first engine"))
    backend.engine = create_engine("sqlite://")  # as after a re-key or an unlock
    Base.metadata.create_all(backend.engine)
    with database.read() as session:
        assert session.scalars(select(PreferenceRow)).all() == []
    assert database.engine is backend.engine


def test_file_only_work_is_refused_clearly_on_another_backend() -> None:
    with pytest.raises(DatabaseOpenError, match="database file on this computer"):
        sqlite_backend(Database(FakeBackend()))


@pytest.mark.parametrize(
    ("error", "fault", "words"),
    [
        (sqlite3.OperationalError("database or disk is full"), StorageFault.DISK_FULL, "disk is full"),
        (OSError(errno.ENOSPC, "No space left on device"), StorageFault.DISK_FULL, "disk is full"),
        (sqlite3.OperationalError("database is locked"), StorageFault.BUSY, "busy"),
        (sqlite3.OperationalError("attempt to write a readonly database"), StorageFault.READ_ONLY,
         "cannot be written"),
        (PermissionError(errno.EACCES, "Permission denied"), StorageFault.READ_ONLY,
         "cannot be written"),
        (sqlite3.DatabaseError("disk I/O error"), StorageFault.OTHER, "Saving failed"),
    ],
)  # fmt: skip
def test_a_failed_write_is_told_to_the_user_by_what_it_means(error, fault, words) -> None:
    assert classify_error(error) is fault
    assert words in describe_storage_error(error)


#: The portable storage code: every module of storage/ but the backends themselves.
BACKENDS = ("supervision_app.storage.sqlite", "supervision_app.storage.postgres")


def test_the_portable_storage_code_does_not_import_a_backend() -> None:
    graph = grimp.build_graph("supervision_app", include_external_packages=True)
    portable = {
        m
        for m in graph.find_descendants("supervision_app.storage")
        if not m.startswith(BACKENDS) and m != "supervision_app.storage.revisions.env"
    }
    reached = {
        (m, imported)
        for m in portable
        for imported in graph.find_modules_directly_imported_by(m)
        if imported.startswith((*BACKENDS, "sqlcipher3", "sqlite3", "psycopg"))
    }
    assert reached == set()
