"""Add a dated, attributed addendum to a signed record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from supervision_app.ui.form_dialog import FormDialog, labelled_form
from supervision_app.ui.widgets import accessible, text_label


@dataclass(frozen=True, slots=True)
class AddendumFields:
    author: str
    role: str
    text: str


class AddendumDialog(FormDialog[AddendumFields]):
    def __init__(
        self,
        parent: QWidget | None = None,
        initial: AddendumFields | None = None,
        save: Callable[[AddendumFields], object] | None = None,
    ) -> None:
        super().__init__(
            parent, save, object_name="addendumDialog", ok_object_name="addendumOkButton"
        )
        self.setWindowTitle(self.tr("Add an addendum"))
        self.preferred_width = 560
        self.intro = text_label(
            self.tr(
                "A correction or late information. It is dated now, shown after the signed "
                "record, and cannot be changed afterwards."
            ),
            "secondary",
        )
        self.author_edit = QLineEdit()
        self.author_edit.setObjectName("addendumAuthorEdit")
        accessible(self.author_edit, self.tr("Written by"))
        self.role_edit = QLineEdit()
        self.role_edit.setObjectName("addendumRoleEdit")
        accessible(self.role_edit, self.tr("Role"))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("addendumTextEdit")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(140)
        accessible(self.text_edit, self.tr("Addendum"))
        self.set_ok_text(self.tr("Add addendum"))
        form = labelled_form(
            (
                (self.tr("&Written by"), self.author_edit),
                (self.tr("&Role"), self.role_edit),
                (self.tr("&Addendum"), self.text_edit),
            )
        )
        self.lay_out(self.intro, form)
        if initial is not None:
            self.author_edit.setText(initial.author)
            self.role_edit.setText(initial.role)
            self.text_edit.setPlainText(initial.text)

    def collect(self) -> AddendumFields:
        return AddendumFields(
            self.author_edit.text(), self.role_edit.text(), self.text_edit.toPlainText()
        )
