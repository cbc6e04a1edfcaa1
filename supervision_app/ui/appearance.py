"""Colour schemes (light, dark, high contrast), the answer editors' zoom, the reading font and
the line spacing of the reading text.

The default look lives in :mod:`theme`. The other schemes recolour its style sheet and palette
role by role, so styles added to ``theme.STYLE_SHEET`` follow every scheme automatically.
Choices are kept in the UI settings file (never any case text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from supervision_app.ui import theme
from supervision_app.ui.settings import ui_settings

#: The line spacings offered for the reading text, in per cent of the font's line height
#: (applied by :mod:`.line_spacing`).
LINE_SPACINGS = (100, 125, 150, 200)
SINGLE = 100
LINE_SPACING_PROPERTY = "supervisionLineSpacing"
SCHEME_PROPERTY = "supervisionScheme"  # an application property: the scheme applied


def clamp_spacing(value: object) -> int:
    """``value`` if it is one of :data:`LINE_SPACINGS`, else single spacing."""
    try:
        percent = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return SINGLE
    return percent if percent in LINE_SPACINGS else SINGLE


def current_spacing() -> int:
    """The line spacing in use (per cent), as last applied to the application."""
    app = QApplication.instance()
    return clamp_spacing(app.property(LINE_SPACING_PROPERTY)) if app is not None else SINGLE


def set_current_spacing(app: QApplication, percent: int) -> None:
    app.setProperty(LINE_SPACING_PROPERTY, clamp_spacing(percent))


SYSTEM, LIGHT, DARK, HIGH_CONTRAST = "system", "light", "dark", "high_contrast"
THEMES = (SYSTEM, LIGHT, DARK, HIGH_CONTRAST)
ZOOM_MIN, ZOOM_MAX = -4, 16  # points added to the answer editors' and prompts' text
READING_FONTS = ("", "DejaVu Sans", "Verdana", "Atkinson Hyperlegible", "Lexend", "OpenDyslexic")

#: The default scheme: every colour of theme.py, by role.
LIGHT_SCHEME: dict[str, str] = {
    "page": theme.PAGE,
    "surface": theme.SURFACE,  # also the text on accent-coloured buttons
    "surface_alt": theme.SURFACE_ALT,
    "border": theme.BORDER,
    "border_strong": theme.BORDER_STRONG,
    "text": theme.TEXT,
    "text_secondary": theme.TEXT_SECONDARY,
    "lead_text": "#2C3540",
    "placeholder": "#6B7682",
    "accent": theme.ACCENT,
    "accent_hover": theme.ACCENT_HOVER,
    "accent_soft": theme.ACCENT_SOFT,
    "accent_border": theme.ACCENT_BORDER,
    "primary_focus": "#123F6B",
    "primary_focus_border": "#071F38",
    "success": theme.SUCCESS,
    "error": theme.ERROR,
    "error_soft": theme.ERROR_SOFT,
    "error_border": theme.ERROR_BORDER,
    "error_text": "#74100F",
    "retired_text": "#6A4A00",
    "disabled_text": theme.DISABLED_TEXT,
    "disabled_bg": "#EEF1F4",
    "primary_disabled_bg": "#E3E8ED",
    "gridline": "#E6EAEE",
    "midlight": "#E7EBEF",
    "hover_bg": "#EEF2F5",  # painted by the list delegates
    "track": "#DDE3E9",
    "success_soft": "#E4F2EA",
}

DARK_SCHEME: dict[str, str] = {
    "page": "#14181C",
    "surface": "#1E2429",
    "surface_alt": "#252C32",
    "border": "#3A444D",
    "border_strong": "#6E7B87",
    "text": "#ECEFF2",
    "text_secondary": "#B9C3CC",
    "lead_text": "#D5DCE2",
    "placeholder": "#9AA5AF",
    "accent": "#8CBDEB",
    "accent_hover": "#A6CCF0",
    "accent_soft": "#22364A",
    "accent_border": "#3D5F80",
    "primary_focus": "#B8D7F5",
    "primary_focus_border": "#FFFFFF",
    "success": "#7FD39B",
    "error": "#FF9A9A",
    "error_soft": "#3A1F22",
    "error_border": "#8A4045",
    "error_text": "#FFC2C2",
    "retired_text": "#E8C66A",
    "disabled_text": "#808B95",
    "disabled_bg": "#262C31",
    "primary_disabled_bg": "#2B3238",
    "gridline": "#2F373E",
    "midlight": "#2A3137",
    "hover_bg": "#262D33",
    "track": "#3A444D",
    "success_soft": "#1E3327",
}

HIGH_CONTRAST_SCHEME: dict[str, str] = {
    "page": "#FFFFFF",
    "surface": "#FFFFFF",
    "surface_alt": "#FFFFFF",
    "border": "#000000",
    "border_strong": "#000000",
    "text": "#000000",
    "text_secondary": "#000000",
    "lead_text": "#000000",
    "placeholder": "#3D3D3D",
    "accent": "#00006E",
    "accent_hover": "#000045",
    "accent_soft": "#FFF3A0",
    "accent_border": "#00006E",
    "primary_focus": "#000000",
    "primary_focus_border": "#B35900",
    "success": "#00501E",
    "error": "#8B0000",
    "error_soft": "#FFFFFF",
    "error_border": "#8B0000",
    "error_text": "#8B0000",
    "retired_text": "#4D3500",
    "disabled_text": "#4F4F4F",
    "disabled_bg": "#E6E6E6",
    "primary_disabled_bg": "#E6E6E6",
    "gridline": "#000000",
    "midlight": "#C8C8C8",
    "hover_bg": "#FFF3A0",
    "track": "#767676",
    "success_soft": "#FFFFFF",
}

SCHEMES = {LIGHT: LIGHT_SCHEME, DARK: DARK_SCHEME, HIGH_CONTRAST: HIGH_CONTRAST_SCHEME}

#: (foreground role, background role) pairs that carry text; each must reach 4.5:1.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "page"),
    ("text", "surface"),
    ("text", "surface_alt"),
    ("text", "accent_soft"),
    ("text_secondary", "page"),
    ("text_secondary", "surface"),
    ("text_secondary", "surface_alt"),
    ("lead_text", "page"),
    ("placeholder", "surface"),
    ("accent", "surface"),
    ("accent", "accent_soft"),
    ("accent", "surface_alt"),
    ("surface", "accent"),  # primary buttons, selected rows
    ("surface", "accent_hover"),
    ("surface", "primary_focus"),
    ("success", "surface"),
    ("error", "surface"),
    ("error", "error_soft"),
    ("error_text", "error_soft"),
    ("retired_text", "surface_alt"),
)


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG 2.x contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""

    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def recolour(sheet: str, scheme: dict[str, str]) -> str:
    """``sheet`` with every default-scheme colour replaced by ``scheme``'s colour of that role."""
    mapping = {LIGHT_SCHEME[role].upper(): colour for role, colour in scheme.items()}
    return re.sub(
        r"#[0-9A-Fa-f]{6}\b", lambda m: mapping.get(m.group(0).upper(), m.group(0)), sheet
    )


