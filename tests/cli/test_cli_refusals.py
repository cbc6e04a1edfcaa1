"""The command line refuses what it must, clearly, and changes nothing when it does (issue 16):
a mistyped --db, a weak passphrase for a new database, a plain file dropped beside a key file,
a hostile key file, a missing key file, a passphrase file others can read, a damaged backup;
and `verify --pdf` checks a filed PDF against the database."""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from supervision_app.domain import Party, SignOffInput
from supervision_app.storage import Passphrase, SupervisionStore, open_database
from supervision_app.storage.keys import key_file_path
from supervision_app.storage.sqlite import cipher
from tests.cli.test_cli import PASSPHRASE, run
from tests.helpers import created_in


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "db" / "supervision.sqlite3"
    made = run("demo", "--db", str(db))
    assert made.returncode == 0, made.stderr
    assert f"Created a new encrypted database at {db}" in made.stdout
    return db


@pytest.mark.parametrize(
    "args",
    [["list"], ["verify"], ["export", "1", "--json", "x.json"],
     ["settings"], ["backup", "b.zip"], ["rotate-key"], ["new-recovery-key"]],
)  # fmt: skip
def test_a_mistyped_path_is_refused_and_nothing_is_created(tmp_path: Path, args) -> None:
    db = tmp_path / "typo" / "x.db"
    result = run(*args, "--db", str(db), cwd=tmp_path)
    assert result.returncode == 1
    assert "there is no database at" in result.stderr and "nothing was created" in result.stderr
    assert not (tmp_path / "typo").exists()
    assert created_in(tmp_path) == []


def test_the_template_needs_no_database_so_a_mistyped_path_creates_nothing(tmp_path: Path) -> None:
    """The blank template opens no database at all (issue 19): --db is not read, and nothing
    is created at it."""
    db = tmp_path / "typo" / "x.db"
    result = run("template", "--pdf", "t.pdf", "--db", str(db), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "typo").exists()
    assert created_in(tmp_path) == ["t.pdf"]


def test_a_new_database_from_the_command_line_needs_the_windows_passphrase_rule(tmp_path):
    db = tmp_path / "new.db"
    weak = run("demo", "--db", str(db), env={"SUPERVISION_APP_PASSPHRASE": "a"})
    assert weak.returncode == 1 and "too weak" in weak.stderr and "Nothing was created" in weak.stderr
    assert created_in(tmp_path) == []


def test_a_plain_sqlite_file_beside_a_key_file_is_refused_and_neither_changes(demo_db: Path):
    demo_db.unlink()
    for side in ("-wal", "-shm"):
        Path(f"{demo_db}{side}").unlink(missing_ok=True)
    forged = sqlite3.connect(demo_db)
    forged.execute("CREATE TABLE app_meta (key TEXT PRIMARY KEY, value TEXT)")
    forged.execute("INSERT INTO app_meta VALUES ('application_id', 'supervision_app'), "
                   "('schema_version', '1')")  # fmt: skip
    forged.commit()
    forged.close()
    before = _snapshot(demo_db.parent)
    result = run("list", "--db", str(demo_db), env={"SUPERVISION_APP_PASSPHRASE": "any passphrase at all 12"})
    assert result.returncode == 1
    assert "not encrypted, but a key file exists" in result.stderr
    assert _snapshot(demo_db.parent) == before


@pytest.mark.parametrize("iterations", [2**40, 2**31 - 1, 99_999, "256000", True])
def test_kdf_parameters_out_of_range_are_refused_at_once(demo_db: Path, iterations) -> None:
    keys = key_file_path(demo_db)
    data = json.loads(keys.read_text(encoding="utf-8"))
    data["entries"][0]["passphrase"]["iterations"] = iterations
    keys.write_text(json.dumps(data), encoding="utf-8")
    before = _snapshot(demo_db.parent)
    result = run("list", "--db", str(demo_db))  # 2**31 - 1 iterations would take hours
    assert result.returncode == 1 and "damaged" in result.stderr, result.stderr
    assert "unexpected" not in result.stderr
    assert _snapshot(demo_db.parent) == before


def test_a_missing_key_file_is_named_with_what_to_do(demo_db: Path) -> None:
    key_file_path(demo_db).unlink()
    result = run("list", "--db", str(demo_db))
    assert result.returncode == 1
    assert f"The key file {demo_db.name}.keys is missing" in result.stderr
    assert "put its key file back" in result.stderr


