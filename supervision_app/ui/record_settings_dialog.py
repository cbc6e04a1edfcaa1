"""Record settings: the protective marking printed on every page and the late-entry threshold.

Both are kept with the data (in the encrypted database), not in the user's Qt settings, so
every record from this installation is marked the same way.  Also available as
``supervision-app settings`` on the command line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from supervision_app.domain.signing import DEFAULT_LATE_DAYS
from supervision_app.storage.settings import DEFAULT_MARKING, MAX_MARKING
from supervision_app.ui.form_dialog import FormDialog, labelled_form
from supervision_app.ui.widgets import accessible, text_label

#: The most days the late-entry threshold can be set to (as the store allows).
MAX_LATE_DAYS = 3650


@dataclass(frozen=True, slots=True)
class RecordSettings:
    marking: str
    late_days: int


class RecordSettingsDialog(FormDialog[RecordSettings]):
    def __init__(
        self,
        parent: QWidget | None = None,
        initial: RecordSettings | None = None,
        save: Callable[[RecordSettings], object] | None = None,
    ) -> None:
        super().__init__(
            parent,
            save,
            object_name="recordSettingsDialog",
            ok_object_name="recordSettingsOkButton",
        )
        self.setWindowTitle(self.tr("Record settings"))
        self.preferred_width = 520
        self.intro = text_label(
            self.tr(
                "The protective marking is printed at the top and bottom of every page of "
                "the record, the extract and the paper template. An addendum written more "
                "than the given number of days after the session is marked as a late entry."
            ),
            "secondary",
        )
        self.marking_edit = QLineEdit()
        self.marking_edit.setObjectName("markingEdit")
        self.marking_edit.setMaxLength(MAX_MARKING)
        self.marking_edit.setPlaceholderText(self.tr("for example OFFICIAL-SENSITIVE"))
        accessible(self.marking_edit, self.tr("Protective marking"))
        self.late_days_spin = QSpinBox()
        self.late_days_spin.setObjectName("lateDaysSpin")
        self.late_days_spin.setRange(0, MAX_LATE_DAYS)
        self.late_days_spin.setSuffix(self.tr(" days"))
        accessible(self.late_days_spin, self.tr("Late entry after this many days"))
        form = labelled_form(
            (
                (self.tr("Protective &marking"), self.marking_edit),
                (self.tr("&Late entry after"), self.late_days_spin),
            )
        )
        self.set_ok_text(self.tr("Save settings"))
        self.lay_out(self.intro, form)
        initial = initial or RecordSettings(DEFAULT_MARKING, DEFAULT_LATE_DAYS)
        self.marking_edit.setText(initial.marking)
        self.late_days_spin.setValue(initial.late_days)

    def collect(self) -> RecordSettings:
        return RecordSettings(self.marking_edit.text(), self.late_days_spin.value())

    def validate(self, value: RecordSettings) -> list[str]:
        if not value.marking.strip():
            return [self.tr("Give the protective marking, for example OFFICIAL-SENSITIVE.")]
        return []
