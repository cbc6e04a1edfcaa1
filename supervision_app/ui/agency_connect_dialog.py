"""File > Connect to agency server…: the server's URL, and a password when libpq has none.

The password lives only in this dialog's field and the connection; the URL (which may not
carry a password) is the only thing remembered.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

EXAMPLE_URL = "postgresql://jsmith@records.agency.example/supervision"


def password_from_libpq() -> bool:
    """True when PGPASSFILE names a password file, so no password field is needed."""
    name = os.environ.get("PGPASSFILE", "")
    return bool(name) and os.path.isfile(name)


class AgencyConnectDialog(QDialog):
    def __init__(
        self,
        try_connect: Callable[[str, str], str | None],
        parent: QWidget | None = None,
        url: str = "",
    ) -> None:
        """``try_connect(url, password)`` connects, or returns why not (the dialog stays)."""
        super().__init__(parent)
        self._try_connect = try_connect
        self.setObjectName("agencyConnectDialog")
        self.setWindowTitle(self.tr("Connect to agency server"))
        lead = QLabel(
            self.tr(
                "Open the records held on your agency's server, logging in as your own "
                "database login. Your agency's IT gives you the address."
            )
        )
        lead.setWordWrap(True)
        self.url_edit = QLineEdit(url)
        self.url_edit.setObjectName("agencyUrl")
        self.url_edit.setPlaceholderText(EXAMPLE_URL)
        example = QLabel(self.tr("For example: {url}").format(url=EXAMPLE_URL))
        example.setObjectName("agencyUrlExample")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("agencyPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Server address:"), self.url_edit)
        form.addRow("", example)
        if password_from_libpq():
            self.password_edit.hide()
            note = self.tr("The password comes from your password file (PGPASSFILE).")
        else:
            form.addRow(self.tr("Password:"), self.password_edit)
            note = self.tr(
                "Leave the password empty if a password file or a client certificate "
                "logs you in. The password is never saved by this app."
            )
        tls = QLabel(
            note
            + "\n"
            + self.tr(
                "The connection is encrypted and the server's certificate is checked "
                "(TLS, sslmode=verify-full) unless the server is on this computer's local "
                "socket."
            )
        )
        tls.setObjectName("agencyTlsNote")
        tls.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        connect_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        connect_button.setText(self.tr("Connect"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.error_label = QLabel()
        self.error_label.setObjectName("agencyConnectError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addLayout(form)
        layout.addWidget(tls)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def url(self) -> str:
        return self.url_edit.text().strip()

    def password(self) -> str:
        return self.password_edit.text()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _accept(self) -> None:
        if not self.url():
            self.show_error(self.tr("Enter the server's address, like the example."))
            return
        problem = self._try_connect(self.url(), self.password())
        self.password_edit.clear()
        if problem:
            self.show_error(problem)
            return
        self.accept()
