"""What the window writes to files: the session record (by the preview page), the case
summary PDF, the whole case as a record file, and the blank paper template."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from supervision_app.storage import NotFoundError
from supervision_app.ui.file_names import default_export_path, sanitise
from supervision_app.ui.window.host import WindowPart

if TYPE_CHECKING:
    from supervision_app.ui.case_overview import CaseOverview


class RecordExports(WindowPart):
    def wire(self) -> None:
        w = self.window
        a = w.actions
        a.export_pdf.triggered.connect(self.export_pdf)
        a.export_json.triggered.connect(self.export_json)
        a.paper_template.triggered.connect(self.export_paper_template)
        a.print_record.triggered.connect(self.print_record)
        w.summary_action.triggered.connect(self.export_case_summary)
        w.when_case_overview_built(self._wire_overview)

    def _wire_overview(self, overview: CaseOverview) -> None:
        overview.print_summary_requested.connect(self.export_case_summary)
        overview.export_case_requested.connect(self.export_case_file)

    def export_pdf(self) -> None:
        view = self.window.built_session_view
        if view is not None and view.session_id is not None:
            view.preview_page.export_pdf()

    def export_json(self) -> None:
        view = self.window.built_session_view
        if view is not None and view.session_id is not None:
            view.preview_page.export_json()

    def print_record(self) -> None:
        view = self.window.built_session_view
        if view is not None and view.session_id is not None:
            view.preview_page.print_record()

    def export_case_summary(self) -> None:
        w = self.window
        case_id, _session_id = w.case_tree.current_ids()
        if case_id is None:
            return
        from supervision_app.record.case_summary import build_case_summary
        from supervision_app.record.pdf import RecordExportError
        from supervision_app.record.pdf.case_summary import write_case_summary

        try:
            history = w.store.memory.case_history(case_id)
        except NotFoundError:
            w.reload_cases()
            return
        today = date.today()
        suggested = default_export_path(history.reference, today, "pdf").with_name(
            f"{sanitise(history.reference)}_{today.isoformat()}_case_summary.pdf"
        )
        path, _filter = QFileDialog.getSaveFileName(
            w,
            QCoreApplication.translate("MainWindow", "Export case summary"),
            str(suggested),
            QCoreApplication.translate("MainWindow", "PDF files (*.pdf)"),
        )
        if not path:
            return
        try:
            summary = build_case_summary(
                history, w.content, w.rules, today, marking=w.store.settings.protective_marking()
            )
            write_case_summary(summary, Path(path))
        except RecordExportError as exc:
            self.warn(QCoreApplication.translate("MainWindow", "Case summary"), str(exc))
            return
        self.show_status(QCoreApplication.translate("MainWindow", "Case summary saved."), 6000)

    def export_case_file(self) -> Path | None:
        """Write the whole case (every session and all it remembers) to a JSON file."""
        w = self.window
        case_id, _session_id = w.case_tree.current_ids()
        if case_id is None:
            return None
        from supervision_app.services.record_files import RecordFileError, export_case_json

        try:
            reference = w.store.cases.get_case(case_id).reference
        except NotFoundError:
            w.reload_cases()
            return None
        today = date.today()
        suggested = default_export_path(reference, today, "json").with_name(
            f"{sanitise(reference)}_{today.isoformat()}_case.json"
        )
        path, _filter = QFileDialog.getSaveFileName(
            w,
            QCoreApplication.translate("MainWindow", "Export the whole case"),
            str(suggested),
            QCoreApplication.translate("MainWindow", "Record files (*.json)"),
        )
        if not path:
            return None
        try:
            export_case_json(w.store, case_id, Path(path))
        except RecordFileError as exc:
            self.warn(QCoreApplication.translate("MainWindow", "Case file"), str(exc))
            return None
        self.show_status(QCoreApplication.translate("MainWindow", "Case file saved."), 6000)
        return Path(path)

    def export_paper_template(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window,
            QCoreApplication.translate("MainWindow", "Save the blank paper template"),
            "supervision-paper-template.pdf",
            QCoreApplication.translate("MainWindow", "PDF files (*.pdf)"),
        )
        if chosen:
            self.export_paper_template_to(Path(chosen))

    def export_paper_template_to(self, path: Path) -> bool:
        from supervision_app.record.pdf import RecordExportError, write_bytes
        from supervision_app.record.pdf.documents import render_template

        w = self.window
        try:
            write_bytes(render_template(w.content, w.store.settings.protective_marking()), path)
        except RecordExportError as exc:
            self.warn(QCoreApplication.translate("MainWindow", "Paper template"), str(exc))
            return False
        self.show_status(
            QCoreApplication.translate("MainWindow", "Paper template saved to {path}").format(
                path=path
            )
        )
        return True
