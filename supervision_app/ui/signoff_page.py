"""The "Sign-off" page: dual sign-off, addenda, the fingerprint, verification and the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain import (
    AuditEntry,
    Party,
    SessionDetail,
    SessionIntegrity,
    SignOffInput,
    format_date,
)
from supervision_app.domain.signing import name_and_role
from supervision_app.storage.loading import NotFoundError
from supervision_app.ui.addendum_dialog import AddendumDialog, AddendumFields
from supervision_app.ui.on_server import server_info, sign_as_login
from supervision_app.ui.settings import ui_settings
from supervision_app.ui.signoff_dialog import SignOffDialog
from supervision_app.ui.user_dialog import UserDialog
from supervision_app.ui.widgets import accessible, push_button, read_only_table, text_label

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore

INCLUDE_AUDIT_KEY = "record/include_audit_trail"


def _when(value) -> str:
    return f"{format_date(value.date())}, {value:%H:%M}"


class SignOffPage(QScrollArea):
    #: The sign-off state changed: True once anyone has signed (the record is then read-only).
    signed_changed = Signal(bool)
    status_message = Signal(str)
    #: Someone named themselves as the user of this computer (before signing).
    user_named = Signal()

    def __init__(self, store: SupervisionStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus goes to the page's controls
        self.setObjectName("signOffPage")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._store = store
        self._detail: SessionDetail | None = None
        self.integrity = SessionIntegrity()
        #: Called before signing, so that typing still in the editors is committed first.
        self.before_sign: Callable[[], bool] = lambda: True

        self.status_label = text_label("", "signOffStatus", selectable=True)
        self.signoffs_label = text_label("", "signOffList", selectable=True)
        self.fingerprint_label = text_label("", "fingerprintLabel", selectable=True)
        self.verify_label = text_label("", "verifyResult", selectable=True)
        self.addenda_label = text_label("", "addendaList", selectable=True)
        self.sign_practitioner_button = push_button(
            self.tr("Sign as practitioner…"), "signPractitionerButton", primary=True
        )
        self.sign_supervisor_button = push_button(
            self.tr("Sign as supervisor…"), "signSupervisorButton", primary=True
        )
        self.add_addendum_button = push_button(self.tr("Add addendum…"), "addAddendumButton")
        self.verify_button = push_button(self.tr("Verify this record"), "verifyRecordButton")
        self.include_audit_check = QCheckBox(self.tr("Print the audit trail in the PDF"))
        self.include_audit_check.setObjectName("includeAuditCheck")
        accessible(self.include_audit_check, self.tr("Print the audit trail in the PDF"))
        self.include_audit_check.setChecked(
            bool(ui_settings().value(INCLUDE_AUDIT_KEY, False, type=bool))
        )
        self.include_audit_check.toggled.connect(
            lambda on: ui_settings().setValue(INCLUDE_AUDIT_KEY, on)
        )
        self.audit_table = QTableWidget(0, 3)
        self.audit_table.setObjectName("auditTable")
        self.audit_table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("What")]
        )
        # One Tab stop: Tab and Shift+Tab leave the table (they cycled through its cells).
        read_only_table(self.audit_table, self.tr("Audit trail"))
        self.audit_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.audit_table.horizontalHeader().setStretchLastSection(True)
        # "What" wraps (a signature says who recorded it) instead of ending in "…".
        self.audit_table.setWordWrap(True)
        self.audit_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.audit_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.audit_table.setMinimumHeight(180)

        self.sign_practitioner_button.clicked.connect(lambda: self.sign(Party.PRACTITIONER))
        self.sign_supervisor_button.clicked.connect(lambda: self.sign(Party.SUPERVISOR))
        self.add_addendum_button.clicked.connect(self.add_addendum)
        self.verify_button.clicked.connect(self.verify)
        self._assemble()

    def _assemble(self) -> None:
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 28, 32, 24)
        column.setSpacing(12)
        column.addWidget(text_label(self.tr("After the discussion").upper(), "eyebrow"))
        column.addWidget(text_label(self.tr("Sign-off and audit trail"), "pageTitle"))
        column.addWidget(self.status_label)
        buttons = QHBoxLayout()
        for button in (self.sign_practitioner_button, self.sign_supervisor_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(self.signoffs_label)
        column.addWidget(self.fingerprint_label)
        verify_row = QHBoxLayout()
        verify_row.addWidget(self.verify_button)
        verify_row.addWidget(self.verify_label, 1)
        column.addLayout(verify_row)
        column.addWidget(text_label(self.tr("Addenda"), "sectionTitle"))
        column.addWidget(self.addenda_label)
        addendum_row = QHBoxLayout()
        addendum_row.addWidget(self.add_addendum_button)
        addendum_row.addStretch(1)
        column.addLayout(addendum_row)
        column.addWidget(text_label(self.tr("Audit trail"), "sectionTitle"))
        column.addWidget(self.include_audit_check)
        column.addWidget(self.audit_table)
        column.addStretch(1)
        self.setWidget(content)

    # -- showing --------------------------------------------------------------------

    def set_session(self, detail: SessionDetail | None) -> None:
        self._detail = detail
        self.verify_label.clear()
        self.reload()

    def reload(self) -> None:
        detail = self._detail
        if detail is None:
            self.integrity = SessionIntegrity()
            self._show([], enabled=False)
            return
        try:
            self.integrity = self._store.signing.integrity(detail.id)
            trail = self._store.audit.audit_trail(detail.id)
        except NotFoundError:
            self.integrity, trail = SessionIntegrity(), []
        self._show(trail, enabled=True)

    def _show(self, trail: list[AuditEntry], enabled: bool) -> None:
        state = self.integrity
        if state.locked:
            status = self.tr(
                "Signed by both and locked. Corrections and late information go in addenda."
            )
        elif state.any_signed:
            waiting = (
                Party.SUPERVISOR if state.signed_by(Party.PRACTITIONER) else Party.PRACTITIONER
            )
            status = self.tr(
                "Signed by one, waiting for the {party}. The record can no longer be edited."
            ).format(party=self.tr(waiting.label.lower()))
        else:
            status = self.tr(
                "Not signed yet. Read the record preview together, then both sign. After the "
                "second signature the record is locked."
            )
        self.status_label.setText(status)
        lines = []
        for s in state.signoffs:
            line = self.tr("{party}: {name}, {role}, signed {when}").format(
                party=self.tr(s.party.label), name=s.name, role=s.role, when=_when(s.signed_at)
            )
            if s.comment:
                line += "\n   " + self.tr("Comment: {text}").format(text=s.comment)
            if s.disagreement:
                line += "\n   " + self.tr("Recorded disagreement: {text}").format(
                    text=s.disagreement
                )
            lines.append(line)
        self.signoffs_label.setText("\n".join(lines))
        self.signoffs_label.setVisible(bool(lines))
        self.fingerprint_label.setText(
            self.tr("Record fingerprint: {fp}").format(fp=state.fingerprint)
            if state.fingerprint
            else self.tr("No fingerprint yet: it is made when the record is signed.")
        )
        addenda = [
            self.tr("Addendum {n}, {when}, {author} ({role}){late}:\n{text}").format(
                n=a.number,
                when=_when(a.written_at),
                author=a.author,
                role=a.role,
                late=self.tr(" — LATE ENTRY") if a.late else "",
                text=a.text,
            )
            for a in state.addenda
        ]
        self.addenda_label.setText("\n\n".join(addenda) if addenda else self.tr("No addenda."))
        self.sign_practitioner_button.setEnabled(
            enabled and state.signed_by(Party.PRACTITIONER) is None
        )
        self.sign_supervisor_button.setEnabled(
            enabled and state.signed_by(Party.SUPERVISOR) is None
        )
        self.add_addendum_button.setEnabled(enabled and state.locked)
        self.verify_button.setEnabled(enabled)
        self.audit_table.setRowCount(len(trail))
        for row, entry in enumerate(trail):
            when = _when(entry.at)
            if (entry.last_at - entry.at).total_seconds() >= 60:
                when += f" – {entry.last_at:%H:%M}"
            what = self.tr(entry.event.label)
            if entry.detail:
                what += f" ({entry.detail})"
            for col, text in enumerate((when, entry.user, what)):
                self.audit_table.setItem(row, col, QTableWidgetItem(text))

    # -- actions --------------------------------------------------------------------

    def _with_user(self, then: Callable[[], None]) -> None:
        """Run ``then`` once a named user is chosen (asking first if nobody is). On the agency
        server the person is their login: nobody is named."""
        if server_info(self._store) is not None or self._store.settings.current_user() is not None:
            then()
            return
        dialog = UserDialog(self, None, lambda f: self._store.settings.set_current_user(f.name, f.role))
        dialog.accepted.connect(self.user_named)
        self._open(dialog, then)

    def _open(self, dialog: QDialog, on_accepted: Callable[[], None]) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accepted)
        dialog.open()

    def sign(self, party: Party) -> None:
        if self._detail is None or not self.before_sign():
            return
        self._with_user(lambda: self._sign(party))

    def _sign(self, party: Party) -> None:
        detail = self._detail
        if detail is None:
            return
        user = self._store.settings.current_user()
        person = detail.case.practitioner if party == Party.PRACTITIONER else detail.case.supervisor
        name, role = name_and_role(person)
        if not role and user is not None and user.name == name:
            role = user.role
        dialog = SignOffDialog(
            self,
            SignOffInput(party, name, role),
            lambda value: self._store.signing.sign_session(detail.id, value),
        )
        if (server := server_info(self._store)) is not None:
            sign_as_login(dialog.name_edit, server)
        self._open(dialog, lambda: self._changed(self.tr("Signed.")))

    def add_addendum(self) -> None:
        if self._detail is not None:
            self._with_user(self._add_addendum)

    def _add_addendum(self) -> None:
        detail = self._detail
        user = self._store.settings.current_user()
        if detail is None:
            return
        dialog = AddendumDialog(
            self,
            AddendumFields(user.name, user.role, "") if user else None,
            lambda f: self._store.signing.add_addendum(detail.id, f.author, f.role, f.text),
        )
        if (server := server_info(self._store)) is not None:
            sign_as_login(dialog.author_edit, server)
        self._open(dialog, lambda: self._changed(self.tr("Addendum added.")))

    def _changed(self, message: str) -> None:
        self.reload()
        self.signed_changed.emit(self.integrity.any_signed)
        self.status_message.emit(message)

    def verify(self) -> None:
        if self._detail is None:
            return
        try:
            result = self._store.signing.verify_session(self._detail.id)
        except NotFoundError:
            return
        if result.ok:
            text = (
                self.tr("Verified: the stored record matches its fingerprint {fp}.").format(
                    fp=result.fingerprint
                )
                if result.fingerprint
                else self.tr("Not signed yet: there is nothing to verify.")
            )
        else:
            text = self.tr("DOES NOT MATCH: {problem}.").format(problem=result.problem)
        self.verify_label.setText(text)
        self.verify_label.setProperty("state", "ok" if result.ok else "error")
