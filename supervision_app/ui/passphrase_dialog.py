"""Choose a passphrase: on first run, when an older plain database is encrypted, and after
unlocking with the recovery key.  The strength estimate updates as the user types."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from supervision_app import APP_NAME
from supervision_app.domain.passphrase import assess
from supervision_app.ui.form_dialog import FormDialog, labelled_form
from supervision_app.ui.secret_field import SecretField
from supervision_app.ui.widgets import accessible, text_label


class PassphrasePurpose(Enum):
    FIRST_RUN = "first_run"
    CONVERT = "convert"
    RESET = "reset"
    CHANGE = "change"


class PassphraseDialog(FormDialog[str]):
    def __init__(
        self,
        parent: QWidget | None = None,
        initial: str | None = None,
        *,
        purpose: PassphrasePurpose = PassphrasePurpose.FIRST_RUN,
        db_path: Path | None = None,
        save: Callable[[str], object] | None = None,
        user_words: Sequence[str] = (),
    ) -> None:
        super().__init__(
            parent,
            save,
            object_name="passphraseDialog",
            ok_text=self.tr("Create my encrypted database")
            if purpose is PassphrasePurpose.FIRST_RUN
            else self.tr("Use this passphrase"),
            ok_object_name="passphraseOk",
        )
        self.setWindowTitle(self.tr("Welcome to {app}").format(app=APP_NAME))
        self.preferred_width, self.preferred_height = 600, 500
        self.current = self._field("currentField", self.tr("Current passphrase"))
        self.passphrase = self._field("passphraseField", self.tr("Passphrase"))
        self.confirm = self._field("confirmField", self.tr("Passphrase again"))
        self.meter = QProgressBar()
        self.meter.setObjectName("strengthMeter")
        self.meter.setRange(0, 3)
        self.meter.setTextVisible(False)
        self.meter.setFixedHeight(8)
        accessible(self.meter, self.tr("Passphrase strength"))
        #: The user's name and role, and the login name: tried first by an attacker.
        self.user_words = (*user_words, *_login_names())
        self.strength_label = text_label("", "strengthLabel")
        self.estimate_label = text_label("", "secondary")
        self.estimate_label.setObjectName("strengthEstimate")
        self.advice_label = text_label("", "secondary")
        self.advice_label.setObjectName("strengthAdvice")
        self.passphrase.textChanged.connect(self._update_strength)

        titles = {
            PassphrasePurpose.FIRST_RUN: self.tr("Welcome. First, protect your records"),
            PassphrasePurpose.CONVERT: self.tr("Your records will now be encrypted"),
            PassphrasePurpose.RESET: self.tr("Choose a new passphrase"),
            PassphrasePurpose.CHANGE: self.tr("Change the passphrase"),
        }
        leads = {
            PassphrasePurpose.FIRST_RUN: self.tr(
                "Supervision notes about children are kept only on this computer, in an "
                "encrypted database:\n{path}\n\nChoose a passphrase to lock it. You will type it "
                "each time you open the app and after it locks itself when idle. Nobody can "
                "open the records without it, or without the recovery key shown next."
            ),
            PassphrasePurpose.CONVERT: self.tr(
                "This version encrypts the database:\n{path}\n\nChoose a passphrase. Your "
                "existing records are converted; the unencrypted copy is removed once the "
                "encrypted one has been checked."
            ),
            PassphrasePurpose.RESET: self.tr(
                "You opened the records with the recovery key. Choose a new passphrase for "
                "everyday use; the recovery key keeps working."
            ),
            PassphrasePurpose.CHANGE: self.tr(
                "Type the current passphrase, then the new one twice. The recovery key keeps "
                "working, and the records are not re-encrypted."
            ),
        }
        rows = [(self.tr("&Passphrase:"), self.passphrase), (self.tr("&Again:"), self.confirm)]
        if purpose is PassphrasePurpose.CHANGE:
            rows.insert(0, (self.tr("&Current passphrase:"), self.current))
            self.setWindowTitle(self.tr("Change the passphrase"))
        else:
            self.current.hide()
        box = QVBoxLayout()
        box.setSpacing(6)
        box.addWidget(self.meter)
        box.addWidget(self.strength_label)
        box.addWidget(self.estimate_label)
        box.addWidget(self.advice_label)
        self.lay_out(
            text_label(titles[purpose], "welcomeTitle"),
            text_label(leads[purpose].format(path=db_path or ""), "lead", selectable=True),
            labelled_form(rows),
            box,
        )
        self._update_strength()
        (self.current if purpose is PassphrasePurpose.CHANGE else self.passphrase).setFocus()

    def _field(self, name: str, label: str) -> SecretField:
        field = SecretField()
        field.setObjectName(name)
        accessible(field, label)
        return field

    def _update_strength(self) -> None:
        strength = assess(self.passphrase.text(), self.user_words)
        self.meter.setValue(strength.level)
        self.strength_label.setText(self.tr("Strength: {label}").format(label=strength.label))
        self.estimate_label.setText(strength.estimate)
        self.estimate_label.setVisible(bool(strength.estimate))
        self.advice_label.setText(strength.advice)

    def collect(self) -> str:
        return self.passphrase.text()

    def validate(self, value: str) -> list[str]:
        problems = []
        strength = assess(value, self.user_words)
        if not strength.acceptable:
            problems.append(strength.advice)
        if value != self.confirm.text():
            problems.append(self.tr("The two passphrases are different. Type the same one twice."))
        return problems

    def fields_in_error(self, value: str, problems: list[str]) -> list[QWidget]:
        blamed: list[QWidget] = (
            [] if assess(value, self.user_words).acceptable else [self.passphrase]
        )
        return blamed + ([self.confirm] if value != self.confirm.text() else [])


def _login_names() -> tuple[str, ...]:
    """The computer account's name, if the system says (an attacker would try it)."""
    try:
        return (getpass.getuser(),)
    except (OSError, KeyError, ImportError):  # no such user entry (containers, some services)
        return ()