def scheme_palette(scheme: dict[str, str]) -> QPalette:
    pal = theme.palette()
    mapping = {LIGHT_SCHEME[role].upper(): colour for role, colour in scheme.items()}
    for group in (
        QPalette.ColorGroup.Active,
        QPalette.ColorGroup.Inactive,
        QPalette.ColorGroup.Disabled,
    ):
        for role in QPalette.ColorRole:
            if role == QPalette.ColorRole.NColorRoles:
                continue
            old = pal.color(group, role).name().upper()
            if old in mapping:
                pal.setColor(group, role, QColor(mapping[old]))
    return pal


def ink(colour: str) -> QColor:
    """``colour`` (a default-scheme colour) as drawn in the scheme in use: for widgets that
    paint themselves, such as the case list and the stage navigator."""
    app = QApplication.instance()
    name = app.property(SCHEME_PROPERTY) if app is not None else None
    scheme = SCHEMES.get(str(name), LIGHT_SCHEME) if name else LIGHT_SCHEME
    mapping = {LIGHT_SCHEME[role].upper(): value for role, value in scheme.items()}
    return QColor(mapping.get(colour.upper(), colour))


# -- preferences ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Appearance:
    theme: str = SYSTEM
    zoom: int = 0  # points added to the reading text
    reading_font: str = ""  # "" = the system font
    line_spacing: int = SINGLE  # per cent of the font's line height, prompts and answers
    spell_check: bool = True  # underline misspelt words in the answers (British English)

    def with_zoom(self, step: int) -> Appearance:
        return replace(self, zoom=min(max(self.zoom + step, ZOOM_MIN), ZOOM_MAX))


def load_appearance() -> Appearance:
    settings = ui_settings()
    chosen = str(settings.value("appearance/theme", SYSTEM))
    try:
        zoom = int(settings.value("appearance/zoom", 0))  # type: ignore[call-overload]  # int or str
    except (TypeError, ValueError):
        zoom = 0
    return Appearance(
        theme=chosen if chosen in THEMES else SYSTEM,
        zoom=min(max(zoom, ZOOM_MIN), ZOOM_MAX),
        reading_font=str(settings.value("appearance/reading_font", "")),
        line_spacing=clamp_spacing(settings.value("appearance/line_spacing", SINGLE)),
        spell_check=str(settings.value("appearance/spell_check", "true")).lower() != "false",
    )


