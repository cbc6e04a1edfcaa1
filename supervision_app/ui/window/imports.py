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
        w.empty_state.load_demo_requested.connect(self.load_demo)

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
        w = self.window
        try:
            from supervision_app.exchange import RecordFileError, import_session_file
        except ImportError:
            self.warn(
                QCoreApplication.translate("MainWindow", "Import"),
                QCoreApplication.translate(
                    "MainWindow", "Importing record files is not available in this version."
                ),
            )
            return False
        from supervision_app.exchange_case import import_case_file, is_case_file

        try:
            if is_case_file(path):  # a whole case: every session and its memory
                case_id = import_case_file(w.store, path)
                w.reload_cases(select_case=case_id)
                self.show_status(
                    QCoreApplication.translate("MainWindow", "Imported the whole case."), 8000
                )
                return True
            _case_id, session_id, created = import_session_file(w.store, path)
        except (RecordFileError, ValidationError, OSError) as exc:
            self.warn(
                QCoreApplication.translate("MainWindow", "Import failed"),
                QCoreApplication.translate(
                    "MainWindow", "The file was not imported.\n\n{error}"
                ).format(error=exc),
            )
            return False
        w.reload_cases(select_session=session_id)
        self.show_status(
            QCoreApplication.translate("MainWindow", "Imported into a new case.")
            if created
            else QCoreApplication.translate(
                "MainWindow", "Imported into the existing case with that reference."
            ),
            8000,
        )
        return True

    def load_demo(self) -> None:
        from supervision_app.demo import DemoDataError, load_demo

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
