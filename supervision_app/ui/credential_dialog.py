"""Ask for one passphrase (or recovery key) and check it before the dialog closes.

Used before the key is rotated or the recovery key replaced (the current
passphrase), and when a backup was made under another key (that backup's
passphrase or recovery key).  ``check`` raises :class:`ValidationError` with a
message to show when the text does not fit; the dialog then stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from supervision_app.ui.form_dialog import FormDialog, labelled_form
from supervision_app.ui.secret_field import SecretField
from supervision_app.ui.widgets import accessible, text_label


class CredentialDialog(FormDialog[str]):
    def __init__(
        self,
        parent: QWidget | None = None,
        initial: str | None = None,
        *,
        title: str = "",
        lead: str = "",
        label: str = "",
        ok_text: str = "",
        check: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(
            parent,
            check,
            object_name="credentialDialog",
            ok_text=ok_text,
            ok_object_name="credentialOk",
        )
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.field = SecretField(initial or "")
        self.field.setObjectName("credentialField")
        label = label or self.tr("&Passphrase:")
        accessible(self.field, label.replace("&", "").rstrip(":"))
        self.lay_out(
            text_label(title, "welcomeTitle"),
            text_label(lead, "lead"),
            labelled_form([(label, self.field)]),
        )
        self.field.setFocus()

    def collect(self) -> str:
        return self.field.text()

    def validate(self, value: str) -> list[str]:
        return [] if value else [self.tr("Type the passphrase first.")]

    def fields_in_error(self, value: str, problems: list[str]) -> list[QWidget]:
        return [self.field]
