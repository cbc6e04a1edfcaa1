"""Start a supervision session (or change its date and attendees)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain import CaseDetail, ValidationError
from supervision_app.storage import NotFoundError
from supervision_app.ui.widgets import (
    accessible,
    problems_box,
    set_primary,
    show_problems,
    text_label,
)

DATE_FORMAT = "d MMM yyyy"


@dataclass(frozen=True, slots=True)
class SessionFields:
    date: date
    attendees: list[str] = field(default_factory=list)


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SessionDialog(QDialog):
    """``save`` (optional) is called on OK; a :class:`ValidationError` it raises keeps the
    dialog open."""

    def __init__(
        self,
        parent: QWidget | None = None,
        case: CaseDetail | None = None,
        initial: SessionFields | None = None,
        save: Callable[[SessionFields], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionDialog")
        self._save = save
        self.setWindowTitle(self.tr("Session details") if initial else self.tr("New session"))
        self.setMinimumWidth(480)

        lead = (
            self.tr("A new supervision session for case {reference}.").format(
                reference=case.reference
            )
            if case and not initial
            else self.tr("When the session took place and who was there.")
        )
        self.lead_label = text_label(lead, "secondary")
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("sessionDateEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setDate(QDate(initial.date if initial else date.today()))
        accessible(self.date_edit, self.tr("Session date"))

        self.attendees_edit = QPlainTextEdit()
        self.attendees_edit.setObjectName("attendeesEdit")
        self.attendees_edit.setTabChangesFocus(True)
        self.attendees_edit.setPlaceholderText(
            self.tr("One person per line, with their role if useful")
        )
        self.attendees_edit.setFixedHeight(110)
        accessible(self.attendees_edit, self.tr("Attendees"), self.tr("One person per line"))
        if initial is not None:
            people = initial.attendees
        elif case is not None:
            people = [p for p in (case.practitioner, case.supervisor) if p.strip()]
        else:
            people = []
        self.attendees_edit.setPlainText("\n".join(people))

        self.problems_frame, self.problems_label = problems_box()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("sessionOkButton")
        self.ok_button.setText(self.tr("Save") if initial else self.tr("Start session"))
        accessible(self.ok_button, self.ok_button.text())
        accessible(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), self.tr("Cancel"))
        set_primary(self.ok_button)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setSpacing(10)
        date_label = QLabel(self.tr("&Date"))
        date_label.setBuddy(self.date_edit)
        people_label = QLabel(self.tr("&Attendees"))
        people_label.setBuddy(self.attendees_edit)
        form.addRow(date_label, self.date_edit)
        form.addRow(people_label, self.attendees_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.lead_label)
        layout.addLayout(form)
        layout.addWidget(self.problems_frame)
        layout.addWidget(self.buttons)

    def fields(self) -> SessionFields:
        return SessionFields(
            self.date_edit.date().toPython(), split_lines(self.attendees_edit.toPlainText())
        )

    def accept(self) -> None:
        fields = self.fields()
        problems = []
        if not fields.attendees:
            problems.append(self.tr("Name at least one person who attended."))
        try:
            if problems:
                raise ValidationError(problems)
            if self._save is not None:
                self._save(fields)
        except ValidationError as exc:
            show_problems(self.problems_frame, self.problems_label, exc.problems)
            return
        except NotFoundError as exc:
            show_problems(self.problems_frame, self.problems_label, [str(exc)])
            return
        super().accept()

    @classmethod
    def get_session(
        cls,
        parent: QWidget | None = None,
        case: CaseDetail | None = None,
        initial: SessionFields | None = None,
    ) -> tuple[SessionFields | None, bool]:
        dialog = cls(parent, case, initial)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        value = dialog.fields() if accepted else None
        dialog.deleteLater()
        return value, accepted
