"""Key rotation and a new recovery key, on real database files, interrupted at every step."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from supervision_app.storage import (
    Passphrase,
    RecoveryKey,
    SupervisionStore,
    UnlockError,
    open_database,
)
from supervision_app.storage.keys import generate_recovery_key, key_file_path, read_key_file
from supervision_app.storage.sqlite import cipher
from supervision_app.storage.sqlite import security as security_module
from supervision_app.storage.sqlite.recovery import rotation_paths
from supervision_app.storage.sqlite.security import (
    RotationError,
    new_recovery_key,
    rotate_key,
)
from tests.helpers import make_case, make_full_session

PASS = "rotation passphrase, long enough 7"


class Crash(BaseException):
    """Stands for the process dying at that point (not an Exception: nothing catches it)."""


def snapshot(store: SupervisionStore) -> list[object]:
    return [
        (case, [store.sessions.get_session(s.id) for s in store.sessions.list_sessions(case.id)])
        for case in store.cases.list_cases()
    ]


@pytest.fixture
def filled(tmp_path: Path):
    """A database under a real passphrase, with a full session; yields (path, db, recovery)."""
    path = tmp_path / "rot.sqlite3"
    database = open_database(path, Passphrase(PASS))
    store = SupervisionStore(database)
    for n in range(3):
        make_full_session(store, make_case(store, f"ROT-{n}"))
    yield path, database, database.new_recovery_key
    database.close()


def leftovers(path: Path) -> list[str]:
    return sorted(
        p.name
        for p in path.parent.iterdir()
        if p.name.startswith(path.name) and not p.name.endswith((".keys", ".lock")) and p != path
    )


def test_rotation_re_encrypts_under_a_new_data_key(filled) -> None:
    path, database, old_recovery = filled
    store = SupervisionStore(database)
    before = snapshot(store)
    old_key = database.backend.key_ring.data_key
    new_recovery = rotate_key(database, PASS)
    assert new_recovery and new_recovery != old_recovery
    assert database.backend.key_ring.data_key != old_key
    assert snapshot(store) == before  # the open window goes on working
    database.close()

    with pytest.raises(cipher.DatabaseError):
        cipher.connect(str(path), old_key)  # the old raw key opens nothing any more
    assert len(read_key_file(key_file_path(path))) == 1
    assert leftovers(path) == []
    with pytest.raises(UnlockError):
        open_database(path, RecoveryKey(old_recovery))
    for credential in (Passphrase(PASS), RecoveryKey(new_recovery)):
        reopened = open_database(path, credential)
        assert snapshot(SupervisionStore(reopened)) == before
        conn = cipher.connect(str(path), reopened.backend.key_ring.data_key, read_only=True)
        assert cipher.check_integrity(conn) == []
        conn.close()
        reopened.close()


def test_rotation_needs_the_passphrase(filled) -> None:
    path, database, _recovery = filled
    keys_before = key_file_path(path).read_bytes()
    with pytest.raises(UnlockError):
        rotate_key(database, "not the passphrase")
    assert key_file_path(path).read_bytes() == keys_before


def test_a_failed_copy_changes_nothing(filled, monkeypatch: pytest.MonkeyPatch) -> None:
    path, database, recovery = filled
    store = SupervisionStore(database)
    before = snapshot(store)
    old_key = database.backend.key_ring.data_key
    database.engine.dispose()
    db_bytes, keys_bytes = path.read_bytes(), key_file_path(path).read_bytes()

    def broken_export(conn, target: str, data_key: bytes) -> None:
        Path(target).write_bytes(b"half a copy")
        raise cipher.DatabaseError("disk I/O error")

    monkeypatch.setattr(security_module.cipher, "export_to", broken_export)
    with pytest.raises(RotationError, match="unchanged"):
        rotate_key(database, PASS)
    assert (path.read_bytes(), key_file_path(path).read_bytes()) == (db_bytes, keys_bytes)
    assert leftovers(path) == []
    assert database.backend.key_ring.data_key == old_key
    assert snapshot(store) == before
    database.close()
    open_database(path, RecoveryKey(recovery)).close()


def _crash_at(step: str, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    staged, previous = rotation_paths(path)
    real_write, real_move = security_module.write_key_file, security_module.move_with_sidecars
    real_replace, real_remove = os.replace, security_module.secure_remove
    writes = []

    def write_key_file(target, entries):
        writes.append(len(entries))
        if step == "before_final_key_file" and len(writes) == 2:
            raise Crash
        real_write(target, entries)
        if step == "after_both_keys" and len(writes) == 1:
            raise Crash

    def move(src, dst):
        real_move(src, dst)
        if step == "between_renames":
            raise Crash

    def replace(src, dst):
        if step == "between_renames_os" and Path(src) == staged:
            raise Crash
        real_replace(src, dst)

    def remove(victim):
        if step == "before_old_file_removed" and Path(victim) == previous:
            raise Crash
        real_remove(victim)

    monkeypatch.setattr(security_module, "write_key_file", write_key_file)
    monkeypatch.setattr(security_module, "move_with_sidecars", move)
    monkeypatch.setattr(security_module.os, "replace", replace)
    monkeypatch.setattr(security_module, "secure_remove", remove)


@pytest.mark.parametrize(
    "step",
    [
        "after_both_keys",  # the key file holds both keys; the old file is in place
        "between_renames",  # the old file is moved aside, the copy not yet in place
        "before_final_key_file",  # the copy is in place, the key file still holds both keys
        "before_old_file_removed",  # all done but removing the old file
    ],
)
def test_an_interrupted_rotation_leaves_a_working_database(
    filled, step: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, database, recovery = filled
    before = snapshot(SupervisionStore(database))
    _crash_at(step, monkeypatch, path)
    new_recovery = generate_recovery_key()
    with pytest.raises(Crash):
        rotate_key(database, PASS, new_recovery)
    monkeypatch.undo()
    database.close()  # the process is gone: its lock goes with it

    reopened = open_database(path, Passphrase(PASS))
    assert snapshot(SupervisionStore(reopened)) == before
    conn = cipher.connect(str(path), reopened.backend.key_ring.data_key, read_only=True)
    assert cipher.check_integrity(conn) == []
    conn.close()
    reopened.close()
    assert len(read_key_file(key_file_path(path))) == 1  # the key that opened it, only
    assert leftovers(path) == []
    # Whichever file survived, the recovery key of its data key opens it.
    rotated = step in ("before_final_key_file", "before_old_file_removed")
    open_database(path, RecoveryKey(new_recovery if rotated else recovery)).close()


def test_a_new_recovery_key_replaces_the_old_one(filled) -> None:
    path, database, old_recovery = filled
    data_key = database.backend.key_ring.data_key
    with pytest.raises(UnlockError):
        new_recovery_key(database, "not the passphrase")
    fresh = new_recovery_key(database, PASS)
    assert fresh != old_recovery
    assert database.backend.key_ring.data_key == data_key  # the database is not rewritten
    database.close()
    cipher.connect(str(path), data_key).close()  # same data key: only the key file changed
    with pytest.raises(UnlockError, match="recovery key does not open"):
        open_database(path, RecoveryKey(old_recovery))
    open_database(path, RecoveryKey(fresh)).close()
    open_database(path, Passphrase(PASS)).close()