def save_appearance(appearance: Appearance) -> None:
    settings = ui_settings()
    settings.setValue("appearance/theme", appearance.theme)
    settings.setValue("appearance/zoom", appearance.zoom)
    settings.setValue("appearance/reading_font", appearance.reading_font)
    settings.setValue("appearance/line_spacing", appearance.line_spacing)
    settings.setValue("appearance/spell_check", "true" if appearance.spell_check else "false")
    settings.sync()


# The system's scheme at the last start ("dark" or "light"), for the next first screen.
SYSTEM_SCHEME_KEY = "appearance/system_scheme"


def system_prefers_dark() -> bool:
    """Whether the system asks for dark colours (Qt's answer, remembered for the next start)."""
    from PySide6.QtCore import Qt  # here: it makes PySide6's Qt namespace (ui/qt_namespace.py)

    hints = QGuiApplication.styleHints()
    dark = hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark
    settings = ui_settings()
    if settings.value(SYSTEM_SCHEME_KEY) != (DARK if dark else LIGHT):
        settings.setValue(SYSTEM_SCHEME_KEY, DARK if dark else LIGHT)
    return dark


def remembered_system_dark() -> bool | None:
    """The system's scheme at the last start (None at the first). The first screen is painted
    in it: asking Qt would make PySide6's Qt namespace before that paint; just after it,
    :func:`follow_system_scheme` asks."""
    return {DARK: True, LIGHT: False}.get(str(ui_settings().value(SYSTEM_SCHEME_KEY, "")))


def effective_scheme(appearance: Appearance, system_dark: bool | None = None) -> str:
    """The scheme to show; ``system_dark`` stands in for asking the system."""
    if appearance.theme == SYSTEM:
        dark = system_prefers_dark() if system_dark is None else system_dark
        return DARK if dark else LIGHT
    return appearance.theme


def follow_system_scheme(app: QApplication) -> bool:
    """Ask the system for its scheme now; if the appearance follows it and the scheme shown
    is not the system's (it changed since the last start), show the system's at once. True
    when the scheme changed."""
    appearance = load_appearance()
    if appearance.theme != SYSTEM or app.property(SCHEME_PROPERTY) == effective_scheme(appearance):
        return False
    apply_appearance(app, appearance)
    return True


def reading_sheet(appearance: Appearance) -> str:
    """Style rules for the long reading text: prompts, explanations and answers."""
    family = f'font-family: "{appearance.reading_font}";' if appearance.reading_font else ""
    answer = 11 + appearance.zoom
    prompt = 11.5 + appearance.zoom
    why = 10 + appearance.zoom
    return (
        f"\nQTextEdit#answerEditor {{ font-size: {answer}pt; {family} }}"
        f"\nQLabel#promptText {{ font-size: {prompt}pt; {family} }}"
        f"\nQLabel#promptWhyText {{ font-size: {why}pt; {family} }}\n"
    )


def apply_appearance(
    app: QApplication,
    appearance: Appearance,
    extra_sheet: str = "",
    *,
    system_dark: bool | None = None,
) -> str:
    """Apply ``appearance`` to the whole application; returns the scheme used.
    ``system_dark`` stands in for asking the system (see :func:`remembered_system_dark`)."""
    theme.apply_theme(app)
    name = effective_scheme(appearance, system_dark)
    scheme = SCHEMES[name]
    palette = scheme_palette(scheme)
    if app.palette() != palette:
        app.setPalette(palette)
    sheet = recolour(theme.STYLE_SHEET + reading_sheet(appearance) + extra_sheet, scheme)
    sheet += theme.FIXED_COLOUR_SHEET
    # Setting a style sheet re-polishes every widget in the application, so a
    # window that opens with the same appearance must not pay for it again.
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    app.setProperty(SCHEME_PROPERTY, name)
    set_current_spacing(app, appearance.line_spacing)
    return name


def theme_label(name: str) -> str:
    labels = {
        SYSTEM: QCoreApplication.translate("Appearance", "Follow the system (light or dark)"),
        LIGHT: QCoreApplication.translate("Appearance", "Light"),
        DARK: QCoreApplication.translate("Appearance", "Dark"),
        HIGH_CONTRAST: QCoreApplication.translate("Appearance", "High contrast"),
    }
    return labels[name]
