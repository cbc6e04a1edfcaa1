"""The result of "Verify records": every record whose stored content no longer matches its chain."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain import VerifyResult, format_date
from supervision_app.ui.widgets import accessible, fit_to_screen, read_only_table, text_label


class VerifyDialog(QDialog):
    def __init__(
        self, results: list[VerifyResult], parent: QWidget | None = None, *, on_server: bool = False
    ) -> None:
        """``on_server``: the records are on the agency server, whose backups are IT's."""
        super().__init__(parent)
        self.setObjectName("verifyDialog")
        self.setWindowTitle(self.tr("Verify records"))
        fit_to_screen(self, 720, 360)
        bad = [r for r in results if not r.ok]
        signed = [r for r in results if r.ok and r.fingerprint]
        if bad and on_server:
            summary = self.tr(
                "{bad} record(s) no longer match what was signed. Their stored content was "
                "changed outside the app, or the server's database is damaged. Compare them with "
                "the printed copies (same fingerprint) and tell your agency's IT, who keep the "
                "server's backups."
            ).format(bad=len(bad))
        elif bad:
            summary = self.tr(
                "{bad} record(s) no longer match what was signed. Their stored content was "
                "changed outside the app, or the database is damaged. Compare them with the "
                "printed copies (same fingerprint) and restore from a backup."
            ).format(bad=len(bad))
        else:
            summary = self.tr("All {n} signed record(s) match their fingerprints.").format(
                n=len(signed)
            )
        self.summary_label = text_label(summary, "verifySummary", selectable=True)
        self.table = QTableWidget(len(bad) + len(signed), 4)
        self.table.setObjectName("verifyTable")
        read_only_table(self.table, self.tr("Verification results"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Result"), self.tr("Case"), self.tr("Session"), self.tr("Details")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, result in enumerate([*bad, *signed]):
            cells = (
                self.tr("Matches") if result.ok else self.tr("DOES NOT MATCH"),
                result.case_reference,
                format_date(result.session_date)
                or (str(result.session_id) if result.session_id else self.tr("Audit trail")),
                self.tr("Fingerprint {fp}").format(fp=result.fingerprint)
                if result.ok
                else result.problem,
            )
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        accessible(buttons.button(QDialogButtonBox.StandardButton.Close), self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
