"""Unlocking a large file checks every page only when the last run did not end cleanly.

A file of up to FULL_CHECK_MAX_BYTES is checked in full at every unlock (it is cheap), beside
the window after a clean close (tests/storage/test_page_check.py), before opening returns
after an unclean end.
For a larger file after a clean close, unlocking runs the checks whose cost does not grow with the file
(the header and schema pages pass their HMAC; the length matches the page count), so
start-up stays flat as the records grow; every other page is checked by its HMAC when it
is read.  After a crash the full check runs before anything is written, and a damaged
file is refused, byte for byte untouched.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from supervision_app.storage import DatabaseOpenError, SupervisionStore
from supervision_app.storage.keys import key_file_path
from supervision_app.storage.sqlite import backend as database_module
from supervision_app.storage.sqlite import cipher
from supervision_app.storage.sqlite.backend import sqlite_backend
from tests.helpers import make_case, make_full_session, open_db, run_cli, shared_key_ring

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def large(monkeypatch) -> None:
    """Test files count as large (above the size checked in full at every unlock)."""
    monkeypatch.setattr(database_module, "FULL_CHECK_MAX_BYTES", 0)


@pytest.fixture
def full_checks(monkeypatch) -> list[str]:
    calls: list[str] = []
    original = cipher.check_integrity

    def spy(conn):
        calls.append("full")
        return original(conn)

    monkeypatch.setattr(cipher, "check_integrity", spy)
    return calls


def _filled(path: Path) -> None:
    database = open_db(path)
    store = SupervisionStore(database)
    for n in range(30):
        make_full_session(store, make_case(store, f"C-{n}"))
    database.close()


def _crash_while_open(path: Path) -> None:
    """Open the database in another process and end it without closing anything."""
    code = (
        "import os, sys; from pathlib import Path\n"
        "from supervision_app.storage import open_database\n"
        "from supervision_app.storage.keys import KeyRing, key_file_path, read_key_file\n"
        "path = Path(sys.argv[1])\n"
        "entry = read_key_file(key_file_path(path))[0]\n"
        "open_database(path, KeyRing(bytes.fromhex(sys.argv[2]), entry))\n"
        "os._exit(0)\n"
    )
    key = shared_key_ring().data_key.hex()
    subprocess.run([sys.executable, "-c", code, str(path), key], cwd=ROOT, check=True, timeout=120)


def test_a_clean_reopen_of_a_large_file_skips_the_full_check_and_a_crash_brings_it_back(
    db_path: Path, full_checks: list[str], large: None
) -> None:
    _filled(db_path)
    open_db(db_path).close()
    assert full_checks == []
    _crash_while_open(db_path)
    open_db(db_path).close()
    assert full_checks == ["full"]
    open_db(db_path).close()  # that run ended cleanly
    assert full_checks == ["full"]


def test_damage_found_after_a_crash_is_refused_untouched(db_path: Path, large: None) -> None:
    _filled(db_path)
    _crash_while_open(db_path)
    raw = bytearray(db_path.read_bytes())
    middle = (len(raw) // 4096 // 2) * 4096
    raw[middle + 200] ^= 0x5A  # a page that unlocking does not read
    db_path.write_bytes(bytes(raw))
    before = db_path.read_bytes(), key_file_path(db_path).read_bytes()
    with pytest.raises(DatabaseOpenError, match=r"damaged.*untouched"):
        open_db(db_path)
    assert (db_path.read_bytes(), key_file_path(db_path).read_bytes()) == before


def test_a_truncated_large_file_is_refused_untouched_without_the_full_check(
    db_path: Path, full_checks: list[str], large: None
) -> None:
    _filled(db_path)
    raw = db_path.read_bytes()
    db_path.write_bytes(raw[: len(raw) - 3 * 4096])  # whole pages missing at the end
    before = db_path.read_bytes(), key_file_path(db_path).read_bytes()
    with pytest.raises(DatabaseOpenError, match=r"truncated.*untouched"):
        open_db(db_path)
    assert (db_path.read_bytes(), key_file_path(db_path).read_bytes()) == before
    assert full_checks == []


def test_a_small_file_damaged_after_a_clean_close_is_found_beside_the_window_and_never_written(
    db_path: Path, full_checks: list[str]
) -> None:
    """A small file is still checked in full at every unlock, but beside the window (the
    unlock returns at once): nothing is written to it until the check has passed, and a
    damaged one is only read from then on (SQLite refuses every write)."""
    _filled(db_path)
    database = open_db(db_path)  # a clean close after it: small files are checked in full
    assert database.engine is not None  # waits for the check, which passed
    database.close()
    assert full_checks == ["full"]
    raw = bytearray(db_path.read_bytes())
    middle = (len(raw) // 4096 // 2) * 4096
    raw[middle + 200] ^= 0x5A  # a page that the size-independent checks do not read
    db_path.write_bytes(bytes(raw))
    before = db_path.read_bytes(), key_file_path(db_path).read_bytes()
    database = open_db(db_path)  # the damage is found beside the window, not here
    try:
        with pytest.raises(Exception, match="readonly"):  # every write: the store's ...
            make_case(SupervisionStore(database), "C-new")
        conn = database.raw_connection()  # ... and the autosave's quick path
        try:
            with pytest.raises(Exception, match="readonly"):
                conn.execute("UPDATE app_meta SET value = value")
        finally:
            conn.close()
        problems = sqlite_backend(database).page_check
        assert problems is not None and problems.result()  # what the window is told
    finally:
        database.close()
    assert (db_path.read_bytes(), key_file_path(db_path).read_bytes()) == before


def test_the_unlock_dialog_needs_no_sqlalchemy() -> None:
    """The passphrase and unlock dialogs appear before SQLAlchemy is imported (it loads on a
    background thread while the user types; see ui/first_screen.py:preload_window_modules)."""
    code = (
        "import sys\n"
        "import supervision_app.cli, supervision_app.ui.app, supervision_app.ui.startup\n"
        "import supervision_app.ui.unlock_dialog, supervision_app.ui.passphrase_dialog\n"
        "from supervision_app.storage import DatabaseOpenError, Passphrase, open_database\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy')[:3])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_real_start_reaches_the_unlock_dialog_without_sqlalchemy(tmp_path: Path) -> None:
    """The whole way a user starts the app (``supervision-app --db FILE``: arguments, content,
    the store's opening) up to the unlock dialog imports no SQLAlchemy. The ``--db`` check for an
    agency server's URL once imported it on every start."""
    db = tmp_path / "records.sqlite3"
    made = run_cli("--db", str(db), "demo")
    assert made.returncode == 0, made.stderr
    code = (
        "import sys\n"
        "from supervision_app.ui import unlock_dialog\n"
        "def shown(self):\n"
        "    print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy')[:3])\n"
        "    raise SystemExit(0)\n"
        "unlock_dialog.UnlockDialog.exec = shown\n"
        "from supervision_app import cli\n"
        f"cli.main(['--db', {str(db)!r}])\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPERVISION_APP_PASSPHRASE")}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**env, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
