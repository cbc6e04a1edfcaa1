"""Agency recovery by public key: the pack carries the public key, only the agency can unwrap.

Storage tests on real database files, and the agency's workflow through the real command line:
agency-keygen, a pack with its recovery.toml, a database created with it, agency-reset.
"""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from supervision_app.content import load_content_with_packs
from supervision_app.storage import Passphrase, SupervisionStore, UnlockError, open_database
from supervision_app.storage.agency import (
    AgencyKeyError,
    generate_key_pair,
    load_private_key,
    public_key_bytes,
    unwrap_with_agency_key,
)
from supervision_app.storage.keys import key_file_path, read_key_file
from supervision_app.storage.models import AuditEventRow
from supervision_app.storage.sqlite.security import (
    apply_agency_key,
    new_recovery_key,
    rotate_key,
    set_passphrase,
)
from tests.cli.test_cli import PASSPHRASE, run
from tests.content.test_content_packs import EXAMPLE
from tests.helpers import make_case

KEY_PASS = "agency private key passphrase"


@pytest.fixture(scope="module")
def agency_keys() -> tuple[bytes, str]:
    return generate_key_pair(KEY_PASS)


def recovery_toml(public_pem: str) -> str:
    return (
        'schema_version = 1\nholder = "Example Borough IT"\ncontact = "01234 567890"\n'
        f'public_key = """\n{public_pem}"""\n'
    )


def test_a_pack_carries_the_agency_public_key(tmp_path: Path, agency_keys) -> None:
    _private, public_pem = agency_keys
    pack = tmp_path / "packs" / "example"
    shutil.copytree(EXAMPLE, pack)
    (pack / "recovery.toml").write_text(recovery_toml(public_pem), encoding="utf-8")
    loaded = load_content_with_packs(pack_roots=[pack.parent])
    assert loaded.pack_problems == ()
    assert loaded.agency_recovery.public_key == public_key_bytes(public_pem)
    assert loaded.agency_recovery.holder == "Example Borough IT"
    assert loaded.agency_recovery.pack == "example-agency"

    (pack / "recovery.toml").write_text(recovery_toml("not a key\n"), encoding="utf-8")
    skipped = load_content_with_packs(pack_roots=[pack.parent])
    assert skipped.agency_recovery is None
    assert "recovery.toml: public_key is not a PEM public key" in skipped.pack_problems[0].problem


def test_only_the_agency_private_key_unwraps_and_it_survives_key_changes(
    tmp_path: Path, agency_keys
) -> None:
    private_pem, public_pem = agency_keys
    private = load_private_key(private_pem, KEY_PASS)
    path = tmp_path / "a.sqlite3"
    passphrase = "the user's passphrase, long enough"
    database = open_database(path, Passphrase(passphrase))
    make_case(SupervisionStore(database), "AGENCY")
    with pytest.raises(AgencyKeyError, match="holds no key"):
        unwrap_with_agency_key(read_key_file(key_file_path(path)), private)
    assert apply_agency_key(database, public_key_bytes(public_pem))
    assert not apply_agency_key(database, public_key_bytes(public_pem))  # already there
    assert not apply_agency_key(database, None)  # a removed pack takes nothing away

    def agency_opens() -> bytes:
        (ring,) = unwrap_with_agency_key(read_key_file(key_file_path(path)), private)
        return ring.data_key

    assert agency_opens() == database.backend.key_ring.data_key
    set_passphrase(database, "another passphrase, also long")
    new_recovery_key(database, "another passphrase, also long")
    assert agency_opens() == database.backend.key_ring.data_key
    rotate_key(database, "another passphrase, also long")
    assert agency_opens() == database.backend.key_ring.data_key  # wrapped again to the same agency
    database.close()

    other_private, _other_public = generate_key_pair("another agency's passphrase")
    with pytest.raises(AgencyKeyError, match="does not open"):
        unwrap_with_agency_key(
            read_key_file(key_file_path(path)),
            load_private_key(other_private, "another agency's passphrase"),
        )
    with pytest.raises(AgencyKeyError, match="passphrase is wrong"):
        load_private_key(private_pem, "a wrong passphrase for the key")
    assert b"PRIVATE" not in key_file_path(path).read_bytes()


