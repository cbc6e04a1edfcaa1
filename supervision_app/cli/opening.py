"""Opening the store from the command line: :func:`supervision_app.services.opening.open_store`
with the command line's credential, consent and messages."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from supervision_app.cli.errors import CliError
from supervision_app.cli.secrets import passphrase
from supervision_app.domain.passphrase import assess
from supervision_app.services.opening import (
    AgencyKey,
    NoDatabaseError,
    OpenStore,
    load_content,
    open_store,
)

if TYPE_CHECKING:
    from supervision_app.content import AgencyRecovery, Content
    from supervision_app.storage import Database
    from supervision_app.storage.keys import Credential


def content() -> Content:
    """The practice content, or a one-line refusal."""
    from supervision_app.content import ContentError

    try:
        return load_content()
    except ContentError as exc:
        raise CliError(f"the practice content is invalid: {exc}") from None


def existing(db_path: Path) -> None:
    """Commands that read a database refuse a path where none exists, and create nothing."""
    if not db_path.exists():
        raise CliError(no_database(db_path))


def no_database(db_path: Path) -> str:
    return (
        f"there is no database at {db_path}; nothing was created. Check the path given "
        "with --db (only the window, 'demo' and 'import' create a database)."
    )


@contextmanager
def opened(
    args: argparse.Namespace,
    db_path: Path,
    credential: Credential | None = None,
    *,
    create: bool = False,
) -> Iterator[OpenStore]:
    """The store for a command; only ``create`` commands (demo, import) may create one, and
    then the passphrase must pass the same rule as the window's first-run screen."""
    from supervision_app.storage import DatabaseOpenError, open_database

    if getattr(args, "server", None):  # --db named an agency server (cli/server.py)
        from supervision_app.cli.server import server_store

        with server_store(args.server, content()) as on_server:
            yield on_server
        return
    accepted: str | None = getattr(args, "accept_agency_recovery_key", None)
    loaded = content() if db_path.exists() or create else None

    def unlock(path: Path, new: bool) -> Database:
        given = credential or passphrase()
        if new:
            _require_strong(given)
            agency = loaded.agency_recovery if loaded else None
            if agency is not None and not _consented(agency.public_key, accepted):
                _refuse_agency_key(agency, accepted)  # before anything is created
        return open_database(path, given)

    def consent(agency: AgencyRecovery) -> bool:
        if not _consented(agency.public_key, accepted):
            _refuse_agency_key(agency, accepted)
        return True

    with ExitStack() as stack:
        try:
            store = stack.enter_context(
                open_store(db_path, unlock, create=create, content=loaded, agency_consent=consent)
            )
        except NoDatabaseError:
            raise CliError(no_database(db_path)) from None
        except DatabaseOpenError as exc:
            raise CliError(str(exc)) from None
        outcome = store.agency_key
        if outcome.result is AgencyKey.FAILED and outcome.error is not None:
            error = outcome.error
            raise CliError(f"cannot update the key file ({error.strerror or error})")
        if outcome.result is AgencyKey.ADDED and outcome.agency is not None:
            print(
                f"Added the agency recovery key of the content pack '{outcome.agency.pack}' "
                f"({_fingerprint(outcome.agency.public_key)})."
            )
        if store.new_recovery_key:
            print(
                f"Created a new encrypted database at {db_path}.\n"
                f"Agency recovery key: {store.new_recovery_key}\n"
                "Store it somewhere safe (not on this computer): it opens the database if the "
                "passphrase is forgotten. It is shown only once."
            )
        yield store


def _require_strong(credential: Credential) -> None:
    """The window's first-run rule (domain/passphrase.py), for a database made from the
    command line."""
    from supervision_app.storage import Passphrase

    if not isinstance(credential, Passphrase):
        return
    strength = assess(credential.text)
    if not strength.acceptable:
        raise CliError(
            f"the passphrase is too weak for a new database: {strength.advice} Nothing was created."
        )


def _fingerprint(recipient: bytes) -> str:
    from supervision_app.storage.agency import fingerprint

    return fingerprint(recipient)


def _consented(recipient: bytes, given: str | None) -> bool:
    """The fingerprint given in --accept-agency-recovery-key is the pack's."""
    return given is not None and _plain(given) == _plain(_fingerprint(recipient))


def _refuse_agency_key(agency: AgencyRecovery, given: str | None) -> None:
    shown = _fingerprint(agency.public_key)
    wrong = "" if given is None else f" ({given} is not its fingerprint)"
    raise CliError(
        f"the content pack '{agency.pack}' asks to add an agency recovery key held by "
        f"{agency.holder}{wrong}. Whoever holds its private key can open these records. "
        f"Nothing was changed. Compare its fingerprint, {shown}, with the one your "
        "agency's IT gave you; if they match, run the command again with "
        f"--accept-agency-recovery-key '{shown}', or remove the pack."
    )


def _plain(fingerprint_text: str) -> str:
    return "".join(ch for ch in fingerprint_text.upper() if ch.isalnum())
