"""Appearance preferences: colour scheme, and the reading font, text size and line spacing of
prompts and answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox, QVBoxLayout, QWidget

from supervision_app.ui.appearance import (
    LINE_SPACINGS,
    READING_FONTS,
    THEMES,
    ZOOM_MAX,
    ZOOM_MIN,
    Appearance,
    theme_label,
)
from supervision_app.ui.form_dialog import FormDialog, labelled_form
from supervision_app.ui.spell_check import SpellService
from supervision_app.ui.widgets import accessible, push_button, text_label


class PreferencesDialog(FormDialog[Appearance]):
    def __init__(
        self,
        parent: QWidget | None = None,
        initial: Appearance | None = None,
        save: Callable[[Appearance], object] | None = None,
        spelling: SpellService | None = None,
    ) -> None:
        super().__init__(parent, save, object_name="preferencesDialog", ok_text=self.tr("Apply"))
        self.setWindowTitle(self.tr("Appearance"))
        initial = initial or Appearance()
        self._initial = initial
        self.spelling = spelling

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

        spelling_row = self._spelling_row(initial)

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
                    (self.tr("Spelling:"), spelling_row),
                ]
            ),
            self.spelling_note,
            note,
        )
        self.fit_to_screen(520, self.sizeHint().height())

    def _spelling_row(self, initial: Appearance) -> QWidget:
        available = self.spelling is not None and self.spelling.available
        self.spell_check = QCheckBox(self.tr("&Check spelling as I type (British English)"))
        self.spell_check.setObjectName("spellCheckBox")
        self.spell_check.setChecked(initial.spell_check and available)
        self.spell_check.setEnabled(available)
        accessible(
            self.spell_check,
            self.tr("Check spelling as I type"),
            self.tr("Underline misspelt words in the answers; right-click one for suggestions"),
        )
        self.my_words_button = push_button(
            self.tr("&My words…"),
            "myWordsButton",
            self.tr("My words"),
            description=self.tr("Review and remove the words you added to spell-check"),
        )
        self.my_words_button.setEnabled(self.spelling is not None)
        self.my_words_button.clicked.connect(self._open_my_words)
        reason = self.spelling.unavailable_reason if self.spelling is not None else ""
        self.spelling_note = text_label(reason, "hint")
        self.spelling_note.setObjectName("spellingUnavailable")
        self.spelling_note.setVisible(bool(reason))
        row = QWidget()
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spell_check)
        layout.addWidget(self.my_words_button, 0, Qt.AlignmentFlag.AlignLeft)
        return row

    def _open_my_words(self) -> None:
        from supervision_app.ui.my_words_dialog import MyWordsDialog

        if self.spelling is not None:
            dialog = MyWordsDialog(self.spelling, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def collect(self) -> Appearance:
        return replace(
            self._initial,
            theme=str(self.theme_combo.currentData()),
            zoom=self.zoom_spin.value(),
            reading_font=str(self.font_combo.currentData() or ""),
            line_spacing=int(self.spacing_combo.currentData()),
            spell_check=(
                self.spell_check.isChecked()
                if self.spell_check.isEnabled()
                else self._initial.spell_check
            ),
        )


def spacing_label(percent: int) -> str:
    labels = {
        100: QCoreApplication.translate("PreferencesDialog", "Single (1.0)"),
        125: QCoreApplication.translate("PreferencesDialog", "1.25"),
        150: QCoreApplication.translate("PreferencesDialog", "One and a half (1.5)"),
        200: QCoreApplication.translate("PreferencesDialog", "Double (2.0)"),
    }
    return labels.get(percent, f"{percent / 100:g}")
