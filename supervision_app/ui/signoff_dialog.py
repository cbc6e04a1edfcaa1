"""Confirm the record as the practitioner or the supervisor: name, role, comment, disagreement."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from supervision_app.domain import Party, SignOffInput
from supervision_app.ui.form_dialog import FormDialog, labelled_form
from supervision_app.ui.widgets import accessible, text_label


class SignOffDialog(FormDialog[SignOffInput]):
    """``initial`` gives the party and the suggested name and role."""

    def __init__(
        self,
        parent: QWidget | None = None,
        initial: SignOffInput | None = None,
        save: Callable[[SignOffInput], object] | None = None,
    ) -> None:
        super().__init__(
            parent, save, object_name="signOffDialog", ok_object_name="signOffOkButton"
        )
        initial = initial or SignOffInput(Party.PRACTITIONER, "", "")
        self.party = initial.party
        practitioner = self.party == Party.PRACTITIONER
        self.setWindowTitle(
            self.tr("Sign as the practitioner")
            if practitioner
            else self.tr("Sign as the supervisor")
        )
        self.preferred_width = 560
        self.intro = text_label(
            self.tr(
                "By signing you confirm that this is an accurate record of the supervision. "
                "Once both have signed, the record is locked: corrections are added as addenda."
            ),
            "secondary",
        )
        self.name_edit = QLineEdit(initial.name)
        self.name_edit.setObjectName("signOffNameEdit")
        accessible(self.name_edit, self.tr("Name"))
        self.role_edit = QLineEdit(initial.role)
        self.role_edit.setObjectName("signOffRoleEdit")
        accessible(self.role_edit, self.tr("Role"))
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setObjectName("signOffCommentEdit")
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setMaximumHeight(90)
        accessible(self.comment_edit, self.tr("Comment"), self.tr("Optional"))
        self.disagree_check = QCheckBox(self.tr("I disagree with part of this record"))
        self.disagree_check.setObjectName("disagreeCheck")
        accessible(self.disagree_check, self.tr("I disagree with part of this record"))
        self.disagreement_edit = QPlainTextEdit()
        self.disagreement_edit.setObjectName("disagreementEdit")
        self.disagreement_edit.setTabChangesFocus(True)
        self.disagreement_edit.setPlaceholderText(
            self.tr("What you disagree with and why. It is printed with your signature.")
        )
        self.disagreement_edit.setMaximumHeight(110)
        accessible(self.disagreement_edit, self.tr("Disagreement"))
        self.disagreement_edit.setVisible(False)
        self.disagree_check.toggled.connect(self.disagreement_edit.setVisible)
        self.wellbeing_check = QCheckBox(self.tr("Include my wellbeing section in the PDF"))
        self.wellbeing_check.setObjectName("includeWellbeingCheck")
        accessible(self.wellbeing_check, self.tr("Include my wellbeing section in the PDF"))
        self.wellbeing_check.setChecked(initial.include_wellbeing)
        self.wellbeing_check.setVisible(practitioner)
        self.set_ok_text(self.tr("Sign the record"))
        form = labelled_form(
            (
                (self.tr("&Name"), self.name_edit),
                (self.tr("&Role"), self.role_edit),
                (self.tr("&Comment"), self.comment_edit),
            )
        )
        self.lay_out(
            self.intro, form, self.disagree_check, self.disagreement_edit, self.wellbeing_check
        )

    def collect(self) -> SignOffInput:
        disagreement = (
            self.disagreement_edit.toPlainText() if self.disagree_check.isChecked() else ""
        )
        return SignOffInput(
            self.party,
            self.name_edit.text(),
            self.role_edit.text(),
            self.comment_edit.toPlainText().strip(),
            disagreement.strip(),
            self.party == Party.PRACTITIONER and self.wellbeing_check.isChecked(),
        )

    def validate(self, value: SignOffInput) -> list[str]:
        if self.disagree_check.isChecked() and not value.disagreement:
            return [self.tr("Write what you disagree with, or untick the box.")]
        return []
