"""The About box: version, the prompts' version, where the data is kept, and the licences."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from supervision_app import APP_NAME, __version__
from supervision_app.ui.widgets import accessible, fit_to_screen

#: (component, licence) of everything shipped in the app and its bundle.
LICENCES: tuple[tuple[str, str], ...] = (
    (APP_NAME, "MIT"),
    ("Qt 6 and Qt for Python (PySide6)", "LGPL v3"),
    ("SQLAlchemy", "MIT"),
    ("Jinja2, MarkupSafe", "BSD 3-Clause"),
    ("ReportLab", "BSD 3-Clause"),
    ("platformdirs", "MIT"),
    ("Python", "PSF License"),
    ("DejaVu Sans font", "Bitstream Vera licence; DejaVu changes public domain"),
    ("Symbola font (emoji subset)", "free for any use (George Douros)"),
    # spell-check (optional): pyenchant's Windows wheel bundles Enchant, Hunspell, GLib and the
    # dictionary; on Linux they are the system's libenchant-2-2 and hunspell-en-gb packages
    ("PyEnchant (spell-check)", "LGPL v2.1 or later"),
    ("Enchant spell-check library, with GLib on Windows", "LGPL v2.1 or later"),
    ("Hunspell", "MPL 1.1 / GPL v2 / LGPL v2.1 (tri-licence)"),
    (
        "British English (en_GB) Hunspell dictionary",
        "LGPL (Kevin Atkinson's word list; "
        "David Bartlett, Brian Kelk, Andrew Brown, Marco A.G. Pinto)",
    ),
)


class AboutDialog(QDialog):
    def __init__(
        self,
        content_version: str,
        db_path: Path,
        parent: QWidget | None = None,
        *,
        where: str | None = None,
    ) -> None:
        """``where``: where the records are kept when that is not this computer (the agency
        server), said in place of the file's path."""
        super().__init__(parent)
        self._where = where
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        self.text = QTextBrowser()
        self.text.setObjectName("aboutText")
        accessible(self.text, self.tr("About {app}").format(app=APP_NAME))
        self.text.setHtml(self._html(content_version, db_path))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        accessible(buttons.button(QDialogButtonBox.StandardButton.Close), self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 560, 520)

    def _html(self, content_version: str, db_path: Path) -> str:
        rows = "".join(
            f"<tr><td>{escape(name)}</td><td>&nbsp;&nbsp;{escape(licence)}</td></tr>"
            for name, licence in LICENCES
        )
        if self._where is None:
            data = (
                f"<p>{escape(self.tr('Kept only on this computer, in:'))}<br><code>{escape(str(db_path))}</code></p>"
                f"<p>{escape(self.tr('The app makes no network connections.'))}</p>"
            )
        else:
            data = f"<p>{escape(self._where)}</p>" + (
                f"<p>{escape(self.tr('The app connects to this server only, and to nothing else.'))}</p>"
            )
        return (
            f"<h2>{escape(APP_NAME)} {escape(__version__)}</h2>"
            f"<p>{escape(self.tr('Prompts version {v}').format(v=content_version))}</p>"
            f"<p>{escape(self.tr('Reflective supervision for child safeguarding.'))}</p>"
            f"<h3>{escape(self.tr('Your data'))}</h3>"
            f"{data}"
            f"<h3>{escape(self.tr('Licences'))}</h3><table>{rows}</table>"
            f"<p>{escape(self.tr('The font licence texts are shipped in resources/fonts.'))}</p>"
        )