def test_a_passphrase_file_others_can_read_is_refused(demo_db: Path, tmp_path: Path) -> None:
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    env = {"SUPERVISION_APP_PASSPHRASE": None, "SUPERVISION_APP_PASSPHRASE_FILE": str(secret)}
    if os.name == "posix":
        secret.chmod(0o644)
        refused = run("list", "--db", str(demo_db), env=env)
        assert refused.returncode == 1 and "can be read by other users" in refused.stderr
        assert "chmod 600" in refused.stderr
    secret.chmod(0o600)
    assert run("list", "--db", str(demo_db), env=env).returncode == 0


def test_a_damaged_backup_is_refused_clearly_by_restore(demo_db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.supervision-backup"
    assert run("backup", str(backup), "--db", str(demo_db)).returncode == 0
    with zipfile.ZipFile(backup) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    data = bytearray(members["database.sqlcipher"])
    data[len(data) // 3] ^= 0x04
    members["database.sqlcipher"] = bytes(data)
    with zipfile.ZipFile(backup, "w") as archive:
        for name, raw in members.items():
            archive.writestr(name, raw)
    before = _snapshot(demo_db.parent)
    result = run("restore", str(backup), "--db", str(demo_db))
    assert result.returncode == 1 and "damaged" in result.stderr, result.stderr
    assert "unexpected" not in result.stderr
    assert _snapshot(demo_db.parent) == before


def _sign_demo(db: Path) -> int:
    database = open_database(db, Passphrase(PASSPHRASE))
    try:
        store = SupervisionStore(database)
        case = store.cases.list_cases()[0]
        session_id = store.sessions.list_sessions(case.id)[0].id
        store.signing.sign_session(session_id, SignOffInput(Party.PRACTITIONER, "Alex P", "Social worker"))
        store.signing.sign_session(session_id, SignOffInput(Party.SUPERVISOR, "Jo S", "Team manager"))
        return session_id
    finally:
        database.close()


def test_verify_pdf_checks_a_filed_record_against_the_database(demo_db: Path, tmp_path: Path):
    session_id = _sign_demo(demo_db)
    filed = tmp_path / "filed.pdf"
    assert run("export", str(session_id), "--pdf", str(filed), "--db", str(demo_db)).returncode == 0
    ok = run("verify", "--pdf", str(filed), "--db", str(demo_db))
    assert ok.returncode == 0 and "unchanged" in ok.stdout, ok.stdout + ok.stderr

    database = open_database(demo_db, Passphrase(PASSPHRASE))  # a legitimate addendum
    SupervisionStore(database).signing.add_addendum(session_id, "Jo S", "Team manager", "Later.")
    ring = database.backend.key_ring
    database.close()
    later = run("verify", "--pdf", str(filed), "--db", str(demo_db))
    assert later.returncode == 0 and "addenda added since it was printed" in later.stdout

    conn = cipher.connect(str(demo_db), ring.data_key)  # someone with the passphrase edits it
    conn.execute("UPDATE decisions SET rationale = rationale || ' (not really)' WHERE session_id = ?",
                 (session_id,))  # fmt: skip
    conn.commit()
    conn.close()
    changed = run("verify", "--pdf", str(filed), "--db", str(demo_db))
    assert changed.returncode == 1 and "MISMATCH" in changed.stdout, changed.stdout

    draft = tmp_path / "draft.pdf"
    other = run("export", str(session_id - 1), "--pdf", str(draft), "--db", str(demo_db))
    if other.returncode == 0:  # the demo has an earlier, unsigned session
        refused = run("verify", "--pdf", str(draft), "--db", str(demo_db))
        assert refused.returncode == 1 and "prints no record fingerprint" in refused.stderr
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4 not really")
    refused = run("verify", "--pdf", str(junk), "--db", str(demo_db))
    assert refused.returncode == 1 and "unexpected" not in refused.stderr, refused.stderr


def test_verify_fails_for_a_stripped_signature(demo_db: Path) -> None:
    session_id = _sign_demo(demo_db)
    assert run("verify", "--db", str(demo_db)).returncode == 0
    database = open_database(demo_db, Passphrase(PASSPHRASE))
    ring = database.backend.key_ring
    database.close()
    conn = cipher.connect(str(demo_db), ring.data_key)
    for table in ("record_chain_links", "record_chain_seals", "record_snapshots"):
        conn.execute(f"DELETE FROM {table} WHERE session_id = ?", (session_id,))
    conn.commit()
    conn.close()
    result = run("verify", "--db", str(demo_db))
    assert result.returncode == 1 and "MISMATCH" in result.stdout
