"""The command line, run as a user would: a real process, a real database file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CLI_PASSPHRASE as PASSPHRASE
from helpers import run_cli as run

pytestmark = pytest.mark.both_backends  # `store` on SQLite and on the agency server


def test_demo_list_export_import_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    first = run("demo", "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "Loaded the fictional demo case" in first.stdout
    again = run("demo", "--db", str(db))
    assert again.returncode == 0 and "already loaded" in again.stdout

    listing = run("--db", str(db), "list")
    assert listing.returncode == 0, listing.stderr
    assert "DEMO-0001" in listing.stdout and "session 1" in listing.stdout

    pdf = tmp_path / "record.pdf"
    exported = run("export", "1", "--pdf", str(pdf), "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    import pypdf

    text = " ".join(page.extract_text() for page in pypdf.PdfReader(str(pdf)).pages)
    assert "DEMO-0001" in text and "Reflective supervision record" in text

    record = tmp_path / "record.json"
    assert run("export", "1", "--json", str(record), "--db", str(db)).returncode == 0
    other = tmp_path / "b.sqlite3"
    imported = run("import", str(record), "--db", str(other))
    assert imported.returncode == 0, imported.stderr
    assert "Imported session 1 into a new case" in imported.stdout
    assert "DEMO-0001" in run("list", "--db", str(other)).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "42", "--json", "out.json"], "there is no database at"),
        (["import", "missing.json"], "missing.json does not exist"),
    ],
)
def test_errors_are_one_clear_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(*args, "--db", str(tmp_path / "db.sqlite3"), cwd=tmp_path)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "letter.docx"
    bogus.write_bytes(b"PK\x03\x04 not a database")
    result = run("list", "--db", str(bogus))
    assert result.returncode == 1
    assert "not a supervision database" in result.stderr
    assert bogus.read_bytes() == b"PK\x03\x04 not a database"


def test_an_invalid_record_file_leaves_no_database_behind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "nope"}))
    db = tmp_path / "fresh.sqlite3"
    result = run("import", str(bad), "--db", str(db))
    assert result.returncode == 1 and "not a supervision record file" in result.stderr
    assert not db.exists()


def test_import_takes_a_whole_case_file(tmp_path: Path, store, content) -> None:
    from supervision_app.services.demo import load_demo
    from supervision_app.services.record_files import export_case_json

    case_id = load_demo(store, content).history_case_id
    record = tmp_path / "case.json"
    export_case_json(store, case_id, record)
    other = tmp_path / "b.sqlite3"
    imported = run("import", str(record), "--db", str(other))
    assert imported.returncode == 0, imported.stderr
    assert "Imported the whole case" in imported.stdout
    assert "DEMO-0002" in run("list", "--db", str(other)).stdout
    again = run("import", str(record), "--db", str(other))
    assert again.returncode == 1 and "already in this database" in again.stderr


def test_template_opens_no_database_and_asks_for_no_passphrase(tmp_path: Path) -> None:
    """A blank form needs no records: nothing is created in the data folder, and no
    passphrase is needed (none is given here)."""
    data = tmp_path / "appdata"
    pdf = tmp_path / "blank.pdf"
    result = run(
        "template",
        "--pdf",
        str(pdf),
        env={"SUPERVISION_APP_DATA_DIR": str(data), "SUPERVISION_APP_PASSPHRASE": None},
    )
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "OFFICIAL-SENSITIVE" in result.stdout
    created = [p for p in data.rglob("*") if p.is_file()] if data.exists() else []
    assert not [p for p in created if "sqlite" in p.name or p.suffix in {".db", ".key"}], created

    marked = run("template", "--pdf", str(pdf), "--marking", "OFFICIAL", env={
        "SUPERVISION_APP_DATA_DIR": str(data), "SUPERVISION_APP_PASSPHRASE": None})  # fmt: skip
    assert marked.returncode == 0 and "marked OFFICIAL)" in marked.stdout


def test_a_reader_that_stops_early_ends_the_listing_quietly(tmp_path: Path) -> None:
    """``supervision-app list | head -3``: the reader closes the pipe; no error is printed."""
    db = tmp_path / "db.sqlite3"
    assert run("demo", "--db", str(db)).returncode == 0
    environment = {**os.environ, "SUPERVISION_APP_PASSPHRASE": PASSPHRASE}
    process = subprocess.Popen(
        [sys.executable, "-m", "supervision_app", "list", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    process.stdout.close()  # like head, which has read its lines and gone
    stderr = process.stderr.read().decode()
    process.wait(timeout=120)
    process.stderr.close()
    assert stderr == ""
    assert process.returncode == 141


def test_a_session_id_that_is_not_a_number_gets_one_line(tmp_path: Path) -> None:
    result = run("export", "abc", "--pdf", "out.pdf", "--db", str(tmp_path / "db.sqlite3"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "the session id must be a number" in lines[0]
    assert "supervision-app list" in lines[0]
    assert not (tmp_path / "db.sqlite3").exists()
