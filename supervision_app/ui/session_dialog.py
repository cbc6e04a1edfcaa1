"""Start a supervision session (or change its date and attendees)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit, QPlainTextEdit, QWidget

from supervision_app.domain import CaseDetail, SessionDetail
from supervision_app.ui.form_dialog import FormDialog, labelled_form
from supervision_app.ui.widgets import accessible, qdate, text_label, to_date

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore

DATE_FORMAT = "d MMM yyyy"


@dataclass(frozen=True, slots=True)
class SessionFields:
    date: date
    attendees: list[str] = field(default_factory=list)


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SessionDialog(FormDialog[SessionFields]):
    """``save`` (optional) is called on OK; a :class:`ValidationError` it raises keeps the
    dialog open."""

    def __init__(
        self,
        parent: QWidget | None = None,
        case: CaseDetail | None = None,
        initial: SessionFields | None = None,
        save: Callable[[SessionFields], object] | None = None,
    ) -> None:
        super().__init__(
            parent, save, object_name="sessionDialog", ok_object_name="sessionOkButton"
        )
        self.setWindowTitle(self.tr("Session details") if initial else self.tr("New session"))
        self.preferred_width = 480

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
        self.date_edit.setDate(qdate(initial.date if initial else date.today()))
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

        self.set_ok_text(self.tr("Save") if initial else self.tr("Start session"))

        form = labelled_form(
            (
                (self.tr("&Date"), self.date_edit),
                (self.tr("&Attendees"), self.attendees_edit),
            )
        )
        self.lay_out(self.lead_label, form)

    def fields(self) -> SessionFields:
        return SessionFields(
            to_date(self.date_edit.date()), split_lines(self.attendees_edit.toPlainText())
        )

    def collect(self) -> SessionFields:
        return self.fields()

    def validate(self, value: SessionFields) -> list[str]:
        if not value.attendees:
            return [self.tr("Name at least one person who attended.")]
        return []

    @classmethod
    def get_session(
        cls,
        parent: QWidget | None = None,
        case: CaseDetail | None = None,
        initial: SessionFields | None = None,
    ) -> tuple[SessionFields | None, bool]:
        return cls.run(parent, initial, case=case)


def edit_session_details(
    parent: QWidget, store: SupervisionStore, detail: SessionDetail, saved: Callable[[], None]
) -> None:
    """Open the session's date and attendees for editing; ``saved`` runs once they are stored."""
    dialog = SessionDialog(
        parent,
        detail.case,
        SessionFields(detail.date, list(detail.attendees)),
        lambda f: store.sessions.update_session(detail.id, f.date, f.attendees),
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(saved)
    dialog.open()
