"""Add or edit an action: what, who owns it, by when, and its status."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from supervision_app.domain import ActionStatus
from supervision_app.domain.validation import require_action
from supervision_app.ui.form_dialog import FormDialog, labelled_form, raised_problems
from supervision_app.ui.widgets import accessible, qdate, text_label, to_date

DATE_FORMAT = "d MMM yyyy"


@dataclass(frozen=True, slots=True)
class ActionFields:
    description: str
    owner: str
    due: date
    status: ActionStatus = ActionStatus.OPEN


class ActionDialog(FormDialog[ActionFields]):
    """``save`` (optional) is called on OK; a :class:`ValidationError` it raises keeps the
    dialog open."""

    def __init__(
        self,
        parent: QWidget | None = None,
        initial: ActionFields | None = None,
        save: Callable[[ActionFields], object] | None = None,
        people: Sequence[str] = (),
    ) -> None:
        super().__init__(parent, save, object_name="actionDialog", ok_object_name="actionOkButton")
        self.setWindowTitle(self.tr("Edit action") if initial else self.tr("Add an action"))
        self.preferred_width = 540

        # -- widgets
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("actionDescriptionEdit")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText(self.tr("What will be done?"))
        self.description_edit.setFixedHeight(90)
        accessible(self.description_edit, self.tr("Action"), self.tr("What will be done"))

        self.owner_edit = QLineEdit()
        self.owner_edit.setObjectName("actionOwnerEdit")
        self.owner_edit.setPlaceholderText(self.tr("Who will do it"))
        accessible(
            self.owner_edit, self.tr("Owner"), self.tr("The person responsible for the action")
        )
        names = [p for p in dict.fromkeys(people) if p.strip()]
        if names:
            completer = QCompleter(names, self.owner_edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.owner_edit.setCompleter(completer)

        self.due_edit = QDateEdit()
        self.due_edit.setObjectName("actionDueEdit")
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat(DATE_FORMAT)
        self.due_edit.setDate(qdate(date.today() + timedelta(days=14)))
        accessible(self.due_edit, self.tr("Due date"))

        self.status_combo = QComboBox()
        self.status_combo.setObjectName("actionStatusCombo")
        for status in ActionStatus:
            self.status_combo.addItem(self._status_label(status), status)
        accessible(self.status_combo, self.tr("Status"))

        self.missing_label = text_label(
            self.tr("Describe the action and name its owner to save it."), "hint"
        )
        self.set_ok_text(self.tr("Save action"))

        # -- layout
        form = labelled_form(
            (
                (self.tr("&Action"), self.description_edit),
                (self.tr("&Owner"), self.owner_edit),
                (self.tr("D&ue date"), self.due_edit),
                (self.tr("&Status"), self.status_combo),
            )
        )
        self.lay_out(form, hints=[self.missing_label])

        if initial is not None:
            self.description_edit.setPlainText(initial.description)
            self.owner_edit.setText(initial.owner)
            self.due_edit.setDate(qdate(initial.due))
            self.status_combo.setCurrentIndex(max(self.status_combo.findData(initial.status), 0))
        self.description_edit.textChanged.connect(self._update_ok)
        self.owner_edit.textChanged.connect(self._update_ok)
        self._update_ok()

    def _status_label(self, status: ActionStatus) -> str:
        return {
            ActionStatus.OPEN: self.tr("Open"),
            ActionStatus.DONE: self.tr("Done"),
            ActionStatus.NOT_DONE: self.tr("Not done"),
        }[status]

    def fields(self) -> ActionFields:
        return ActionFields(
            description=self.description_edit.toPlainText().strip(),
            owner=self.owner_edit.text().strip(),
            due=to_date(self.due_edit.date()),
            status=ActionStatus(self.status_combo.currentData()),
        )

    def _update_ok(self) -> None:
        complete = bool(
            self.description_edit.toPlainText().strip() and self.owner_edit.text().strip()
        )
        self.ok_button.setEnabled(complete)
        self.missing_label.setVisible(not complete)

    def collect(self) -> ActionFields:
        return self.fields()

    def validate(self, value: ActionFields) -> list[str]:
        return raised_problems(require_action, value.description, value.owner, value.due)

    def fields_in_error(self, value: ActionFields, problems: list[str]) -> list[QWidget]:
        blamed = [self.description_edit] if not value.description else []
        return blamed + ([self.owner_edit] if not value.owner else [])

    @classmethod
    def get_action(
        cls, parent: QWidget | None = None, initial: ActionFields | None = None
    ) -> tuple[ActionFields | None, bool]:
        return cls.run(parent, initial)
