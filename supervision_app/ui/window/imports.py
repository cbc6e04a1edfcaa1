"""What the window reads in: a record file (one session or a whole case) and the demo case."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from supervision_app.domain import ValidationError
from supervision_app.ui.window.host import WindowPart


class RecordImports(WindowPart):
    def wire(self) -> None:
        w = self.window
        w.actions.import_json.triggered.connect(self.import_json)
        w.actions.load_demo.triggered.connect(self.load_demo)
        w.when_empty_state_built(lambda page: page.load_demo_requested.connect(self.load_demo))

    def import_json(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window,
            QCoreApplication.translate("MainWindow", "Import a record file"),
            "",
            QCoreApplication.translate("MainWindow", "Record files (*.json);;All files (*)"),
        )
        if chosen:
            self.import_json_from(Path(chosen))

    def import_json_from(self, path: Path) -> bool:
        from supervision_app.services.record_files import RecordFileError, import_record_file

        w = self.window
        try:  # a session's record file, or a whole case: every session and its memory
            imported = import_record_file(w.store, path)
        except (RecordFileError, ValidationError, OSError) as exc:
            self.warn(
                QCoreApplication.translate("MainWindow", "Import failed"),
                QCoreApplication.translate(
                    "MainWindow", "The file was not imported.\n\n{error}"
                ).format(error=exc),
            )
            return False
        if imported.whole_case:
            w.reload_cases(select_case=imported.case_id)
            self.show_status(
                QCoreApplication.translate("MainWindow", "Imported the whole case."), 8000
            )
            return True
        w.reload_cases(select_session=imported.session_id)
        self.show_status(
            QCoreApplication.translate("MainWindow", "Imported into a new case.")
            if imported.case_created
            else QCoreApplication.translate(
                "MainWindow", "Imported into the existing case with that reference."
            ),
            8000,
        )
        return True

    def load_demo(self) -> None:
        from supervision_app.services.demo import DemoDataError, load_demo

        w = self.window
        try:
            loaded = load_demo(w.store, w.content)
        except (DemoDataError, ValidationError) as exc:
            self.warn(
                QCoreApplication.translate("MainWindow", "Demo case"),
                QCoreApplication.translate(
                    "MainWindow", "The demo case could not be loaded.\n\n{error}"
                ).format(error=exc),
            )
            return
        w.reload_cases(select_session=loaded.session_id)
        self.show_status(
            QCoreApplication.translate("MainWindow", "The demo case was already loaded.")
            if loaded.already_present
            else QCoreApplication.translate(
                "MainWindow", "Loaded the fictional demo case. Everything in it is invented."
            ),
            8000,
        )
