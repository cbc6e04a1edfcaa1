"""Restoring a backup into the open database (the window's Restore), on real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from supervision_app.storage import (
    Passphrase,
    SupervisionStore,
    open_database,
)
from supervision_app.storage.keys import key_file_path
from supervision_app.storage.sqlite import backup as backup_module
from supervision_app.storage.sqlite import cipher
from supervision_app.storage.sqlite.backup import (
    BackupCredentialError,
    BackupError,
    restore_backup,
    restore_into_open,
    stage_backup,
    write_backup,
)
from supervision_app.storage.sqlite.security import change_passphrase, rotate_key
from tests.helpers import TEST_PASSPHRASE, make_case, open_db

FIRST = "the first passphrase, long enough"
SECOND = "the second passphrase, also long"


def references(database) -> list[str]:
    return sorted(c.reference for c in SupervisionStore(database).cases.list_cases())


def siblings(path: Path) -> list[str]:
    """The files beside the database, but for the WAL and SHM of an open one."""
    return sorted(
        p.name
        for p in path.parent.iterdir()
        if p.name.startswith(path.name) and not p.name.endswith(("-wal", "-shm"))
    )


@pytest.fixture
def backed_up(tmp_path: Path):
    path = tmp_path / "db" / "s.sqlite3"
    database = open_database(path, Passphrase(FIRST))
    make_case(SupervisionStore(database), "IN-BACKUP")
    backup = write_backup(database, tmp_path / "b.supervision-backup")
    make_case(SupervisionStore(database), "AFTER-BACKUP")
    yield path, database, backup
    database.close()


def test_restore_under_the_same_key_keeps_the_current_passphrase(backed_up) -> None:
    path, database, backup = backed_up
    change_passphrase(database, FIRST, SECOND)
    staged = stage_backup(backup, path, database.backend.key_ring)
    assert staged.created
    restore_into_open(database, staged)
    assert references(database) == ["IN-BACKUP"]
    assert siblings(path) == ["s.sqlite3", "s.sqlite3.keys", "s.sqlite3.lock"]
    database.close()
    reopened = open_database(path, Passphrase(SECOND))  # the passphrase in use, not the backup's
    assert references(reopened) == ["IN-BACKUP"]
    reopened.close()


def test_a_backup_under_another_key_needs_its_own_passphrase(backed_up) -> None:
    path, database, backup = backed_up
    rotate_key(database, FIRST)
    change_passphrase(database, FIRST, SECOND)
    with pytest.raises(BackupCredentialError, match="another key"):
        stage_backup(backup, path, database.backend.key_ring)
    with pytest.raises(BackupCredentialError, match="passphrase is not right"):
        stage_backup(backup, path, Passphrase(SECOND))
    assert siblings(path) == ["s.sqlite3", "s.sqlite3.keys", "s.sqlite3.lock"]
    restore_into_open(database, stage_backup(backup, path, Passphrase(FIRST)))
    assert references(database) == ["IN-BACKUP"]
    database.close()
    open_database(path, Passphrase(FIRST)).close()  # the backup's passphrase opens it now


def test_a_bad_file_changes_nothing(backed_up, tmp_path: Path) -> None:
    path, database, _backup = backed_up
    database.engine.dispose()
    before = (path.read_bytes(), key_file_path(path).read_bytes())
    for content in (b"", b"PK\x03\x04 not a zip", b"just text"):
        foreign = tmp_path / "foreign.supervision-backup"
        foreign.write_bytes(content)
        with pytest.raises(BackupError, match="not a backup of this app"):
            stage_backup(foreign, path, database.backend.key_ring)
    assert (path.read_bytes(), key_file_path(path).read_bytes()) == before
    assert references(database) == ["AFTER-BACKUP", "IN-BACKUP"]
    assert siblings(path) == ["s.sqlite3", "s.sqlite3.keys", "s.sqlite3.lock"]


def test_a_restore_that_cannot_open_puts_the_previous_database_back(
    backed_up, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, database, backup = backed_up
    staged = stage_backup(backup, path, database.backend.key_ring)

    def broken(*_args) -> None:
        raise cipher.DatabaseError("disk I/O error")

    monkeypatch.setattr(backup_module, "prepare_schema", broken)
    with pytest.raises(BackupError, match="previous database has been put back"):
        restore_into_open(database, staged)
    assert references(database) == ["AFTER-BACKUP", "IN-BACKUP"]
    assert siblings(path) == ["s.sqlite3", "s.sqlite3.keys", "s.sqlite3.lock"]
    database.close()
    reopened = open_database(path, Passphrase(FIRST))
    assert references(reopened) == ["AFTER-BACKUP", "IN-BACKUP"]
    reopened.close()


def test_a_crashed_databases_wal_is_not_replayed_into_the_restored_one(
    tmp_path: Path, db_path: Path
) -> None:
    database = open_db(db_path)
    make_case(SupervisionStore(database), "IN-BACKUP")
    backup = write_backup(database, tmp_path / "b.bak")
    database.close()
    # A crashed app left committed pages in its WAL: copy the files while a writer holds them.
    crashed = tmp_path / "crashed" / "c.sqlite3"
    crashed.parent.mkdir()
    live = open_db(db_path)
    store = SupervisionStore(live)
    for n in range(20):
        make_case(store, f"IN-WAL-{n}")
    raw = live.raw_connection()  # keeps the WAL from being checkpointed away on close
    shutil.copyfile(db_path, crashed)
    shutil.copyfile(f"{db_path}-wal", f"{crashed}-wal")
    shutil.copyfile(key_file_path(db_path), key_file_path(crashed))
    assert Path(f"{crashed}-wal").stat().st_size > 0
    raw.close()
    live.close()

    restore_backup(backup, crashed, Passphrase(TEST_PASSPHRASE))
    assert not Path(f"{crashed}-wal").exists()
    restored = open_db(crashed)
    assert references(restored) == ["IN-BACKUP"]
    conn = cipher.connect(str(crashed), restored.backend.key_ring.data_key, read_only=True)
    assert cipher.check_integrity(conn) == []
    conn.close()
    restored.close()
