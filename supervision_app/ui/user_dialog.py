"""Who is using this installation: a name and a role for the audit trail (not a login)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QLineEdit, QWidget

from supervision_app.ui.form_dialog import FormDialog, labelled_form
from supervision_app.ui.widgets import accessible, text_label


@dataclass(frozen=True, slots=True)
class UserFields:
    name: str
    role: str


class UserDialog(FormDialog[UserFields]):
    def __init__(
        self,
        parent: QWidget | None = None,
        initial: UserFields | None = None,
        save: Callable[[UserFields], object] | None = None,
    ) -> None:
        super().__init__(parent, save, object_name="userDialog", ok_object_name="userOkButton")
        self.setWindowTitle(self.tr("Who is using this computer?"))
        self.preferred_width = 460
        self.intro = text_label(
            self.tr(
                "Your name and role are written in the record's audit trail and suggested when "
                "you sign. This is not a password: anyone at this computer can change it."
            ),
            "secondary",
        )
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("userNameEdit")
        accessible(self.name_edit, self.tr("Your name"))
        self.role_edit = QLineEdit()
        self.role_edit.setObjectName("userRoleEdit")
        self.role_edit.setPlaceholderText(self.tr("for example Social worker, Team manager"))
        accessible(self.role_edit, self.tr("Your role"))
        self.set_ok_text(self.tr("Use this name"))
        form = labelled_form(
            ((self.tr("&Name"), self.name_edit), (self.tr("&Role"), self.role_edit))
        )
        self.lay_out(
            text_label(self.tr("Who is using this computer?"), "sectionTitle"), self.intro, form
        )
        if initial is not None:
            self.name_edit.setText(initial.name)
            self.role_edit.setText(initial.role)

    def collect(self) -> UserFields:
        return UserFields(self.name_edit.text(), self.role_edit.text())
