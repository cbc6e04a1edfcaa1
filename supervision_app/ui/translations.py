"""Load the interface translation for the user's language at start-up (Qt's QTranslator).

British English is the source text, so nothing is loaded for English. A translation is a
compiled ``resources/translations/supervision_app_<lang>.qm`` (see docs/translating.md).
``SUPERVISION_APP_LANGUAGE`` (e.g. ``cy``) overrides the system language.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from supervision_app.paths import resource_path

LANGUAGE_ENV = "SUPERVISION_APP_LANGUAGE"
_INSTALLED = "supervisionTranslators"


def wanted_languages() -> list[str]:
    override = os.environ.get(LANGUAGE_ENV, "").strip()
    if override:
        return [override]
    return [name.replace("-", "_") for name in QLocale.system().uiLanguages()]


def install_translators(app: QApplication, folder: Path | None = None) -> list[str]:
    """Install the first available translation of the app (and Qt's own dialogs) for the
    user's languages; returns the names of the files loaded."""
    if app.property(_INSTALLED):
        return []
    folder = folder or resource_path("translations")
    loaded: list[str] = []
    keep: list[QTranslator] = []
    for language in wanted_languages():
        if language.split("_")[0] == "en":
            break  # the source text is English
        candidates = [language, language.split("_")[0]]
        app_file = next(
            (
                folder / f"supervision_app_{c}.qm"
                for c in candidates
                if (folder / f"supervision_app_{c}.qm").is_file()
            ),
            None,
        )
        if app_file is None:
            continue
        translator = QTranslator(app)
        if translator.load(str(app_file)):
            app.installTranslator(translator)
            keep.append(translator)
            loaded.append(app_file.name)
            qt = QTranslator(app)
            if qt.load(
                f"qtbase_{candidates[-1]}",
                QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
            ):
                app.installTranslator(qt)
                keep.append(qt)
        break
    app.setProperty(_INSTALLED, True)
    return loaded