def test_the_agency_workflow_through_the_command_line(tmp_path: Path) -> None:
    private_key = tmp_path / "it-desk" / "agency-recovery.pem"
    private_key.parent.mkdir()
    agency_env = {"SUPERVISION_APP_AGENCY_KEY_PASSPHRASE": KEY_PASS}
    made = run("agency-keygen", str(private_key), "--holder", "Example IT", env=agency_env)
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(private_key.stat().st_mode) == 0o600
    assert b"ENCRYPTED PRIVATE KEY" in private_key.read_bytes()
    again = run("agency-keygen", str(private_key), env=agency_env)
    assert again.returncode == 1 and "exists already" in again.stderr

    pack = tmp_path / "packs" / "example"
    shutil.copytree(EXAMPLE, pack)
    (pack / "recovery.toml").write_text(made.stdout, encoding="utf-8")
    packs_env = {"SUPERVISION_APP_CONTENT_PACKS": str(pack)}
    db = tmp_path / "laptop" / "supervision.sqlite3"
    # The pack's key is added only with consent: refused (and nothing created) without the
    # fingerprint IT printed, or with another one.
    printed = made.stdout.split("# Fingerprint: ")[1].splitlines()[0]
    for consent in ((), ("--accept-agency-recovery-key", "0000 0000 0000 0000")):
        refused = run("demo", "--db", str(db), *consent, env=packs_env)
        assert refused.returncode == 1 and printed in refused.stderr, refused.stderr
        assert "--accept-agency-recovery-key" in refused.stderr
        assert not db.exists() and not key_file_path(db).exists()
    accepted = run("demo", "--db", str(db), "--accept-agency-recovery-key", printed, env=packs_env)
    assert accepted.returncode == 0, accepted.stderr
    assert "agency" in read_key_file(key_file_path(db))[0].to_json()
    database = open_database(db, Passphrase(PASSPHRASE))
    with database.read() as session:  # the consent is in the (hash-chained) audit trail
        consent = session.scalars(
            select(AuditEventRow).where(AuditEventRow.event == "agency_key_accepted")
        ).all()
    database.close()
    assert len(consent) == 1 and printed in consent[0].detail

    # The user forgot the passphrase; the agency's IT sets a new one with its private key.
    new_passphrase = "temporary passphrase from IT 31"
    for key_passphrase, user_passphrase, expected in (
        ("wrong passphrase!!", new_passphrase, "passphrase is wrong"),
        (KEY_PASS, "short", "too weak"),
        (KEY_PASS, new_passphrase, ""),
    ):
        reset = run(
            *("agency-reset", "--agency-key", str(private_key), "--db", str(db)),
            env={
                "SUPERVISION_APP_AGENCY_KEY_PASSPHRASE": key_passphrase,
                "SUPERVISION_APP_PASSPHRASE": user_passphrase,
            },
        )
        assert expected in reset.stderr
        assert reset.returncode == (1 if expected else 0), reset.stderr
    with pytest.raises(UnlockError):
        open_database(db, Passphrase(PASSPHRASE))
    database = open_database(db, Passphrase(new_passphrase))
    assert SupervisionStore(database).cases.list_cases()[0].reference == "DEMO-0001"
    database.close()


def test_rotate_key_and_new_recovery_key_commands(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite3"
    created = run("demo", "--db", str(db))
    first_recovery = created.stdout.split("Agency recovery key: ")[1].split()[0]
    rotated = run("rotate-key", "--db", str(db))
    assert rotated.returncode == 0, rotated.stderr
    second = rotated.stdout.split("New agency recovery key: ")[1].split()[0]
    renewed = run("new-recovery-key", "--db", str(db))
    assert renewed.returncode == 0, renewed.stderr
    third = renewed.stdout.split("New agency recovery key: ")[1].split()[0]
    assert len({first_recovery, second, third}) == 3
    from supervision_app.storage import RecoveryKey

    for old in (first_recovery, second):
        with pytest.raises(UnlockError):
            open_database(db, RecoveryKey(old))
    database = open_database(db, RecoveryKey(third))
    assert SupervisionStore(database).cases.list_cases()[0].reference == "DEMO-0001"
    database.close()

    wrong = run("rotate-key", "--db", str(db), env={"SUPERVISION_APP_PASSPHRASE": "wrong one"})
    assert wrong.returncode == 1 and "passphrase is not right" in wrong.stderr
    missing = run("rotate-key", "--db", str(tmp_path / "none.sqlite3"))
    assert missing.returncode == 1 and "there is no database" in missing.stderr
    assert not (tmp_path / "none.sqlite3").exists()
    help_text = run("rotate-key", "--help").stdout
    assert "--passphrase" not in help_text and "PASSPHRASE" not in help_text.split("options")[0]
