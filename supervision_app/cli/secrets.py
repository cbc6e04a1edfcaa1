"""Secrets for the command line: from the environment, a private file, or the terminal.

Never from argv (command lines show in ``ps`` and shell history).
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from supervision_app.cli.errors import CliError
from supervision_app.private_files import readable_by_others

if TYPE_CHECKING:
    from supervision_app.storage.keys import Passphrase

PASSPHRASE_ENV = "SUPERVISION_APP_PASSPHRASE"
PASSPHRASE_FILE_ENV = "SUPERVISION_APP_PASSPHRASE_FILE"
AGENCY_KEY_PASSPHRASE_ENV = "SUPERVISION_APP_AGENCY_KEY_PASSPHRASE"
AGENCY_KEY_PASSPHRASE_FILE_ENV = "SUPERVISION_APP_AGENCY_KEY_PASSPHRASE_FILE"


def secret(env: str, file_env: str, prompt: str, missing: str) -> str:
    """A secret from the environment variable ``env``, the file named in ``file_env``, or a
    terminal prompt."""
    text = os.environ.get(env)
    if text is None and os.environ.get(file_env):
        name = os.environ[file_env]
        try:
            if readable_by_others(Path(name)):
                raise CliError(
                    f"the passphrase file {name} can be read by other users of this computer; "
                    f"make it private first (chmod 600 {name}). It was not used."
                )
            text = Path(name).read_text(encoding="utf-8").rstrip("\r\n")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"cannot read the passphrase file {name} ({exc})") from None
    if text is None and sys.stdin.isatty():
        text = getpass.getpass(prompt)
    if not text:
        raise CliError(missing)
    return text


def passphrase() -> Passphrase:
    """The database passphrase from the environment or a file (never from argv)."""
    from supervision_app.storage.keys import Passphrase  # cryptography: not before it is needed

    return Passphrase(
        secret(
            PASSPHRASE_ENV,
            PASSPHRASE_FILE_ENV,
            "Passphrase: ",
            f"the database is encrypted: set {PASSPHRASE_ENV}, or {PASSPHRASE_FILE_ENV} to a "
            "file holding the passphrase (see the README)",
        )
    )


def agency_key_passphrase() -> str:
    """The passphrase of the agency's private key file (agency IT commands)."""
    return secret(
        AGENCY_KEY_PASSPHRASE_ENV,
        AGENCY_KEY_PASSPHRASE_FILE_ENV,
        "Passphrase of the agency private key: ",
        f"set {AGENCY_KEY_PASSPHRASE_ENV}, or {AGENCY_KEY_PASSPHRASE_FILE_ENV} to a file holding "
        "it: the passphrase that protects the agency's private key file",
    )


def pdf_password() -> str:
    """The password for a protected PDF, typed twice on the terminal."""
    password = getpass.getpass("Password for the PDF: ")
    if getpass.getpass("Repeat the password: ") != password:
        raise CliError("the passwords do not match; nothing was written")
    return password
