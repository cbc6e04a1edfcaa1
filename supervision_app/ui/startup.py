"""From start-up to an unlocked database: first run, conversion of a plain database, unlock.

Returns the open :class:`Database`, or None when the user cancelled (nothing is
created until the passphrase is chosen and the recovery key confirmed).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from supervision_app.storage.credentials import RecoveryKey
from supervision_app.storage.sqlite.kind import DatabaseKind, inspect_database, not_ours_error
from supervision_app.ui.unlock_dialog import UnlockDialog
from supervision_app.ui.unlock_panel import Credential

if TYPE_CHECKING:
    from supervision_app.storage import Database


def open_database(path: Path, credential) -> Database:
    """The backend's ``open_database``, imported at the first unlock attempt (SQLCipher and
    ``cryptography`` are not needed to paint the first screen; the preload thread usually
    has them loaded by the time the passphrase is typed)."""
    from supervision_app.storage.sqlite.backend import open_database as opened

    return opened(path, credential)


def open_interactively(
    db_path: Path,
    parent: QWidget | None = None,
    *,
    first_screen: Callable[[QDialog], object] | None = None,
) -> Database | None:
    """``first_screen`` is called with the first dialog (the unlock dialog, or the first
    run's passphrase) just before it is shown: start-up watches that dialog for its first
    paint (``ui/app.py``)."""
    kind = inspect_database(db_path)
    if kind is DatabaseKind.UNKNOWN:
        raise not_ours_error(db_path)
    if kind in (DatabaseKind.MISSING, DatabaseKind.PLAIN):
        # Only a first run or a conversion needs these (not the everyday unlock).
        from supervision_app.ui.passphrase_dialog import PassphraseDialog, PassphrasePurpose
        from supervision_app.ui.recovery_key_dialog import RecoveryKeyDialog

        purpose = (
            PassphrasePurpose.FIRST_RUN
            if kind is DatabaseKind.MISSING
            else PassphrasePurpose.CONVERT
        )
        passphrase, ok = PassphraseDialog.run(
            parent, purpose=purpose, db_path=db_path, before_exec=first_screen
        )
        if not ok or passphrase is None:
            return None
        from supervision_app.storage.keys import new_key_ring

        ring = new_key_ring(passphrase)
        _stored, ok = RecoveryKeyDialog.run(
            parent, recovery_key=ring.new_recovery_key or "", db_path=db_path
        )
        if not ok:
            return None
        return open_database(db_path, ring)
    opened: dict[str, Database] = {}

    def attempt(credential: Credential) -> None:
        opened["db"] = open_database(db_path, credential)

    dialog = UnlockDialog(attempt, db_path, parent)
    if first_screen is not None:
        first_screen(dialog)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    credential = dialog.credential
    dialog.deleteLater()
    if not accepted:
        return None
    database = opened["db"]
    if isinstance(credential, RecoveryKey):
        choose_new_passphrase(database, parent)
    return database


def choose_new_passphrase(database: Database, parent: QWidget | None) -> None:
    """After a recovery-key unlock: offer to set a new everyday passphrase."""
    from supervision_app.storage.sqlite.security import set_passphrase
    from supervision_app.ui.passphrase_dialog import PassphraseDialog, PassphrasePurpose

    PassphraseDialog.run(
        parent,
        purpose=PassphrasePurpose.RESET,
        db_path=database.path,
        save=lambda passphrase: set_passphrase(database, passphrase),
    )
