"""How many idle minutes before the window locks itself."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox, QWidget

from supervision_app.ui.form_dialog import FormDialog, labelled_form
from supervision_app.ui.lock_controller import MAX_MINUTES, MIN_MINUTES
from supervision_app.ui.widgets import accessible, text_label


class AutoLockDialog(FormDialog[int]):
    def __init__(self, parent: QWidget | None = None, initial: int | None = None, **kwargs) -> None:
        super().__init__(parent, kwargs.get("save"), object_name="autoLockDialog")
        self.setWindowTitle(self.tr("Auto-lock"))
        self.minutes = QSpinBox()
        self.minutes.setObjectName("autoLockMinutes")
        self.minutes.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes.setSuffix(self.tr(" minutes"))
        self.minutes.setValue(initial or 5)
        accessible(self.minutes, self.tr("Lock after this many idle minutes"))
        self.lay_out(
            text_label(
                self.tr(
                    "The window locks itself when nobody has used it for this long (between "
                    "{low} and {high} minutes). Ctrl+L locks it at once."
                ).format(low=MIN_MINUTES, high=MAX_MINUTES),
                "lead",
            ),
            labelled_form([(self.tr("&Lock after:"), self.minutes)]),
        )

    def collect(self) -> int:
        return self.minutes.value()
