"""The full page check of a small file runs beside the window, and holds back every write.

Unlocking a cleanly closed file of up to FULL_CHECK_MAX_BYTES returns without reading every
page; the check runs on its own read-only connection (storage/sqlite/page_check.py) and the
engine, through which everything is written, waits for it. Damage is reported to whoever
listens (the window), and the engine then only reads (SQLite refuses every write); the file
stays byte for byte as it was.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from supervision_app.storage import SupervisionStore
from supervision_app.storage.keys import key_file_path
from supervision_app.storage.sqlite import cipher
from supervision_app.storage.sqlite.backend import sqlite_backend
from tests.helpers import make_case, make_full_session, open_db


def _filled(path: Path) -> None:
    database = open_db(path)
    store = SupervisionStore(database)
    for n in range(20):
        make_full_session(store, make_case(store, f"C-{n}"))
    database.close()


def _damage(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    middle = (len(raw) // 4096 // 2) * 4096
    raw[middle + 200] ^= 0x5A  # a page that unlocking and the first screen do not read
    path.write_bytes(bytes(raw))


@pytest.fixture
def held_check(monkeypatch) -> threading.Event:
    """The page check waits for this event before it reads the file."""
    release = threading.Event()
    original = cipher.check_integrity

    def held(conn):
        assert release.wait(60)
        return original(conn)

    monkeypatch.setattr(cipher, "check_integrity", held)
    return release


def test_a_write_waits_for_the_check_and_then_goes_through(
    db_path: Path, held_check: threading.Event
) -> None:
    _filled(db_path)
    database = open_db(db_path)  # returns while the check is held
    try:
        check = sqlite_backend(database).page_check
        assert check is not None and not check.finished
        written: list[int] = []
        writer = threading.Thread(
            target=lambda: written.append(make_case(SupervisionStore(database), "C-late"))
        )
        writer.start()
        writer.join(0.5)
        assert writer.is_alive() and written == []  # held back until the check has passed
        held_check.set()
        writer.join(60)
        assert written and not writer.is_alive()
        assert sqlite_backend(database).page_check is None  # passed: nothing to wait for
    finally:
        held_check.set()
        database.close()


def test_damage_found_beside_the_window_is_reported_and_nothing_is_written(
    db_path: Path, held_check: threading.Event
) -> None:
    _filled(db_path)
    _damage(db_path)
    before = db_path.read_bytes(), key_file_path(db_path).read_bytes()
    database = open_db(db_path)
    try:
        backend = sqlite_backend(database)
        assert backend.page_check is not None
        heard: list[list[str]] = []
        backend.page_check.when_done(heard.append)
        failed: list[BaseException] = []

        def write() -> None:
            try:
                make_case(SupervisionStore(database), "C-lost")
            except Exception as exc:  # SQLAlchemy's OperationalError around SQLite's
                failed.append(exc)

        writer = threading.Thread(target=write)
        writer.start()  # typed before the check ended: waits for it
        held_check.set()
        writer.join(60)
        assert heard and heard[0]  # the window is told what was found
        assert failed and "readonly" in str(failed[0])  # the write was refused by SQLite
        assert "restore the database from a backup" in backend.damage_message(heard[0])
        with database.read() as session:  # the records can still be read
            assert session.execute(text("SELECT count(*) FROM app_meta")).scalar_one() > 0
        late: list[list[str]] = []
        backend.page_check.when_done(late.append)  # a listener after the end hears it at once
        assert late == heard
    finally:
        held_check.set()
        database.close()
    assert (db_path.read_bytes(), key_file_path(db_path).read_bytes()) == before


def test_closing_during_the_check_stops_it_and_releases_the_file(db_path: Path) -> None:
    _filled(db_path)
    database = open_db(db_path)
    check = sqlite_backend(database).page_check
    assert check is not None
    database.close()  # at once: the check is interrupted (or had ended) and its thread joined
    assert check.finished or check.cancelled
    open_db(db_path).close()  # the instance lock was released: it opens again


def test_locking_during_the_check_runs_it_again_after_unlock(
    db_path: Path, held_check: threading.Event
) -> None:
    """Locking closes every connection, the check's too; the check runs again at unlock."""
    from tests.helpers import shared_key_ring

    _filled(db_path)
    database = open_db(db_path)
    try:
        backend = sqlite_backend(database)
        first = backend.page_check
        assert first is not None and not first.finished  # held
        threading.Timer(0.2, held_check.set).start()  # lets the stopped check's thread end
        database.lock()
        assert first.cancelled and first.finished
        database.unlock(shared_key_ring())
        again = backend.page_check
        assert again is not None and again is not first
        make_case(SupervisionStore(database), "C-after-unlock")  # waits for it, then writes
        assert backend.page_check is None
    finally:
        held_check.set()
        database.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice values: Linux")
def test_the_check_yields_the_cpu_to_the_window(db_path: Path, held_check: threading.Event) -> None:
    """The check's thread runs at a lower priority than the process (the window's thread)."""
    _filled(db_path)
    database = open_db(db_path)
    try:
        check = sqlite_backend(database).page_check
        assert check is not None
        seen: list[int] = []
        heard = threading.Event()

        def listener(_problems: list[str]) -> None:  # runs on the check's thread
            seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
            heard.set()

        check.when_done(listener)
        held_check.set()
        assert heard.wait(60)
        assert seen and seen[0] > os.getpriority(os.PRIO_PROCESS, 0)
    finally:
        database.close()


def test_an_autosave_refused_by_a_damaged_file_says_it_is_damaged(db_path: Path) -> None:
    """Not "check the file's permissions": the file is damaged, and a backup is the way out.
    The text is kept for a retry (a restore may follow)."""
    from supervision_app.storage.autosave import AnswerEdit, AutosaveWriter

    _filled(db_path)
    database = open_db(db_path)
    store = SupervisionStore(database)
    session_id = store.sessions.list_sessions(store.cases.list_cases(limit=1)[0].id)[0].id
    database.close()
    _damage(db_path)
    before = db_path.read_bytes()
    database = open_db(db_path)
    outcomes = []
    writer = AutosaveWriter(SupervisionStore(database), outcomes.append)
    try:
        assert sqlite_backend(database).page_check is not None
        sqlite_backend(database).page_check.result()  # the check has found the damage
        assert database.found_damage()
        writer.submit(
            AnswerEdit(session_id, "professional_curiosity.x", "professional_curiosity", "Q?", "T")
        )
        assert not writer.flush(timeout=3)  # refused, and kept for a retry
        assert outcomes and not outcomes[0].ok and not outcomes[0].final
        assert "damaged" in outcomes[0].error and "backup" in outcomes[0].error
        assert "permissions" not in outcomes[0].error
        assert writer.pending_count() == 1
    finally:
        writer.close(timeout=0.5)
        database.close()
    assert db_path.read_bytes() == before
