"""Create or edit a case: pseudonymous reference, practitioner, supervisor, agencies, children."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain import CaseInput, ValidationError
from supervision_app.domain.validation import case_problems
from supervision_app.storage import NotFoundError
from supervision_app.ui.children_editor import ChildrenEditor
from supervision_app.ui.widgets import (
    accessible,
    problems_box,
    set_primary,
    show_problems,
    text_label,
)

_AGENCY_SPLIT = re.compile(r"[\n,;]+")


def split_agencies(text: str) -> list[str]:
    """One agency per line, or separated by commas."""
    return [part.strip() for part in _AGENCY_SPLIT.split(text) if part.strip()]


class CaseDialog(QDialog):
    """``save`` (optional) is called on OK with the :class:`CaseInput`; if it raises
    :class:`ValidationError` the problems are shown and the dialog stays open with everything
    typed."""

    def __init__(
        self,
        parent: QWidget | None = None,
        initial: CaseInput | None = None,
        save: Callable[[CaseInput], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseDialog")
        self._save = save
        self.setWindowTitle(self.tr("Edit case") if initial else self.tr("New case"))
        self.setMinimumSize(680, 600)
        self.resize(760, 720)

        # -- widgets
        self.lead_label = text_label(
            self.tr(
                "Use a pseudonymous reference and first names or initials only. "
                "Everything stays on this computer."
            ),
            "secondary",
        )
        self.reference_edit = QLineEdit()
        self.reference_edit.setObjectName("caseReferenceEdit")
        self.reference_edit.setPlaceholderText(
            self.tr("e.g. CSC-2041 — a code, not the family's name")
        )
        self.reference_edit.setMaxLength(200)
        accessible(
            self.reference_edit,
            self.tr("Case reference"),
            self.tr("A pseudonymous reference; do not use the family's names"),
        )
        self.practitioner_edit = QLineEdit()
        self.practitioner_edit.setObjectName("practitionerEdit")
        self.practitioner_edit.setPlaceholderText(self.tr("The practitioner bringing the case"))
        accessible(self.practitioner_edit, self.tr("Practitioner"))
        self.supervisor_edit = QLineEdit()
        self.supervisor_edit.setObjectName("supervisorEdit")
        self.supervisor_edit.setPlaceholderText(self.tr("The supervisor"))
        accessible(self.supervisor_edit, self.tr("Supervisor"))
        self.agencies_edit = QPlainTextEdit()
        self.agencies_edit.setObjectName("agenciesEdit")
        self.agencies_edit.setTabChangesFocus(True)
        self.agencies_edit.setPlaceholderText(
            self.tr(
                "One per line or separated by commas, e.g.\nChildren's Social Care\nHealth Visiting"
            )
        )
        self.agencies_edit.setFixedHeight(84)
        accessible(
            self.agencies_edit,
            self.tr("Agencies involved"),
            self.tr("One agency per line, or separated by commas"),
        )
        self.children_editor = ChildrenEditor()
        self.problems_frame, self.problems_label = problems_box()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("caseButtons")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("caseOkButton")
        self.ok_button.setText(self.tr("Save changes") if initial else self.tr("Create case"))
        accessible(self.ok_button, self.ok_button.text())
        accessible(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), self.tr("Cancel"))
        set_primary(self.ok_button)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self._assemble()
        if initial is not None:
            self.set_case(initial)
        else:
            self.children_editor.set_children([])
        self.reference_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _assemble(self) -> None:
        form = QFormLayout()
        form.setSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for text, widget in (
            (self.tr("Case &reference"), self.reference_edit),
            (self.tr("&Practitioner"), self.practitioner_edit),
            (self.tr("&Supervisor"), self.supervisor_edit),
            (self.tr("&Agencies"), self.agencies_edit),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)

        body = QWidget()
        body.setObjectName("scrollContent")
        column = QVBoxLayout(body)
        column.setContentsMargins(20, 18, 20, 12)
        column.setSpacing(12)
        column.addWidget(self.lead_label)
        column.addLayout(form)
        column.addSpacing(4)
        column.addWidget(text_label(self.tr("Children"), "sectionTitle"))
        column.addWidget(
            text_label(
                self.tr("Every child in the household, and an unborn baby if there is one."),
                "secondary",
            )
        )
        column.addWidget(self.children_editor)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 16)
        layout.setSpacing(12)
        layout.addWidget(scroll, 1)
        problems = QVBoxLayout()
        problems.setContentsMargins(20, 0, 20, 0)
        problems.addWidget(self.problems_frame)
        problems.addWidget(self.buttons)
        layout.addLayout(problems)

    # -- values ------------------------------------------------------------------------

    def case_input(self) -> CaseInput:
        return CaseInput(
            reference=self.reference_edit.text().strip(),
            practitioner=self.practitioner_edit.text().strip(),
            supervisor=self.supervisor_edit.text().strip(),
            agencies=split_agencies(self.agencies_edit.toPlainText()),
            children=self.children_editor.children_list(),
        )

    def set_case(self, case: CaseInput) -> None:
        self.reference_edit.setText(case.reference)
        self.practitioner_edit.setText(case.practitioner)
        self.supervisor_edit.setText(case.supervisor)
        self.agencies_edit.setPlainText("\n".join(case.agencies))
        self.children_editor.set_children(list(case.children))

    def accept(self) -> None:
        case = self.case_input()
        try:
            problems = case_problems(case)
            if problems:
                raise ValidationError(problems)
            if self._save is not None:
                self._save(case)
        except ValidationError as exc:
            show_problems(self.problems_frame, self.problems_label, exc.problems)
            return
        except NotFoundError as exc:
            show_problems(self.problems_frame, self.problems_label, [str(exc)])
            return
        super().accept()

    @classmethod
    def get_case(
        cls, parent: QWidget | None = None, initial: CaseInput | None = None
    ) -> tuple[CaseInput | None, bool]:
        dialog = cls(parent, initial)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        value = dialog.case_input() if accepted else None
        dialog.deleteLater()
        return value, accepted
