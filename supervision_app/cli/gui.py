"""Launching the window: the command line's only way into Qt (``supervision_app.ui``).

Kept apart so that every other module of the command line stays free of Qt, and the
import contract "Qt only in ui" names this one exception.
"""

from __future__ import annotations

from pathlib import Path

from supervision_app.cli.secrets import passphrase


def run_gui(db_path: Path, smoke_test: bool = False) -> int:
    from supervision_app.content import ContentError
    from supervision_app.services.opening import load_content

    try:
        content = load_content()
    except ContentError as exc:
        from supervision_app.ui.app import show_startup_error

        return show_startup_error(f"The practice content could not be loaded.\n\n{exc}")
    from supervision_app.ui.app import run_gui as run_window

    # The smoke test runs unattended, so it unlocks (or creates) the database with the
    # scripted passphrase instead of the dialogs.
    credential = passphrase() if smoke_test else None
    return run_window(db_path, content, smoke_test=smoke_test, credential=credential)


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
