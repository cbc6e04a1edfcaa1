"""The Security menu: lock now, change the passphrase, a new key or recovery key, back up,
restore, auto-lock time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from supervision_app.domain import ValidationError
from supervision_app.storage import UnlockError
from supervision_app.ui.auto_lock_dialog import AutoLockDialog
from supervision_app.ui.credential_dialog import CredentialDialog
from supervision_app.ui.lock_controller import LockController
from supervision_app.ui.passphrase_dialog import PassphraseDialog, PassphrasePurpose
from supervision_app.ui.recovery_key_dialog import RecoveryKeyDialog


def install_security_menu(window, controller: LockController) -> None:
    bar = window.menuBar()
    menu = bar.addMenu(QCoreApplication.translate("SecurityMenu", "&Security"))
    bar.insertMenu(bar.actions()[-2], menu)  # before Help
    menu.addAction(controller.lock_action)
    menu.addSeparator()
    for name, text, slot in (
        (
            "changePassphraseAction",
            QCoreApplication.translate("SecurityMenu", "Change passphrase…"),
            lambda: change_passphrase(window, controller),
        ),
        (
            "newRecoveryKeyAction",
            QCoreApplication.translate("SecurityMenu", "New recovery key…"),
            lambda: replace_recovery_key(window, controller),
        ),
        (
            "rotateKeyAction",
            QCoreApplication.translate("SecurityMenu", "Re-encrypt with a new key…"),
            lambda: rotate_data_key(window, controller),
        ),
        (
            "backupAction",
            QCoreApplication.translate("SecurityMenu", "Back up to a file…"),
            lambda: back_up(window, controller),
        ),
        (
            "restoreAction",
            QCoreApplication.translate("SecurityMenu", "Restore from a backup…"),
            lambda: _restore_backup(window, controller),
        ),
        (
            "autoLockAction",
            QCoreApplication.translate("SecurityMenu", "Auto-lock…"),
            lambda: choose_auto_lock(window, controller),
        ),
    ):
        action = QAction(text, window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        menu.addAction(action)
    window.security_menu = menu


def change_passphrase(window, controller: LockController) -> None:
    from supervision_app.storage.sqlite.security import change_passphrase as change

    def save(new: str) -> None:
        try:
            change(controller.database, dialog_current(), new)
        except UnlockError as exc:
            raise ValidationError([str(exc)]) from None

    user = window.store.settings.current_user()
    dialog = PassphraseDialog(
        window,
        purpose=PassphrasePurpose.CHANGE,
        save=save,
        user_words=(user.name, user.role) if user else (),
    )

    def dialog_current() -> str:
        return dialog.current.text()

    if dialog.exec():
        window.statusBar().showMessage(
            QCoreApplication.translate("SecurityMenu", "The passphrase has been changed."), 8000
        )
    dialog.deleteLater()


def current_passphrase(window, controller: LockController, title: str, lead: str) -> str | None:
    """Ask for the current passphrase and check it; None if cancelled."""
    from supervision_app.storage.sqlite.security import verify_passphrase

    def check(text: str) -> None:
        try:
            verify_passphrase(controller.database, text)
        except UnlockError as exc:
            raise ValidationError([str(exc)]) from None

    text, ok = CredentialDialog.run(
        window,
        title=title,
        lead=lead,
        ok_text=QCoreApplication.translate("SecurityMenu", "Continue"),
        check=check,
    )
    return text if ok else None


def _passphrase_and_new_recovery_key(
    window, controller: LockController, title: str, lead: str, key_lead: str
) -> tuple[str, str] | None:
    """The checked current passphrase and a new recovery key the user has stored; or None."""
    from supervision_app.storage.keys import generate_recovery_key

    passphrase = current_passphrase(window, controller, title, lead)
    if passphrase is None:
        return None
    recovery = generate_recovery_key()
    _stored, ok = RecoveryKeyDialog.run(
        window, recovery_key=recovery, lead=key_lead, db_path=controller.database.path
    )
    return (passphrase, recovery) if ok else None


def replace_recovery_key(window, controller: LockController) -> None:
    from supervision_app.storage.sqlite.security import new_recovery_key

    chosen = _passphrase_and_new_recovery_key(
        window,
        controller,
        QCoreApplication.translate("SecurityMenu", "A new recovery key"),
        QCoreApplication.translate(
            "SecurityMenu",
            "A new agency recovery key replaces the one you stored: the old one will no longer "
            "open these records. Backups made before now still open with the old one. Type your "
            "passphrase to continue.",
        ),
        QCoreApplication.translate(
            "SecurityMenu",
            "This is your new recovery key. Store it safely, away from this computer, and "
            "destroy the old one. Nothing changes until you confirm.",
        ),
    )
    if chosen is None:
        return
    passphrase, recovery = chosen
    try:
        new_recovery_key(controller.database, passphrase, recovery)
    except (UnlockError, OSError) as exc:
        QMessageBox.warning(
            window,
            QCoreApplication.translate("SecurityMenu", "The recovery key was not replaced"),
            str(exc),
        )
        return
    window.statusBar().showMessage(
        QCoreApplication.translate(
            "SecurityMenu",
            "The new recovery key is in use; the old one no longer opens the records.",
        ),
        12000,
    )


def rotate_data_key(window, controller: LockController) -> None:
    from supervision_app.storage.sqlite.security import RotationError, rotate_key

    chosen = _passphrase_and_new_recovery_key(
        window,
        controller,
        QCoreApplication.translate("SecurityMenu", "Re-encrypt with a new key"),
        QCoreApplication.translate(
            "SecurityMenu",
            "The records are copied under a new encryption key, checked, and then replace the "
            "old file, which is overwritten. Do this if a copy of the database or its key file "
            "may have got out. Your passphrase stays the same; you get a new recovery key. "
            "Type your passphrase to continue.",
        ),
        QCoreApplication.translate(
            "SecurityMenu",
            "The re-encrypted records will have this new recovery key; the old one will no "
            "longer open them. Store it safely, away from this computer. Nothing changes until "
            "you confirm.",
        ),
    )
    from supervision_app.ui.restore_backup import all_saved

    if chosen is None or not all_saved(window):
        return
    passphrase, recovery = chosen
    error = ""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        rotate_key(controller.database, passphrase, recovery)
    except (RotationError, UnlockError) as exc:
        error = str(exc)
    finally:
        QApplication.restoreOverrideCursor()
    if error:
        QMessageBox.warning(
            window,
            QCoreApplication.translate("SecurityMenu", "The records were not re-encrypted"),
            QCoreApplication.translate(
                "SecurityMenu",
                "{error}\n\nThe old recovery key still works; the new one shown is not used.",
            ).format(error=error),
        )
        return
    window.statusBar().showMessage(
        QCoreApplication.translate(
            "SecurityMenu",
            "The records are now encrypted under a new key, with the new recovery key.",
        ),
        12000,
    )


def _restore_backup(window, controller: LockController) -> bool:
    # The backup modules load SQLAlchemy: imported when asked for, not while the window starts.
    from supervision_app.ui.restore_backup import restore_from_backup

    return restore_from_backup(window, controller)


def back_up(window, controller: LockController) -> None:
    from supervision_app.storage.sqlite.backup import BackupError, write_backup
    from supervision_app.ui.restore_backup import BACKUP_SUFFIX

    suggested = (
        Path.home() / f"supervision-{QDate.currentDate().toString('yyyy-MM-dd')}{BACKUP_SUFFIX}"
    )
    name, _filter = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("SecurityMenu", "Back up the encrypted database"),
        str(suggested),
        QCoreApplication.translate("SecurityMenu", "Supervision backups (*{suffix})").format(
            suffix=BACKUP_SUFFIX
        ),
    )
    if not name:
        return
    window.flush_typing()
    window.bridge.flush(10.0)
    try:
        write_backup(controller.database, Path(name))
    except BackupError as exc:
        QMessageBox.warning(
            window,
            QCoreApplication.translate("SecurityMenu", "The backup was not written"),
            str(exc),
        )
        return
    window.statusBar().showMessage(
        QCoreApplication.translate(
            "SecurityMenu",
            "Encrypted backup written to {path}. It opens with the current passphrase or the recovery key.",
        ).format(path=name),
        12000,
    )


def choose_auto_lock(window, controller: LockController) -> None:
    minutes, ok = AutoLockDialog.run(window, initial=controller.timeout_seconds // 60)
    if ok and minutes is not None:
        controller.set_timeout_minutes(minutes)
