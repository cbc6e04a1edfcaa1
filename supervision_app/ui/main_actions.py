"""The main window's actions (menu and toolbar entries) with their standard shortcuts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence


@dataclass(frozen=True, slots=True)
class MainActions:
    new_case: QAction
    edit_case: QAction
    delete_case: QAction
    new_session: QAction
    edit_session: QAction
    delete_session: QAction
    export_pdf: QAction
    export_json: QAction
    import_json: QAction
    load_demo: QAction
    about: QAction
    choose_user: QAction
    verify_records: QAction
    paper_template: QAction
    print_record: QAction
    quit: QAction


def _action(parent: QObject, name: str, text: str, tip: str, *keys: QKeySequence | str) -> QAction:
    action = QAction(text, parent)
    action.setObjectName(name)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    sequences = [QKeySequence(k) for k in keys if not QKeySequence(k).isEmpty()]
    if sequences:
        action.setShortcuts(sequences)
        action.setToolTip(
            f"{tip} ({sequences[0].toString(QKeySequence.SequenceFormat.NativeText)})"
        )
    return action


def build_actions(parent: QObject) -> MainActions:
    std = QKeySequence.StandardKey
    quit_keys = QKeySequence.keyBindings(std.Quit) or [QKeySequence("Ctrl+Q")]
    return MainActions(
        new_case=_action(
            parent,
            "newCaseAction",
            QCoreApplication.translate("MainWindow", "New case…"),
            QCoreApplication.translate("MainWindow", "Create a case"),
            QKeySequence(std.New),
        ),
        edit_case=_action(
            parent,
            "editCaseAction",
            QCoreApplication.translate("MainWindow", "Edit case…"),
            QCoreApplication.translate("MainWindow", "Change the case's details"),
        ),
        delete_case=_action(
            parent,
            "deleteCaseAction",
            QCoreApplication.translate("MainWindow", "Delete case…"),
            QCoreApplication.translate("MainWindow", "Delete the case and all its sessions"),
        ),
        new_session=_action(
            parent,
            "newSessionAction",
            QCoreApplication.translate("MainWindow", "New session…"),
            QCoreApplication.translate(
                "MainWindow", "Start a new supervision session for this case"
            ),
            "Ctrl+Shift+N",
        ),
        edit_session=_action(
            parent,
            "editSessionAction",
            QCoreApplication.translate("MainWindow", "Session details…"),
            QCoreApplication.translate("MainWindow", "Change the session's date and attendees"),
        ),
        delete_session=_action(
            parent,
            "deleteSessionAction",
            QCoreApplication.translate("MainWindow", "Delete session…"),
            QCoreApplication.translate("MainWindow", "Delete this session"),
        ),
        export_pdf=_action(
            parent,
            "exportPdfAction",
            QCoreApplication.translate("MainWindow", "Export PDF…"),
            QCoreApplication.translate("MainWindow", "Save the session record as a PDF"),
            "Ctrl+E",
        ),
        export_json=_action(
            parent,
            "exportJsonAction",
            QCoreApplication.translate("MainWindow", "Export record file (JSON)…"),
            QCoreApplication.translate(
                "MainWindow", "Save the session as a record file that can be imported again"
            ),
        ),
        import_json=_action(
            parent,
            "importJsonAction",
            QCoreApplication.translate("MainWindow", "Import record file (JSON)…"),
            QCoreApplication.translate("MainWindow", "Import a session from a record file"),
            QKeySequence(std.Open),
        ),
        load_demo=_action(
            parent,
            "loadDemoAction",
            QCoreApplication.translate("MainWindow", "Load demo case"),
            QCoreApplication.translate(
                "MainWindow", "Add the fictional demo case to explore the app"
            ),
        ),
        about=_action(
            parent,
            "aboutAction",
            QCoreApplication.translate("MainWindow", "About Supervision App"),
            QCoreApplication.translate("MainWindow", "Version and where your data is kept"),
        ),
        choose_user=_action(
            parent,
            "chooseUserAction",
            QCoreApplication.translate("MainWindow", "Who is using this computer…"),
            QCoreApplication.translate(
                "MainWindow", "Your name and role for the audit trail and sign-off"
            ),
        ),
        verify_records=_action(
            parent,
            "verifyRecordsAction",
            QCoreApplication.translate("MainWindow", "Verify records…"),
            QCoreApplication.translate(
                "MainWindow", "Check every signed record against its fingerprint chain"
            ),
        ),
        paper_template=_action(
            parent,
            "paperTemplateAction",
            QCoreApplication.translate("MainWindow", "Blank paper template (PDF)…"),
            QCoreApplication.translate(
                "MainWindow", "A printable record of the guided session, with room to write"
            ),
        ),
        print_record=_action(
            parent,
            "printAction",
            QCoreApplication.translate("MainWindow", "Print…"),
            QCoreApplication.translate("MainWindow", "Print the session record"),
            QKeySequence(std.Print),
        ),
        quit=_action(
            parent,
            "quitAction",
            QCoreApplication.translate("MainWindow", "Quit"),
            QCoreApplication.translate("MainWindow", "Save everything and close the app"),
            *quit_keys,
        ),
    )
