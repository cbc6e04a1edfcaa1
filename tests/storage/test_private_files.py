"""Files holding records or keys are private whatever the umask (POSIX): the data folder 0700;
the database, key file, WAL, SHM, backups, pre-migration backups and exports 0600.  A damaged
backup is refused clearly, and restoring one streams it (memory does not grow with its size)."""

from __future__ import annotations

import os
import stat
import tracemalloc
import zipfile
from datetime import date
from pathlib import Path

import pytest

from supervision_app.services.record_files import export_case_json, export_session_json
from supervision_app.storage import SupervisionStore
from supervision_app.storage.identity import SCHEMA_VERSION
from supervision_app.storage.keys import key_file_path
from supervision_app.storage.sqlite.backup import BackupError, stage_backup, write_backup
from supervision_app.storage.sqlite.schema import backup_path_for
from supervision_app.storage.sqlite.security import set_passphrase
from tests.helpers import TEST_PASSPHRASE, make_case, make_full_session, open_db, raw_connection

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes (Windows: see docs)")


@pytest.fixture
def open_umask():
    previous = os.umask(0o022)  # what most systems give: everything readable by others
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_everything_the_app_writes_is_private_whatever_the_umask(open_umask, tmp_path: Path):
    folder = tmp_path / "data" / "supervision_app"
    db = folder / "supervision.sqlite3"
    database = open_db(db)
    store = SupervisionStore(database)
    case_id = make_case(store)
    session_id = make_full_session(store, case_id)
    assert _mode(folder) == 0o700
    for path in (db, key_file_path(db), Path(f"{db}-wal"), Path(f"{db}-shm")):
        assert path.exists() and _mode(path) == 0o600, path
    set_passphrase(database, TEST_PASSPHRASE)  # the key file is rewritten
    assert _mode(key_file_path(db)) == 0o600
    exports = tmp_path / "exports"
    exports.mkdir()
    backup = write_backup(database, exports / "b.supervision-backup")
    export_session_json(store, session_id, exports / "s.json")
    export_case_json(store, case_id, exports / "c.json")
    from supervision_app.content import load_content
    from supervision_app.record.html import write_html
    from supervision_app.record.pdf import write_pdf
    from supervision_app.services.records import load_record

    record = load_record(store, session_id, load_content())
    write_pdf(record, exports / "r.pdf")
    write_html(record, exports / "r.html")
    database.close()
    for path in (backup, *(exports / n for n in ("s.json", "c.json", "r.pdf", "r.html"))):
        assert _mode(path) == 0o600, path

    conn = raw_connection(db)  # an older schema: reopening migrates, with a backup first
    conn.execute("UPDATE app_meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION - 1),))
    conn.commit()
    conn.close()
    open_db(db).close()
    before_migration = backup_path_for(db, SCHEMA_VERSION)
    assert before_migration.exists()
    assert _mode(before_migration) == 0o600 and _mode(key_file_path(before_migration)) == 0o600


def _flip_inside_database(backup: Path, out: Path) -> None:
    """The backup with one bit flipped in its database, repacked with a valid CRC (damage the
    ZIP's own check cannot see)."""
    with zipfile.ZipFile(backup) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    data = bytearray(members["database.sqlcipher"])
    data[len(data) // 2] ^= 0x10
    members["database.sqlcipher"] = bytes(data)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, raw in members.items():
            archive.writestr(name, raw)


def test_a_damaged_backup_is_refused_clearly(store, db_path: Path, tmp_path: Path) -> None:
    make_full_session(store, make_case(store))
    for n in range(3):
        make_full_session(store, make_case(store, f"C-{n}"))
    backup = write_backup(store.database, tmp_path / "b.supervision-backup")
    flipped = tmp_path / "flipped.supervision-backup"
    raw = bytearray(backup.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    flipped.write_bytes(bytes(raw))
    repacked = tmp_path / "repacked.supervision-backup"
    _flip_inside_database(backup, repacked)
    for damaged in (flipped, repacked):
        with pytest.raises(BackupError) as caught:
            stage_backup(damaged, db_path, store.database.backend.key_ring)
        message = str(caught.value)
        assert str(damaged) in message and "damaged" in message and "unexpected" not in message
        assert "Nothing has been changed" in message or "nothing has been changed" in message


def test_restoring_streams_the_backup(store, db_path: Path, tmp_path: Path) -> None:
    case_id = make_case(store)
    session_id = store.sessions.create_session(case_id, date(2026, 1, 5), ["A"], "1")
    for n in range(12):  # about 6 MB of (incompressible-looking) answers
        store.sessions.save_answer(session_id, f"p.{n}", "p", "Q", os.urandom(250_000).hex())
    backup = write_backup(store.database, tmp_path / "big.supervision-backup")
    assert backup.stat().st_size > 5_000_000
    tracemalloc.start()
    try:
        staged = stage_backup(backup, db_path, store.database.backend.key_ring)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    staged.discard()
    assert peak < 3_000_000, peak  # the 6 MB database never sits in memory at once


def test_files_an_earlier_version_left_readable_become_private_when_unlocked(
    open_umask, isolated_data_dir: Path
) -> None:
    db = isolated_data_dir / "supervision.sqlite3"
    open_db(db).close()
    for path, mode in ((isolated_data_dir, 0o755), (db, 0o644), (key_file_path(db), 0o644)):
        path.chmod(mode)  # as an earlier version wrote them
    open_db(db).close()
    assert _mode(isolated_data_dir) == 0o700
    assert _mode(db) == 0o600 and _mode(key_file_path(db)) == 0o600
