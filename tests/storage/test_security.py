"""Encryption at rest, keys, unlock, migration, backup/restore and the instance lock.

These tests use real database files on disk; the tests marked "passphrase path"
pay for the real PBKDF2 derivation on purpose.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from supervision_app.domain.passphrase import UnlockThrottle, assess
from supervision_app.storage import (
    DatabaseInUseError,
    DatabaseLockedError,
    DatabaseOpenError,
    NotOurDatabaseError,
    Passphrase,
    RecoveryKey,
    SupervisionStore,
    UnlockError,
    open_database,
)
from supervision_app.storage.identity import SCHEMA_VERSION
from supervision_app.storage.keys import (
    KDF_ITERATIONS,
    key_file_path,
    new_key_ring,
    normalise_recovery_key,
    read_key_file,
    write_key_file,
)
from supervision_app.storage.sqlite import cipher
from supervision_app.storage.sqlite.backup import BackupError, restore_backup, write_backup
from supervision_app.storage.sqlite.schema import backup_path_for
from supervision_app.storage.sqlite.security import change_passphrase, rotate_key, set_passphrase
from tests.helpers import HOSTILE, TEST_PASSPHRASE, make_case, make_full_session, open_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MARKER = "QUOKKA-MARKER-7731"


def file_bytes(*paths: Path) -> list[bytes]:
    return [p.read_bytes() for p in paths]


def test_passphrase_path_creates_sqlcipher_with_its_defaults(tmp_path: Path) -> None:
    path = tmp_path / "real.sqlite3"
    database = open_database(path, Passphrase("a good long passphrase 9!"))
    recovery = database.new_recovery_key
    assert recovery is not None and normalise_recovery_key(recovery) == recovery
    assert len(recovery.split("-")) == 8
    store = SupervisionStore(database)
    make_case(store, MARKER)
    database.close()

    raw = path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert MARKER.encode() not in raw
    data = json.loads(key_file_path(path).read_text())
    for slot in ("passphrase", "recovery"):
        assert data["entries"][0][slot]["kdf"] == "pbkdf2-hmac-sha512"
        assert data["entries"][0][slot]["iterations"] >= 256_000
    assert KDF_ITERATIONS >= 256_000

    reopened = open_database(path, Passphrase("a good long passphrase 9!"))
    try:
        conn = cipher.connect(str(path), reopened.backend.key_ring.data_key, read_only=True)
        settings = {
            name: conn.execute(f"PRAGMA {name}").fetchone()[0]
            for name in (
                "cipher_page_size",
                "cipher_use_hmac",
                "cipher_hmac_algorithm",
                "cipher_kdf_algorithm",
                "cipher_default_kdf_iter",
                "cipher",
            )
        }
        assert cipher.check_integrity(conn) == []
        conn.close()
        assert SupervisionStore(reopened).cases.list_cases()[0].reference == MARKER
    finally:
        reopened.close()
    assert settings["cipher"] == "AES-256-CBC"
    assert settings["cipher_page_size"] == "4096"
    assert settings["cipher_use_hmac"] == "1"
    assert settings["cipher_hmac_algorithm"] == "HMAC_SHA512"
    assert settings["cipher_kdf_algorithm"] == "PBKDF2_HMAC_SHA512"
    assert int(settings["cipher_default_kdf_iter"]) >= 256_000


def test_a_wrong_passphrase_is_refused_and_changes_no_byte(db_path: Path) -> None:
    database = open_db(db_path)
    make_case(SupervisionStore(database))
    database.close()
    before = file_bytes(db_path, key_file_path(db_path))
    with pytest.raises(UnlockError, match="passphrase is not right"):
        open_database(db_path, Passphrase("not the passphrase"))
    with pytest.raises(UnlockError, match="recovery key does not open"):
        open_database(db_path, RecoveryKey("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"))
    assert file_bytes(db_path, key_file_path(db_path)) == before
    assert not Path(f"{db_path}-wal").exists()


def test_a_tampered_page_fails_the_hmac_check(db_path: Path) -> None:
    database = open_db(db_path)
    make_full_session(SupervisionStore(database), make_case(SupervisionStore(database)))
    key = database.backend.key_ring.data_key
    database.close()
    raw = bytearray(db_path.read_bytes())
    raw[4096 + 100] ^= 0xFF  # one bit pattern in page 2
    db_path.write_bytes(bytes(raw))
    conn = cipher.connect(str(db_path), key)
    assert cipher.check_integrity(conn) != []
    conn.close()


def test_a_missing_key_file_gives_a_clear_message(db_path: Path) -> None:
    open_db(db_path).close()
    keys = key_file_path(db_path)
    keys.rename(db_path.with_name("elsewhere"))
    before = db_path.read_bytes()
    with pytest.raises(NotOurDatabaseError, match="no key file"):
        open_database(db_path, Passphrase(TEST_PASSPHRASE))
    assert db_path.read_bytes() == before


def test_recovery_key_opens_and_sets_a_new_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    database = open_database(path, Passphrase("first passphrase is long"))
    recovery = database.new_recovery_key
    make_case(SupervisionStore(database), "REC-1")
    database.close()

    typed = recovery.lower().replace("-", " ")  # how people actually type it back
    database = open_database(path, RecoveryKey(typed))
    set_passphrase(database, "second passphrase, also long")
    database.close()
    with pytest.raises(UnlockError):
        open_database(path, Passphrase("first passphrase is long"))
    database = open_database(path, Passphrase("second passphrase, also long"))
    assert SupervisionStore(database).cases.list_cases()[0].reference == "REC-1"
    database.close()
    open_database(path, RecoveryKey(recovery)).close()  # the recovery key still works


def test_change_passphrase_needs_the_current_one(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    database = open_database(path, Passphrase("current passphrase 123"))
    keys_before = key_file_path(path).read_bytes()
    with pytest.raises(UnlockError):
        change_passphrase(database, "wrong current passphrase", "new passphrase 456 long")
    assert key_file_path(path).read_bytes() == keys_before
    change_passphrase(database, "current passphrase 123", "new passphrase 456 long")
    database.close()
    open_database(path, Passphrase("new passphrase 456 long")).close()


def test_key_rotation_re_encrypts_with_a_new_data_key(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    database = open_database(path, Passphrase("rotation passphrase 1"))
    store = SupervisionStore(database)
    session_id = make_full_session(store, make_case(store))
    old_key = database.backend.key_ring.data_key
    new_recovery = rotate_key(database, "rotation passphrase 1")
    assert store.sessions.get_session(session_id).answers["professional_curiosity.x"].text == HOSTILE
    database.close()
    with pytest.raises(cipher.DatabaseError):
        cipher.connect(str(path), old_key)
    assert len(read_key_file(key_file_path(path))) == 1
    database = open_database(path, RecoveryKey(new_recovery))
    assert SupervisionStore(database).sessions.get_session(session_id).decisions
    database.close()


def test_an_interrupted_rotation_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite3"
    database = open_database(path, Passphrase("interrupted rotation 1"))
    make_case(SupervisionStore(database), "ROT")
    old_entry = database.backend.key_ring.entry
    database.close()
    # The crash came after re-keying the file but before the key file was rewritten.
    new = new_key_ring("interrupted rotation 1")
    first = open_database(path, Passphrase("interrupted rotation 1"))
    old_key = first.backend.key_ring.data_key
    first.close()
    conn = cipher.connect(str(path), old_key)
    conn.execute(f"PRAGMA rekey = {cipher.raw_key(new.data_key)}")
    conn.close()
    write_key_file(key_file_path(path), [old_entry, new.entry])
    database = open_database(path, Passphrase("interrupted rotation 1"))
    assert SupervisionStore(database).cases.list_cases()[0].reference == "ROT"
    database.close()
    assert read_key_file(key_file_path(path)) == [new.entry]


def test_a_plain_v1_database_is_encrypted_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "schema_v1_plain.sqlite3", path)
    assert b"FIXTURE-V1" in path.read_bytes()
    database = open_database(path, Passphrase("upgrade passphrase 42"))
    try:
        store = SupervisionStore(database)
        cases = store.cases.list_cases()
        assert [c.reference for c in cases] == ["FIXTURE-V1"]
        detail = store.sessions.get_session(store.sessions.list_sessions(cases[0].id)[0].id)
        assert detail.answers["professional_curiosity.x"].text == HOSTILE
        assert [a.description for a in detail.actions] == [
            "Visit unannounced",
            "Speak to K alone at school",
        ]
        assert database.new_recovery_key
        with database.session() as session:
            version = session.execute(
                cipher_text("SELECT value FROM app_meta WHERE key='schema_version'")
            ).scalar_one()
            assert version == str(SCHEMA_VERSION)  # every step ran, from 1 to the current
            session.execute(cipher_text("SELECT count(*) FROM security_events")).scalar_one()
    finally:
        database.close()
    for leftover in tmp_path.iterdir():
        assert b"FIXTURE-V1" not in leftover.read_bytes(), leftover.name
    assert not path.with_name(path.name + ".plain-backup").exists()
    # the automatic pre-migration backup exists, is encrypted and opens with the same key
    bak = backup_path_for(path, SCHEMA_VERSION)
    assert bak.exists() and not bak.read_bytes().startswith(b"SQLite format 3")
    old = open_database(bak, Passphrase("upgrade passphrase 42"))
    assert [c.reference for c in SupervisionStore(old).cases.list_cases()] == ["FIXTURE-V1"]
    old.close()


def cipher_text(sql: str):
    from sqlalchemy import text

    return text(sql)


def test_another_apps_plain_database_is_not_converted(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotOurDatabaseError, match="another application"):
        open_database(path, Passphrase(TEST_PASSPHRASE))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db", "other.db.lock"]


def test_backup_and_restore(tmp_path: Path, db_path: Path) -> None:
    database = open_db(db_path)
    store = SupervisionStore(database)
    make_case(store, "BEFORE-BACKUP")
    backup = tmp_path / "backups" / "b.supervision-backup"
    backup.parent.mkdir()
    write_backup(database, backup)
    assert MARKER.encode() not in backup.read_bytes()
    assert b"BEFORE-BACKUP" not in backup.read_bytes()
    make_case(store, "AFTER-BACKUP")
    database.close()

    restore_backup(backup, db_path, Passphrase(TEST_PASSPHRASE))
    database = open_db(db_path)
    assert [c.reference for c in SupervisionStore(database).cases.list_cases()] == ["BEFORE-BACKUP"]
    database.close()
    assert not db_path.with_name(db_path.name + ".before-restore").exists()


@pytest.mark.parametrize(
    ("content", "credential", "message"),
    [
        (b"PK\x03\x04 not really a zip", TEST_PASSPHRASE, "not a backup of this app"),
        (None, "a wrong passphrase here", "passphrase is not right"),
    ],
)
def test_a_bad_restore_changes_nothing(
    tmp_path: Path, db_path: Path, content: bytes | None, credential: str, message: str
) -> None:
    database = open_db(db_path)
    make_case(SupervisionStore(database), "KEEP-ME")
    backup = tmp_path / "b.bak"
    if content is None:
        write_backup(database, backup)
    else:
        backup.write_bytes(content)
    database.close()
    before = file_bytes(db_path, key_file_path(db_path))
    with pytest.raises(BackupError, match=message):
        restore_backup(backup, db_path, Passphrase(credential))
    assert file_bytes(db_path, key_file_path(db_path)) == before


def test_a_second_instance_is_refused(db_path: Path) -> None:
    first = open_db(db_path)
    with pytest.raises(DatabaseInUseError, match="already open"):
        open_db(db_path)
    first.close()
    open_db(db_path).close()


def test_a_locked_database_refuses_work_until_unlocked(db_path: Path) -> None:
    database = open_db(db_path)
    store = SupervisionStore(database)
    make_case(store, "LOCKED")
    database.lock()
    assert database.locked
    with pytest.raises(DatabaseLockedError):
        store.cases.list_cases()
    with pytest.raises(UnlockError):
        database.unlock(Passphrase("wrong"))
    database.unlock(Passphrase(TEST_PASSPHRASE))
    assert store.cases.list_cases()[0].reference == "LOCKED"
    database.close()


def test_a_missing_database_with_its_key_file_is_not_recreated(db_path: Path) -> None:
    open_db(db_path).close()
    db_path.unlink()
    with pytest.raises(DatabaseOpenError, match="missing, but its key file"):
        open_db(db_path)
    assert not db_path.exists()


def test_strength_estimate_is_honest() -> None:
    assert not assess("short").acceptable
    assert not assess("aaaaaaaaaaaaaaaa").acceptable
    assert not assess("123456789012345").acceptable
    assert assess("kettle mango violin harbour").acceptable
    assert assess("Tiger-Violin-Harbour-79!").level == 3
    assert "at least 12" in assess("abc").advice


def test_famous_phrases_the_apps_words_and_the_users_name_are_weak() -> None:
    """zxcvbn with extra dictionary words: the XKCD phrase is not Strong, nor is a
    passphrase made of the user's name and the app's vocabulary."""
    famous = assess("correct horse battery staple")
    assert famous.label != "Strong" and not famous.acceptable
    assert "correct horse battery staple" in famous.advice
    assert "second" in famous.estimate  # zxcvbn's time to guess it: less than a second
    assert not assess("Correct Horse Battery Staple 42").acceptable
    assert assess("Priya-Hale-1984-nurse").acceptable  # nothing known about the user
    mine = assess("Priya-Hale-1984-nurse", ["Priya Hale", "Named Nurse"])
    assert not mine.acceptable and "Priya" in mine.advice
    assert not assess("priya hale supervision 2026", ["Priya Hale"]).acceptable
    long_one = assess("kettle mango violin harbour " * 40000)  # a megabyte: still answers
    assert long_one.acceptable


def test_repeated_failures_slow_further_attempts() -> None:
    now = [1000.0]
    throttle = UnlockThrottle(clock=lambda: now[0])
    delays = [throttle.record_failure() for _ in range(6)]
    assert delays[:3] == [0, 0, 0]
    assert delays[3] < delays[4] < delays[5]
    assert throttle.wait_remaining() == delays[5]
    now[0] += delays[5]
    assert throttle.wait_remaining() == 0
    throttle.record_success()
    assert throttle.record_failure() == 0
