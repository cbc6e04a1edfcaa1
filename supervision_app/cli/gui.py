"""Launching the window: the command line's only way into Qt (``supervision_app.ui``).

Kept apart so that every other module of the command line stays free of Qt, and the
import contract "Qt only in ui" names this one exception.
"""

from __future__ import annotations

from pathlib import Path


def run_gui(db_path: Path, smoke_test: bool = False) -> int:
    """The window on the database file. The practice content is loaded by the window once
    its first screen (unlock, or the first run's passphrase) has been painted: a content file
    that cannot be read is reported there, with the same message."""
    from supervision_app.services.opening import load_content
    from supervision_app.ui.app import run_gui as run_window

    credential = None
    if smoke_test:  # unattended: the scripted passphrase instead of the dialogs
        from supervision_app.cli.secrets import passphrase

        credential = passphrase()
    return run_window(db_path, load_content, smoke_test=smoke_test, credential=credential)


def run_gui_on_server(url: str) -> int:
    """The window on the agency server at ``url``, the password asked for on the terminal
    (or read by libpq from PGPASSFILE); the laptop's file is not opened."""
    from supervision_app.cli.server import ask_password
    from supervision_app.content import ContentError
    from supervision_app.services.opening import load_content
    from supervision_app.storage.identity import DatabaseOpenError
    from supervision_app.storage.postgres.backend import open_server
    from supervision_app.ui.app import run_gui_on_database, show_startup_error

    try:
        content = load_content()
    except ContentError as exc:
        return show_startup_error(f"The practice content could not be loaded.\n\n{exc}")
    try:
        database = open_server(url, ask_password)
    except DatabaseOpenError as exc:
        return show_startup_error(str(exc))
    return run_gui_on_database(database, content)
