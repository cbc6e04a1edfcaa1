"""Appearance preferences: colour scheme, and the reading font, text size and line spacing of
prompts and answers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from supervision_app.ui.appearance import (
    READING_FONTS,
    THEMES,
    ZOOM_MAX,
    ZOOM_MIN,
    Appearance,
    theme_label,
)
from supervision_app.ui.form_dialog import FormDialog, labelled_form
from supervision_app.ui.line_spacing import LINE_SPACINGS
from supervision_app.ui.widgets import accessible, text_label


class PreferencesDialog(FormDialog[Appearance]):
    def __init__(
        self,
        parent: QWidget | None = None,
        initial: Appearance | None = None,
        save: Callable[[Appearance], object] | None = None,
    ) -> None:
        super().__init__(parent, save, object_name="preferencesDialog", ok_text=self.tr("Apply"))
        self.setWindowTitle(self.tr("Appearance"))
        initial = initial or Appearance()

        self.theme_combo = QComboBox()
        self.theme_combo.setObjectName("themeCombo")
        for name in THEMES:
            self.theme_combo.addItem(theme_label(name), name)
        self.theme_combo.setCurrentIndex(max(self.theme_combo.findData(initial.theme), 0))
        accessible(
            self.theme_combo,
            self.tr("Colour scheme"),
            self.tr("Light, dark, high contrast, or follow the system's light or dark mode"),
        )

        self.font_combo = QComboBox()
        self.font_combo.setObjectName("readingFontCombo")
        installed = set(QFontDatabase.families())
        for family in READING_FONTS:
            if not family:
                self.font_combo.addItem(self.tr("System font"), "")
            elif family in installed or family == initial.reading_font:
                self.font_combo.addItem(family, family)
        self.font_combo.setCurrentIndex(max(self.font_combo.findData(initial.reading_font), 0))
        accessible(
            self.font_combo,
            self.tr("Reading font"),
            self.tr("The font of the prompts, their explanations and your answers"),
        )

        self.zoom_spin = QSpinBox()
        self.zoom_spin.setObjectName("zoomSpin")
        self.zoom_spin.setRange(ZOOM_MIN, ZOOM_MAX)
        self.zoom_spin.setSuffix(self.tr(" pt"))
        self.zoom_spin.setValue(initial.zoom)
        accessible(
            self.zoom_spin,
            self.tr("Larger reading text"),
            self.tr("Points added to the prompts and answers. Ctrl+= and Ctrl+- change it too."),
        )

        self.spacing_combo = QComboBox()
        self.spacing_combo.setObjectName("lineSpacingCombo")
        for percent in LINE_SPACINGS:
            self.spacing_combo.addItem(spacing_label(percent), percent)
        self.spacing_combo.setCurrentIndex(
            max(self.spacing_combo.findData(initial.line_spacing), 0)
        )
        accessible(
            self.spacing_combo,
            self.tr("Line spacing"),
            self.tr("Space between the lines of the prompts, their explanations and your answers"),
        )

        note = text_label(
            self.tr(
                "Fonts such as OpenDyslexic, Lexend or Atkinson Hyperlegible are offered when they "
                "are installed on this computer. Wider line spacing (1.5) helps many readers, "
                "including people with dyslexia. Window text follows the system's font size."
            ),
            "hint",
        )
        self.lay_out(
            labelled_form(
                [
                    (self.tr("&Colour scheme:"), self.theme_combo),
                    (self.tr("&Reading font:"), self.font_combo),
                    (self.tr("&Larger reading text:"), self.zoom_spin),
                    (self.tr("Line &spacing:"), self.spacing_combo),
                ]
            ),
            note,
        )
        self.fit_to_screen(520, self.sizeHint().height())

    def collect(self) -> Appearance:
        return Appearance(
            theme=str(self.theme_combo.currentData()),
            zoom=self.zoom_spin.value(),
            reading_font=str(self.font_combo.currentData() or ""),
            line_spacing=int(self.spacing_combo.currentData()),
        )


def spacing_label(percent: int) -> str:
    labels = {
        100: QCoreApplication.translate("PreferencesDialog", "Single (1.0)"),
        125: QCoreApplication.translate("PreferencesDialog", "1.25"),
        150: QCoreApplication.translate("PreferencesDialog", "One and a half (1.5)"),
        200: QCoreApplication.translate("PreferencesDialog", "Double (2.0)"),
    }
    return labels.get(percent, f"{percent / 100:g}")
