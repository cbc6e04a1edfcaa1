"""The key and backup commands: backup, restore, rotate-key, new-recovery-key, and the
agency IT's agency-keygen and agency-reset."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path

from supervision_app.cli.errors import CliError
from supervision_app.cli.opening import existing, opened
from supervision_app.cli.secrets import agency_key_passphrase, passphrase
from supervision_app.domain.passphrase import assess


def cmd_backup(args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.storage.sqlite.backup import BackupError, write_backup

    with opened(args, db_path) as open_:
        try:
            write_backup(open_.database, args.file)
        except BackupError as exc:
            raise CliError(str(exc)) from None
    print(f"Wrote an encrypted backup to {args.file}")
    return 0


def cmd_restore(args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.storage.sqlite.backup import BackupError, restore_backup

    try:
        restore_backup(args.file, db_path, passphrase())
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"Restored {db_path} from {args.file}")
    return 0


def _new_recovery(
    args: argparse.Namespace, db_path: Path, change: Callable[..., str | None], done: str
) -> int:
    """Open with the passphrase, run ``change(database, passphrase)`` and print its new
    recovery key."""
    from supervision_app.storage import UnlockError
    from supervision_app.storage.sqlite.security import RotationError

    existing(db_path)
    given = passphrase()
    with opened(args, db_path, given) as open_:
        try:
            recovery = change(open_.database, given.text)
        except (RotationError, UnlockError) as exc:
            raise CliError(str(exc)) from None
        except OSError as exc:
            raise CliError(
                f"cannot write the key file ({exc.strerror or exc}); nothing changed"
            ) from None
    print(
        f"{done} New agency recovery key: {recovery}\n"
        "Store it somewhere safe (not on this computer); the old recovery key no longer opens "
        "the database (backups made before now still open with it). The passphrase is unchanged."
    )
    return 0


def cmd_rotate_key(args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.storage.sqlite.security import rotate_key

    return _new_recovery(
        args, db_path, rotate_key, "The database is now encrypted under a new key."
    )


def cmd_new_recovery_key(args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.storage.sqlite.security import new_recovery_key

    return _new_recovery(args, db_path, new_recovery_key, "The recovery key has been replaced.")


def cmd_agency_keygen(args: argparse.Namespace, _db_path: Path) -> int:
    from supervision_app.storage.agency import AgencyKeyError, fingerprint, generate_key_pair
    from supervision_app.storage.agency import public_key_bytes as raw

    try:
        private_pem, public_pem = generate_key_pair(agency_key_passphrase())
    except AgencyKeyError as exc:
        raise CliError(str(exc)) from None
    try:
        fd = os.open(args.private_key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CliError(f"{args.private_key} exists already; nothing was written") from None
    except OSError as exc:
        raise CliError(f"cannot write {args.private_key} ({exc.strerror or exc})") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(private_pem)
    print(
        "# recovery.toml for the agency's content pack. Private key written to "
        f"{args.private_key}:\n# keep it (and its passphrase) away from the laptops.\n"
        f"# Fingerprint: {fingerprint(raw(public_pem))}\n"
        "schema_version = 1\n"
        f"holder = {json.dumps(args.holder)}\n"
        + (f"contact = {json.dumps(args.contact)}\n" if args.contact else "")
        + f'public_key = """\n{public_pem.strip()}\n"""'
    )
    return 0


def cmd_agency_reset(args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.storage.agency import (
        AgencyKeyError,
        load_private_key,
        unwrap_with_agency_key,
    )
    from supervision_app.storage.keys import KeyFileError, key_file_path, read_key_file
    from supervision_app.storage.sqlite.security import set_passphrase

    existing(db_path)
    try:
        pem = args.agency_key.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {args.agency_key} ({exc.strerror or exc})") from None
    try:
        private_key = load_private_key(pem, agency_key_passphrase())
        rings = unwrap_with_agency_key(read_key_file(key_file_path(db_path)), private_key)
    except (AgencyKeyError, KeyFileError) as exc:
        raise CliError(str(exc)) from None
    new = passphrase().text
    strength = assess(new)
    if not strength.acceptable:
        raise CliError(f"the new passphrase is too weak: {strength.advice} Nothing was changed.")
    for number, ring in enumerate(rings, 1):  # more than one only after an interrupted rotation
        try:
            with opened(args, db_path, ring) as open_:
                set_passphrase(open_.database, new)
        except CliError:
            if number == len(rings):
                raise
            continue
        break
    print(
        f"{db_path} now opens with the new passphrase. Give it to the user in person and ask "
        "them to change it (Security › Change passphrase). The recovery key is unchanged."
    )
    return 0
