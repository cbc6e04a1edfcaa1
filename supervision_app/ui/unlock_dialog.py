"""The start-up unlock screen: a dialog around :class:`UnlockPanel`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from supervision_app import APP_NAME
from supervision_app.ui.unlock_panel import Credential, UnlockPanel
from supervision_app.ui.widgets import fit_to_screen


class UnlockDialog(QDialog):
    def __init__(
        self,
        attempt: Callable[[Credential], None],
        db_path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(self.tr("Unlock {app}").format(app=APP_NAME))
        fit_to_screen(self, 660, 440)
        self.credential: Credential | None = None
        self.panel = UnlockPanel(attempt, db_path, self.tr("Welcome back"), self)
        self.panel.unlocked.connect(self._done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.panel.field.setFocus()

    def _done(self, credential: Credential) -> None:
        self.credential = credential
        self.accept()
