"""Crash safety (SIGKILL mid-write), a full disk, and fuzzed files, on real database files.

CI runs a few kills; scripts/reliability.py runs 1,000 (see docs/security.md).
"""

from __future__ import annotations

import os
import random
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event

from supervision_app.storage import DatabaseOpenError, SupervisionStore, UnlockError
from supervision_app.storage.autosave import AnswerEdit, AutosaveWriter
from supervision_app.storage.keys import key_file_path
from tests.crash_harness import run_kills
from tests.helpers import make_case, open_db, shared_key_ring

CI_KILLS = int(os.environ.get("SUPERVISION_APP_CRASH_KILLS", "5"))


def test_sigkill_mid_write_loses_nothing_acknowledged(tmp_path: Path) -> None:
    ledger, problems = run_kills(tmp_path / "crash.sqlite3", shared_key_ring(), CI_KILLS, seed=7)
    assert problems == []
    assert ledger.acks > 0  # the child really was writing when it was killed


def test_a_full_disk_keeps_the_text_and_saves_it_when_space_returns(db_path: Path) -> None:
    database = open_db(db_path)
    store = SupervisionStore(database)
    session_id = store.sessions.create_session(make_case(store), date(2026, 1, 5), [], "1")
    limit = {"pages": 0}

    def cap(dbapi_connection, _record) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        limit["pages"] = limit["pages"] or pages
        dbapi_connection.execute(f"PRAGMA max_page_count = {limit['pages']}")

    event.listen(database.engine, "connect", cap)
    database.engine.dispose()  # new connections see a disk with no room left
    outcomes = []
    writer = AutosaveWriter(store, outcomes.append)
    words = "Words typed while the disk was full. " * 3000
    writer.submit(AnswerEdit(session_id, "s.p", "s", "Q", words))
    assert not writer.flush(timeout=3)
    failed = [o for o in outcomes if not o.ok]
    assert failed and "disk is full" in failed[0].error
    assert words not in failed[0].error
    assert "s.p" not in store.sessions.get_session(session_id).answers  # nothing half-written

    event.remove(database.engine, "connect", cap)
    database.engine.dispose()  # space is back
    assert writer.flush(timeout=60)
    writer.close()
    assert store.sessions.get_session(session_id).answers["s.p"].text == words
    database.close()


def mutations(raw: bytes, rng: random.Random) -> list[tuple[str, bytes]]:
    flipped = bytearray(raw)
    for _ in range(8):
        flipped[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
    return [
        ("truncated", raw[: len(raw) // 3]),
        ("first page zeroed", b"\0" * 4096 + raw[4096:]),
        ("bits flipped", bytes(flipped)),
        ("random bytes", rng.randbytes(len(raw))),
        ("empty", b""),
    ]


@pytest.mark.parametrize("case", range(5))
def test_a_damaged_database_is_refused_untouched(tmp_path: Path, case: int) -> None:
    path = tmp_path / "fuzz.sqlite3"
    database = open_db(path)
    make_case(SupervisionStore(database))
    database.close()
    name, bad = mutations(path.read_bytes(), random.Random(case))[case]
    path.write_bytes(bad)
    before = path.read_bytes(), key_file_path(path).read_bytes()
    try:
        database = open_db(path)
    except DatabaseOpenError as exc:
        assert "untouched" in str(exc) or "not a supervision database" in str(exc), name
        assert (path.read_bytes(), key_file_path(path).read_bytes()) == before, name
    else:  # the damage missed every page that opening reads: the integrity check finds it
        from supervision_app.storage.sqlite import cipher

        conn = cipher.connect(str(path), database.backend.key_ring.data_key)
        assert cipher.check_integrity(conn), name
        conn.close()
        database.close()


def test_a_damaged_key_file_is_refused_untouched(db_path: Path) -> None:
    open_db(db_path).close()
    keys = key_file_path(db_path)
    keys.write_text(keys.read_text().replace('"wrapped": "', '"wrapped": "AAAA', 1))
    before = db_path.read_bytes(), keys.read_bytes()
    from supervision_app.storage import Passphrase, open_database
    from tests.helpers import TEST_PASSPHRASE

    with pytest.raises(UnlockError):
        open_database(db_path, Passphrase(TEST_PASSPHRASE))
    assert (db_path.read_bytes(), keys.read_bytes()) == before
