"""The unlock form: passphrase (or recovery key), a clear message on failure, and growing
pauses after repeated failures.  Used at start-up and on the lock screen.

On the agency server's lock screen the form asks for the login's password instead (no
passphrase, no recovery key): unlocking logs in to the server again as the same login.  A login
that needs no password (PGPASSFILE, a client certificate) just connects again."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from supervision_app.domain.passphrase import UnlockThrottle
from supervision_app.storage import DatabaseOpenError, Passphrase, RecoveryKey
from supervision_app.ui.secret_field import SecretField
from supervision_app.ui.widgets import accessible, problems_box, push_button, text_label

if TYPE_CHECKING:
    from supervision_app.ui.on_server import ServerInfo

Credential = Passphrase | RecoveryKey


class UnlockPanel(QWidget):
    """Calls ``attempt(credential)``; a :class:`DatabaseOpenError` is shown as the message."""

    unlocked = Signal(object)  # the credential that worked

    def __init__(
        self,
        attempt: Callable[[Credential], None],
        db_path: Path,
        title: str,
        parent: QWidget | None = None,
        *,
        server: ServerInfo | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlockPanel")
        self._attempt = attempt
        self.server = server
        self.throttle = UnlockThrottle()
        self._use_recovery = False
        # The passphrase and the recovery key are both typed unseen and unspoken.
        self.field = SecretField()
        self.field.setObjectName("unlockField")
        accessible(self.field, self.tr("Passphrase"))
        self.unlock_button = push_button(self.tr("Unlock"), "unlockButton", primary=True)
        self.mode_button = push_button(self.tr("Use the recovery key instead"), "recoveryMode")
        self.problems_frame, self.problems_label = problems_box()
        self.prompt = text_label(self.tr("Passphrase:"), "fieldLabel")
        self.prompt.setBuddy(self.field)
        self.count_label = text_label("", "hint")
        self.count_label.hide()
        self.field.textChanged.connect(self._count)
        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self._tick)

        self.field.returnPressed.connect(self.try_unlock)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.mode_button.clicked.connect(self.toggle_mode)

        card = QFrame()
        card.setObjectName("card")
        card.setFixedWidth(560)  # a fixed width lets wrapped labels take the height they need
        inner = QVBoxLayout(card)
        inner.setContentsMargins(36, 32, 36, 32)
        inner.setSpacing(12)
        inner.addWidget(text_label(title, "welcomeTitle"))
        self.lead_label = text_label(
            self.tr("The records in {path} are encrypted.").format(path=db_path),
            "secondary",
            selectable=True,
        )
        inner.addWidget(self.lead_label)
        inner.addWidget(self.prompt)
        inner.addWidget(self.field)
        inner.addWidget(self.count_label)
        inner.addWidget(self.problems_frame)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button)
        buttons.addStretch(1)
        buttons.addWidget(self.mode_button)
        inner.addLayout(buttons)
        centred = QHBoxLayout()  # stretches either side: no Qt alignment flag (qt_namespace.py)
        centred.addStretch(1)
        centred.addWidget(card)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(centred)
        layout.addStretch(2)
        if server is not None:
            self._word_for_server(server)

    def _word_for_server(self, server: ServerInfo) -> None:
        """The agency server's lock screen: the login's password, or none needed."""
        self.mode_button.hide()  # no recovery key: the server's passwords are IT's
        self.prompt.setText(self.tr("Password for {login}:").format(login=server.login))
        accessible(self.field, self.tr("Password for {login}").format(login=server.login))
        if server.asks_password:
            self._set_lead(
                self.tr(
                    "The records on the agency server {server} are hidden and the connection is "
                    "closed. Type the password of your login {login} to connect again. Nothing you "
                    "had typed is lost."
                ).format(server=server.where, login=server.login)
            )
        else:
            self._set_lead(
                self.tr(
                    "The records on the agency server {server} are hidden and the connection is "
                    "closed. Your login {login} uses a password file (PGPASSFILE) or a client "
                    "certificate, so the server asks for no password: Connect again logs in "
                    "with it. Nothing you had typed is lost."
                ).format(server=server.where, login=server.login)
            )
            self.prompt.hide()
            self.field.hide()
            self.unlock_button.setText(self.tr("Connect again"))
        accessible(self.unlock_button, self.unlock_button.text())

    def _set_lead(self, text: str) -> None:
        """A longer lead than the laptop's: the card (a fixed width, centred) does not ask its
        labels for their height at that width, so the label is given the height it needs."""
        self.lead_label.setText(text)
        card = self.lead_label.parentWidget()
        layout = card.layout() if card is not None else None
        width = 488  # the card's 560 less its margins
        if card is not None and layout is not None:
            margins = layout.contentsMargins()
            width = card.width() - margins.left() - margins.right()
        self.lead_label.setMinimumHeight(self.lead_label.heightForWidth(width))

    def reset(self) -> None:
        self.field.clear()
        self._report([])
        (self.field if self.field.isVisibleTo(self) else self.unlock_button).setFocus()

    def toggle_mode(self) -> None:
        self._use_recovery = not self._use_recovery
        self.field.clear()
        if self._use_recovery:
            self.prompt.setText(self.tr("Recovery key (8 groups of 4 characters):"))
            accessible(self.field, self.tr("Recovery key"))
            self.mode_button.setText(self.tr("Use the passphrase instead"))
        else:
            self.prompt.setText(self.tr("Passphrase:"))
            accessible(self.field, self.tr("Passphrase"))
            self.mode_button.setText(self.tr("Use the recovery key instead"))
        accessible(self.mode_button, self.mode_button.text())
        self.count_label.setVisible(self._use_recovery)
        self._count()
        self.field.setFocus()

    def _count(self) -> None:
        """How much of the recovery key has been typed (its characters stay hidden)."""
        if self._use_recovery:
            typed = sum(ch.isalnum() for ch in self.field.text())
            self.count_label.setText(self.tr("{n} of 32 characters typed").format(n=typed))

    def try_unlock(self) -> None:
        needs_text = self.server is None or self.server.asks_password
        if self.throttle.wait_remaining() > 0 or (needs_text and not self.field.text()):
            return
        text = self.field.text()
        credential = RecoveryKey(text) if self._use_recovery else Passphrase(text)
        try:
            self._attempt(credential)
        except DatabaseOpenError as exc:
            delay = self.throttle.record_failure()
            if not self.field.isVisibleTo(self):  # the password file or certificate failed:
                self.prompt.show()  # the server's password may still be typed
                self.field.show()
            self.field.selectAll()
            message = str(exc)
            if delay:
                message += " " + self.tr("Please wait {n} seconds before trying again.").format(
                    n=math.ceil(delay)
                )
                self.unlock_button.setEnabled(False)
                self.timer.start()
            self._report([message], [self.field])
            return
        self.throttle.record_success()
        self.field.clear()
        self._report([])
        self.unlocked.emit(credential)

    def _report(self, problems: list[str], fields: list[QWidget] | None = None) -> None:
        """The problems box (:func:`.a11y.report_problems`). Imported here, at the first
        unlock attempt: its widget classes are not needed to paint the first screen."""
        from supervision_app.ui.a11y import report_problems

        report_problems(self.problems_frame, self.problems_label, problems, fields or [])

    def _tick(self) -> None:
        if self.throttle.wait_remaining() <= 0:
            self.timer.stop()
            self.unlock_button.setEnabled(True)
