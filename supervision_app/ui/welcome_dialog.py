"""First run: what the app is for, where the data is kept, and how to try the demo case."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from supervision_app import APP_NAME
from supervision_app.ui.settings import ui_settings
from supervision_app.ui.widgets import fit_to_screen, push_button, text_label

SHOWN_KEY = "welcome/shown"


def welcome_due() -> bool:
    return not ui_settings().value(SHOWN_KEY, False, type=bool)


def mark_welcome_shown() -> None:
    settings = ui_settings()
    settings.setValue(SHOWN_KEY, True)
    settings.sync()


class WelcomeDialog(QDialog):
    demo_requested = Signal()

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
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
            ).format(path=db_path),
            self.tr(
                "To look around without typing, load the fictional demo case: everything in it "
                "is invented. F1 opens the help at any time."
            ),
        ]
        self.demo_button = push_button(self.tr("Load the demo case"), "welcomeDemoButton")
        self.start_button = push_button(self.tr("Start"), "welcomeStartButton", primary=True)
        self.start_button.setDefault(True)
        self.demo_button.clicked.connect(self._demo)
        self.start_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)
        layout.addWidget(title)
        for text in body:
            layout.addWidget(text_label(text, "lead", selectable=True))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.demo_button)
        row.addWidget(self.start_button)
        layout.addLayout(row)
        self.finished.connect(lambda _result: mark_welcome_shown())
        fit_to_screen(self, 600, self.sizeHint().height())

    def _demo(self) -> None:
        self.demo_requested.emit()
        self.accept()
