"""Show the agency recovery key once, and make sure the user has stored it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QWidget

from supervision_app.ui.form_dialog import FormDialog
from supervision_app.ui.widgets import accessible, text_label


class RecoveryKeyDialog(FormDialog[bool]):
    def __init__(
        self,
        parent: QWidget | None = None,
        initial: bool | None = None,
        *,
        recovery_key: str = "",
        lead: str = "",
    ) -> None:
        super().__init__(
            parent,
            object_name="recoveryKeyDialog",
            ok_text=self.tr("I have stored it, continue"),
            ok_object_name="recoveryOk",
        )
        self.setWindowTitle(self.tr("Your agency recovery key"))
        self.preferred_width, self.preferred_height = 600, 420
        self.key_label = text_label(recovery_key, "recoveryKey", selectable=True)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(15)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        accessible(self.key_label, self.tr("Recovery key"), recovery_key)
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
                    "to open the records. Write it down or print it, and give it to whoever keeps "
                    "your agency's keys (for example in the team safe). Do not keep it on this "
                    "computer or with the laptop. It is shown only now."
                ),
                "lead",
            ),
            self.key_label,
            self.stored,
        )

    def collect(self) -> bool:
        return self.stored.isChecked()

    def validate(self, value: bool) -> list[str]:
        if not value:
            return [self.tr("Please confirm that you have stored the recovery key safely.")]
        return []
