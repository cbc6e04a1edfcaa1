"""Choose a password to protect an exported PDF (AES-256; nothing weaker is offered)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from supervision_app.ui.form_dialog import FormDialog, labelled_form
from supervision_app.ui.secret_field import SecretField
from supervision_app.ui.widgets import accessible, text_label

MIN_PASSWORD = 8  # the same rule as record.pdf.documents (not imported: ReportLab is heavy)


class PasswordDialog(FormDialog[str]):
    def __init__(self, parent: QWidget | None = None, initial: str | None = None) -> None:
        super().__init__(parent, None, object_name="passwordDialog", ok_object_name="passwordOk")
        self.setWindowTitle(self.tr("Protect the PDF with a password"))
        self.intro = text_label(
            self.tr(
                "The PDF will be encrypted with AES-256 and open only with this password. "
                "Send the password separately from the file. It cannot be recovered."
            ),
            "secondary",
        )
        self.password_edit = SecretField(initial or "")
        self.password_edit.setObjectName("passwordEdit")
        accessible(self.password_edit, self.tr("Password"))
        self.repeat_edit = SecretField(initial or "")
        self.repeat_edit.setObjectName("passwordRepeatEdit")
        accessible(self.repeat_edit, self.tr("Repeat the password"))
        self.set_ok_text(self.tr("Protect and save"))
        form = labelled_form(
            ((self.tr("&Password"), self.password_edit), (self.tr("&Repeat"), self.repeat_edit))
        )
        self.lay_out(self.intro, form)

    def collect(self) -> str:
        return self.password_edit.text()

    def validate(self, value: str) -> list[str]:
        problems = []
        if len(value) < MIN_PASSWORD:
            problems.append(
                self.tr("Use a password of at least {n} characters.").format(n=MIN_PASSWORD)
            )
        if value != self.repeat_edit.text():
            problems.append(self.tr("The two passwords are not the same."))
        return problems

    def fields_in_error(self, value: str, problems: list[str]) -> list[QWidget]:
        blamed: list[QWidget] = [self.password_edit] if len(value) < MIN_PASSWORD else []
        return blamed + ([self.repeat_edit] if value != self.repeat_edit.text() else [])
