"""Create or edit a case: pseudonymous reference, practitioner, supervisor, agencies, children."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain import CaseInput
from supervision_app.domain.validation import case_problems
from supervision_app.ui.children_editor import ChildrenEditor
from supervision_app.ui.form_dialog import FormDialog, labelled_form
from supervision_app.ui.widgets import accessible, scroll_body, text_label

_AGENCY_SPLIT = re.compile(r"[\n,;]+")


def split_agencies(text: str) -> list[str]:
    """One agency per line, or separated by commas."""
    return [part.strip() for part in _AGENCY_SPLIT.split(text) if part.strip()]


class CaseDialog(FormDialog[CaseInput]):
    """``save`` (optional) is called on OK with the :class:`CaseInput`; if it raises
    :class:`ValidationError` the problems are shown and the dialog stays open with everything
    typed."""

    def __init__(
        self,
        parent: QWidget | None = None,
        initial: CaseInput | None = None,
        save: Callable[[CaseInput], object] | None = None,
        *,
        where: str | None = None,
    ) -> None:
        """``where``: where the records are kept, when that is not this computer (the agency
        server)."""
        super().__init__(
            parent,
            save,
            object_name="caseDialog",
            ok_object_name="caseOkButton",
            buttons_object_name="caseButtons",
        )
        self.setWindowTitle(self.tr("Edit case") if initial else self.tr("New case"))
        self.fit_to_screen(760, 720)

        # -- widgets
        self.lead_label = text_label(
            self.tr(
                "Use a pseudonymous reference and first names or initials only. "
                "Everything stays on this computer."
            )
            if where is None
            else self.tr("Use a pseudonymous reference and first names or initials only.")
            + " "
            + where,
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
        self.set_ok_text(self.tr("Save changes") if initial else self.tr("Create case"))

        self._assemble()
        if initial is not None:
            self.set_case(initial)
        else:
            self.children_editor.set_children([])
        self.reference_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _assemble(self) -> None:
        form = labelled_form(
            (
                (self.tr("Case &reference"), self.reference_edit),
                (self.tr("&Practitioner"), self.practitioner_edit),
                (self.tr("&Supervisor"), self.supervisor_edit),
                (self.tr("&Agencies"), self.agencies_edit),
            )
        )
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)

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
        scroll = scroll_body(body, QScrollArea())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 16)
        layout.setSpacing(12)
        layout.addWidget(scroll, 1)
        footer = QVBoxLayout()
        footer.setContentsMargins(20, 0, 20, 0)
        self.add_footer(footer)
        layout.addLayout(footer)

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

    def collect(self) -> CaseInput:
        return self.case_input()

    def validate(self, value: CaseInput) -> list[str]:
        return case_problems(value)

    def fields_in_error(self, value: CaseInput, problems: list[str]) -> list[QWidget]:
        blamed: list[QWidget] = [
            edit
            for edit, text in (
                (self.reference_edit, value.reference),
                (self.practitioner_edit, value.practitioner),
                (self.supervisor_edit, value.supervisor),
            )
            if not text.strip() or len(text) > self.reference_edit.maxLength()
        ]
        return blamed or ([] if value.children else [self.children_editor])

    @classmethod
    def get_case(
        cls, parent: QWidget | None = None, initial: CaseInput | None = None
    ) -> tuple[CaseInput | None, bool]:
        return cls.run(parent, initial)
