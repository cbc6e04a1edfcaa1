"""Window state (geometry, splitters, toggles) in an INI file under the config folder.

Only UI state is stored here, never case or note text: the case data lives in
the database alone.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QSettings

from supervision_app.paths import config_dir

SETTINGS_FILE = "ui-state.ini"


def ui_settings() -> QSettings:
    folder = config_dir()
    # If the folder cannot be made, QSettings simply cannot save: not worth an error.
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / SETTINGS_FILE), QSettings.Format.IniFormat)
