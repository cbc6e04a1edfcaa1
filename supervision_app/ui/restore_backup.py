"""Security › Restore from a backup…: choose the file, check it, confirm, replace, reopen.

The backup is unpacked beside the database and verified before anything is
replaced (see :mod:`supervision_app.storage.sqlite.backup`).  A backup made under the
current key opens without a question; one made under another key asks for the
passphrase (or recovery key) that was in use then.  A bad or foreign file gives a
clear message and changes nothing.  The previous database is kept until the
restored one has opened, and put back if it does not.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from supervision_app.domain import ValidationError
from supervision_app.storage import Passphrase, RecoveryKey
from supervision_app.storage.keys import CredentialError, normalise_recovery_key
from supervision_app.storage.sqlite.backend import sqlite_backend
from supervision_app.storage.sqlite.backup import (
    BackupCredentialError,
    BackupError,
    StagedBackup,
    restore_into_open,
    stage_backup,
)
from supervision_app.ui.credential_dialog import CredentialDialog

BACKUP_SUFFIX = ".supervision-backup"


def restore_from_backup(window, controller) -> bool:
    name, _filter = QFileDialog.getOpenFileName(
        window,
        QCoreApplication.translate("RestoreBackup", "Restore from a backup"),
        str(Path.home()),
        QCoreApplication.translate(
            "RestoreBackup", "Supervision backups (*{suffix});;All files (*)"
        ).format(suffix=BACKUP_SUFFIX),
    )
    return bool(name) and restore_file(window, controller, Path(name))


def restore_file(window, controller, backup: Path) -> bool:
    """Restore ``backup`` into the open database. True when the records were replaced."""
    database = controller.database
    staged: StagedBackup | None
    try:
        staged = stage_backup(backup, database.path, sqlite_backend(database).key_ring)
    except BackupCredentialError:
        staged = _ask_backup_credential(window, backup, database.path)
    except BackupError as exc:
        QMessageBox.warning(
            window,
            QCoreApplication.translate("RestoreBackup", "This backup cannot be restored"),
            str(exc),
        )
        return False
    if staged is None:
        return False
    try:
        if not _confirm(window, staged) or not all_saved(window):
            return False
        for dialog in window.findChildren(QDialog):  # editors hold ids of the old records
            if dialog.isVisible():
                dialog.reject()
        window.close_session()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            restore_into_open(database, staged)
        finally:
            QApplication.restoreOverrideCursor()
    except BackupError as exc:
        QMessageBox.warning(
            window,
            QCoreApplication.translate("RestoreBackup", "The backup was not restored"),
            str(exc),
        )
        window.reload_cases()
        return False
    finally:
        staged.discard()
    window.reload_cases()
    window.statusBar().showMessage(
        QCoreApplication.translate(
            "RestoreBackup", "The records were restored from {name}."
        ).format(name=backup.name),
        12000,
    )
    return True


def all_saved(window) -> bool:
    """Commit pending typing first; False (and a message) if it cannot be saved now."""
    if window.wait_for_saves(10.0) and not window.bridge.errors():
        return True
    QMessageBox.warning(
        window,
        QCoreApplication.translate("RestoreBackup", "Not everything is saved"),
        QCoreApplication.translate(
            "RestoreBackup",
            "Some answers could not be saved yet, so nothing has been changed. Try again shortly.",
        ),
    )
    return False


def _ask_backup_credential(window, backup: Path, db_path: Path) -> StagedBackup | None:
    found: list[StagedBackup] = []

    def check(text: str) -> None:
        credentials: list[Passphrase | RecoveryKey] = [Passphrase(text)]
        try:
            normalise_recovery_key(text)
            credentials.append(RecoveryKey(text))
        except CredentialError:
            pass
        problem = ""
        for credential in credentials:
            try:
                found.append(stage_backup(backup, db_path, credential))
                return
            except BackupCredentialError as exc:
                problem = problem or str(exc)
            except BackupError as exc:
                raise ValidationError([str(exc)]) from None
        raise ValidationError([problem])

    _text, ok = CredentialDialog.run(
        window,
        title=QCoreApplication.translate("RestoreBackup", "The backup's passphrase"),
        lead=QCoreApplication.translate(
            "RestoreBackup",
            "This backup was made under another key. Type the passphrase (or the recovery key) "
            "that was in use when it was made. After the restore, the records open with it.",
        ),
        label=QCoreApplication.translate("RestoreBackup", "&Passphrase or recovery key:"),
        ok_text=QCoreApplication.translate("RestoreBackup", "Check the backup"),
        check=check,
    )
    if ok and found:
        return found[-1]
    for staged in found:
        staged.discard()
    return None


def _confirm(window, staged: StagedBackup) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("RestoreBackup", "Restore from the backup?"),
        QCoreApplication.translate(
            "RestoreBackup",
            "The backup (made {created}) has been checked and can be restored.\n\n"
            "The records on this computer will be replaced by the backup: everything written "
            "since it was made will be gone. The current database is kept until the restored "
            "one has opened.",
        ).format(
            created=staged.created.replace("T", " ")
            or QCoreApplication.translate("RestoreBackup", "at an unknown time")
        ),
        QMessageBox.StandardButton.Cancel,
        window,
    )
    box.setObjectName("restoreConfirm")
    restore = box.addButton(
        QCoreApplication.translate("RestoreBackup", "Replace with the backup"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    restore.setObjectName("restoreConfirmButton")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is restore
