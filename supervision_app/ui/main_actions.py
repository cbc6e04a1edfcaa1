"""The main window's actions (menu and toolbar entries) with their standard shortcuts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


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
            parent, "newCaseAction", _tr("New case…"), _tr("Create a case"), QKeySequence(std.New)
        ),
        edit_case=_action(
            parent, "editCaseAction", _tr("Edit case…"), _tr("Change the case's details")
        ),
        delete_case=_action(
            parent,
            "deleteCaseAction",
            _tr("Delete case…"),
            _tr("Delete the case and all its sessions"),
        ),
        new_session=_action(
            parent,
            "newSessionAction",
            _tr("New session…"),
            _tr("Start a new supervision session for this case"),
            "Ctrl+Shift+N",
        ),
        edit_session=_action(
            parent,
            "editSessionAction",
            _tr("Session details…"),
            _tr("Change the session's date and attendees"),
        ),
        delete_session=_action(
            parent, "deleteSessionAction", _tr("Delete session…"), _tr("Delete this session")
        ),
        export_pdf=_action(
            parent,
            "exportPdfAction",
            _tr("Export PDF…"),
            _tr("Save the session record as a PDF"),
            "Ctrl+E",
        ),
        export_json=_action(
            parent,
            "exportJsonAction",
            _tr("Export record file (JSON)…"),
            _tr("Save the session as a record file that can be imported again"),
        ),
        import_json=_action(
            parent,
            "importJsonAction",
            _tr("Import record file (JSON)…"),
            _tr("Import a session from a record file"),
            QKeySequence(std.Open),
        ),
        load_demo=_action(
            parent,
            "loadDemoAction",
            _tr("Load demo case"),
            _tr("Add the fictional demo case to explore the app"),
        ),
        about=_action(
            parent,
            "aboutAction",
            _tr("About Supervision App"),
            _tr("Version and where your data is kept"),
        ),
        choose_user=_action(
            parent,
            "chooseUserAction",
            _tr("Who is using this computer…"),
            _tr("Your name and role for the audit trail and sign-off"),
        ),
        verify_records=_action(
            parent,
            "verifyRecordsAction",
            _tr("Verify records…"),
            _tr("Check every signed record against its fingerprint chain"),
        ),
        paper_template=_action(
            parent,
            "paperTemplateAction",
            _tr("Blank paper template (PDF)…"),
            _tr("A printable record of the guided session, with room to write"),
        ),
        print_record=_action(
            parent,
            "printAction",
            _tr("Print…"),
            _tr("Print the session record"),
            QKeySequence(std.Print),
        ),
        quit=_action(
            parent, "quitAction", _tr("Quit"), _tr("Save everything and close the app"), *quit_keys
        ),
    )
