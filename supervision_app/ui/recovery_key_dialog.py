"""Show the agency recovery key once, and make sure the user has stored it: print it, save
it as a PDF, or copy it (the clipboard is cleared after a minute)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QCheckBox, QFileDialog, QHBoxLayout, QWidget

from supervision_app.ui.clipboard_guard import app_clipboard_guard
from supervision_app.ui.form_dialog import FormDialog
from supervision_app.ui.widgets import accessible, push_button, text_label


class RecoveryKeyDialog(FormDialog[bool]):
    def __init__(
        self,
        parent: QWidget | None = None,
        initial: bool | None = None,
        *,
        recovery_key: str = "",
        lead: str = "",
        db_path: Path | None = None,
    ) -> None:
        super().__init__(
            parent,
            object_name="recoveryKeyDialog",
            ok_text=self.tr("I have stored it, continue"),
            ok_object_name="recoveryOk",
        )
        self.setWindowTitle(self.tr("Your agency recovery key"))
        self.preferred_width, self.preferred_height = 620, 400
        self.recovery_key = recovery_key
        self.db_path = db_path
        self.issued = datetime.now().replace(second=0, microsecond=0)
        self.key_label = text_label(recovery_key, "recoveryKey", selectable=True)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(15)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        accessible(self.key_label, self.tr("Recovery key"), recovery_key)
        self.print_button = push_button(
            self.tr("Print…"), "printRecoveryKeyButton", self.tr("Print the recovery key")
        )
        self.save_button = push_button(
            self.tr("Save as PDF…"),
            "saveRecoveryKeyButton",
            self.tr("Save the recovery key as PDF"),
        )
        self.copy_button = push_button(
            self.tr("Copy"), "copyRecoveryKeyButton", self.tr("Copy the recovery key")
        )
        self.print_button.clicked.connect(self.print_key)
        self.save_button.clicked.connect(self.save_key)
        self.copy_button.clicked.connect(self.copy_key)
        self.done_label = text_label("", "secondary")
        self.done_label.setObjectName("recoveryKeyDone")
        self.done_label.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.print_button, self.save_button, self.copy_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.stored = QCheckBox(
            self.tr("I have stored the recovery key safely, away from this computer")
        )
        self.stored.setObjectName("storedCheck")
        accessible(self.stored, self.tr("I have stored the recovery key"))
        self.lay_out(
            text_label(self.tr("Keep this key safe"), "welcomeTitle"),
            text_label(
                lead
                or self.tr(
                    "If the passphrase is ever forgotten, this recovery key is the only other way "
                    "to open the records. Print it, or save it as a PDF to a memory stick, and "
                    "give it to whoever keeps your agency's keys (for example in the team safe). "
                    "Do not keep it on this computer or with the laptop. It is shown only now."
                ),
                "lead",
            ),
            self.key_label,
            buttons,
            self.done_label,
            self.stored,
        )

    # -- print, save, copy ------------------------------------------------------------

    def sheet(self) -> bytes:
        """The one-page PDF: the key, the date and the database's location, no case data."""
        from supervision_app.record.pdf.documents import render_recovery_sheet

        return render_recovery_sheet(self.recovery_key, self.issued, str(self.db_path or ""))

    def print_key(self) -> bool:
        from supervision_app.ui.printing import PrintError, print_pdf

        try:
            printed = print_pdf(self, self.sheet(), self.tr("Agency recovery key"))
        except PrintError as exc:
            self._say(str(exc))
            return False
        if printed:
            self._say(self.tr("The recovery key was sent to the printer."))
        return printed is not None

    def save_key(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the recovery key as PDF"),
            str(Path.home() / "recovery-key.pdf"),
            self.tr("PDF files (*.pdf)"),
        )
        if path:
            self.save_key_to(Path(path))

    def save_key_to(self, path: Path) -> bool:
        """Write the sheet to ``path``, readable by this user only (0600 on POSIX)."""
        try:
            write_private(path, self.sheet())
        except OSError as exc:
            self._say(
                self.tr("The recovery key could not be saved to {path}: {problem}").format(
                    path=path, problem=exc.strerror or exc
                )
            )
            return False
        self._say(
            self.tr("Saved to {path}. Move it off this computer, then delete it here.").format(
                path=path
            )
        )
        return True

    def copy_key(self) -> None:
        app_clipboard_guard()  # marks the copy secret and clears it after a minute
        QApplication.clipboard().setText(self.recovery_key)
        self._say(self.tr("Copied. The clipboard is cleared in a minute."))

    def _say(self, text: str) -> None:
        self.done_label.setText(text)
        self.done_label.setVisible(True)

    # -- the form -----------------------------------------------------------------------

    def collect(self) -> bool:
        return self.stored.isChecked()

    def validate(self, value: bool) -> list[str]:
        if not value:
            return [self.tr("Please confirm that you have stored the recovery key safely.")]
        return []


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that only this user can read it (mode 0600 on POSIX,
    also when the file existed before with wider permissions)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
    finally:
        if fd != -1:
            os.close(fd)
