"""Start the window: the QApplication, the database and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from supervision_app import APP_NAME, APP_ORG, __version__
from supervision_app.content import Content
from supervision_app.storage import Database, DatabaseOpenError, SupervisionStore
from supervision_app.ui import theme

EXIT_CANNOT_OPEN = 2


def _application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(APP_ORG)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    theme.apply_theme(app)
    return app


def show_startup_error(message: str) -> int:
    """Show a message instead of a traceback when the app cannot start."""
    _application()
    QMessageBox.critical(
        None, QCoreApplication.translate("App", "{app} cannot start").format(app=APP_NAME), message
    )
    return EXIT_CANNOT_OPEN


def run_gui(db_path: Path, content: Content) -> int:
    app = _application()
    from supervision_app.ui.startup import open_interactively

    try:
        database = open_interactively(Path(db_path))
    except DatabaseOpenError as exc:
        QMessageBox.critical(
            None, QCoreApplication.translate("App", "The database cannot be opened"), str(exc)
        )
        return EXIT_CANNOT_OPEN
    if database is None:  # the user cancelled before anything was created or unlocked
        return 0
    try:
        window = build_window(database, content)
        window.show()
        return app.exec()
    finally:
        database.close()


def build_window(database: Database, content: Content):
    """The main window on an unlocked database, with locking and the Security menu."""
    from supervision_app.ui.lock_controller import LockController
    from supervision_app.ui.main_window import MainWindow
    from supervision_app.ui.security_menu import install_security_menu

    window = MainWindow(SupervisionStore(database), content, database.path)
    window.lock_controller = LockController(window, database)
    install_security_menu(window, window.lock_controller)
    return window
