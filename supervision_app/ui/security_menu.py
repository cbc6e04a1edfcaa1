"""The Security menu: lock now, change the passphrase, back up, auto-lock time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from supervision_app.domain import ValidationError
from supervision_app.storage import UnlockError
from supervision_app.ui.auto_lock_dialog import AutoLockDialog
from supervision_app.ui.lock_controller import LockController
from supervision_app.ui.passphrase_dialog import PassphraseDialog, PassphrasePurpose

BACKUP_SUFFIX = ".supervision-backup"


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
            "backupAction",
            QCoreApplication.translate("SecurityMenu", "Back up to a file…"),
            lambda: back_up(window, controller),
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
    from supervision_app.storage.security import change_passphrase as change

    def save(new: str) -> None:
        try:
            change(controller.database, dialog_current(), new)
        except UnlockError as exc:
            raise ValidationError([str(exc)]) from None

    dialog = PassphraseDialog(window, purpose=PassphrasePurpose.CHANGE, save=save)

    def dialog_current() -> str:
        return dialog.current.text()

    if dialog.exec():
        window.statusBar().showMessage(
            QCoreApplication.translate("SecurityMenu", "The passphrase has been changed."), 8000
        )
    dialog.deleteLater()


def back_up(window, controller: LockController) -> None:
    from supervision_app.storage.backup import BackupError, write_backup

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
    window.session_view.flush_pending()
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
