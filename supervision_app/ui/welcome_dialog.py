"""Help › Welcome: what the app is for, where the data is kept, and where to begin.

The first run itself welcomes on the passphrase screen, then asks who is using the
computer; the empty screen's card is the one place that offers the demo case, so this
dialog points to it rather than offering it a second time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from supervision_app import APP_NAME
from supervision_app.ui.widgets import fit_to_screen, push_button, text_label


class WelcomeDialog(QDialog):
    def __init__(
        self, db_path: Path, parent: QWidget | None = None, *, where: str | None = None
    ) -> None:
        """``where``: where the records are kept when that is not this computer (the agency
        server)."""
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to {app}").format(app=APP_NAME))
        title = text_label(self.tr("Welcome"), "welcomeTitle")
        body = [
            self.tr(
                "{app} guides a supervisor and a practitioner through a reflection on one case, "
                "one stage at a time, from professional curiosity and the lived experience of the "
                "child to escalation (Help lists every stage). It records decisions and actions "
                "and prints a supervision record."
            ).format(app=APP_NAME),
            self.tr(
                "Everything is kept only on this computer, in:\n{path}\nNothing is sent anywhere."
            ).format(path=db_path)
            if where is None
            else where,
            self.tr(
                "To look around without typing, choose “Load the fictional demo case” "
                "on the start screen before you create a case: everything in it is invented. "
                "F1 opens the help at any time."
            ),
        ]
        self.start_button = push_button(self.tr("Start"), "welcomeStartButton", primary=True)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)
        layout.addWidget(title)
        for text in body:
            layout.addWidget(text_label(text, "lead", selectable=True))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start_button)
        layout.addLayout(row)
        fit_to_screen(self, 600, self.sizeHint().height())
