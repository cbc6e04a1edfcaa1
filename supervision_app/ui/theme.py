"""The look of the app in one place: palette, fonts and the style sheet.

A light, calm palette with high contrast: body text on the page background is
about 15:1, secondary text about 7:1 and the accent about 6.5:1, all above the
WCAG AA 4.5:1 minimum.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

# -- colours ---------------------------------------------------------------------

PAGE = "#F3F5F7"  # window background
SURFACE = "#FFFFFF"  # cards, editors, lists
SURFACE_ALT = "#F8FAFB"
BORDER = "#D3DAE1"
BORDER_STRONG = "#98A4B0"
TEXT = "#1A1F24"
TEXT_SECONDARY = "#44505C"
ACCENT = "#1D5A96"
ACCENT_HOVER = "#174C80"
ACCENT_SOFT = "#E5EEF7"
ACCENT_BORDER = "#BFD2E6"
SUCCESS = "#1C6B3A"
ERROR = "#A3161B"
ERROR_SOFT = "#FCEBEC"
ERROR_BORDER = "#E4A3A6"
DISABLED_TEXT = "#7B8692"
FOCUS_FILL = "#FFDD00"  # a focused filled button (GOV.UK's focus colour)
FOCUS_TEXT = "#0B0C0C"
#: Left and right padding of a table cell (the tables measure wrapped text with it).
TABLE_ITEM_PADDING_X = 8

BASE_POINT_SIZE = 10
_APPLIED = "supervisionThemeApplied"
_FUSION_FROM_THE_START = "supervisionFusionFromTheStart"


def new_application(argv0: list[str]) -> QApplication:
    """The app's QApplication, made with the Fusion style (``-style Fusion``): Qt makes the
    style itself, and :func:`apply_theme` does not set it again. ``setStyle`` would hand the
    new style to Python, and PySide6 builds its Python class (with all of QStyle's enums)
    for that: about 8 ms before the first screen, which never uses it."""
    app = QApplication([*argv0[:1], "-style", "Fusion"])
    app.setProperty(_FUSION_FROM_THE_START, True)
    return app


def apply_theme(app: QApplication) -> None:
    """Apply the palette, font and style sheet once per application."""
    if app.property(_APPLIED):
        return
    if not app.property(_FUSION_FROM_THE_START):
        app.setStyle("Fusion")
    app.setPalette(palette())
    font = QFont(app.font())
    if font.pointSizeF() < BASE_POINT_SIZE:
        font.setPointSizeF(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET + FIXED_COLOUR_SHEET)
    app.setProperty(_APPLIED, True)


def palette() -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: PAGE,
        QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: SURFACE,
        QPalette.ColorRole.AlternateBase: SURFACE_ALT,
        QPalette.ColorRole.Text: TEXT,
        QPalette.ColorRole.PlaceholderText: "#6B7682",
        QPalette.ColorRole.Button: SURFACE,
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.ToolTipBase: "#FFFFFF",
        QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.Mid: BORDER,
        QPalette.ColorRole.Midlight: "#E7EBEF",
        QPalette.ColorRole.Dark: BORDER_STRONG,
    }
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT))
    return pal


STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {PAGE}; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QToolTip {{ background: #FFFFFF; color: {TEXT}; border: 1px solid {BORDER_STRONG}; padding: 4px; }}

/* -- toolbar, menus and status bar ------------------------------------------ */
QToolBar#mainToolBar {{
    background: {SURFACE}; border: none; border-bottom: 1px solid {BORDER};
    padding: 4px 8px; spacing: 2px;
}}
QToolBar#mainToolBar QToolButton {{
    color: {TEXT}; padding: 6px 10px; border: 2px solid transparent; border-radius: 6px;
}}
QToolBar#mainToolBar QToolButton:hover {{ background: {ACCENT_SOFT}; }}
QToolBar#mainToolBar QToolButton:focus {{ border-color: {ACCENT}; }}
QToolBar#mainToolBar QToolButton:disabled {{ color: {DISABLED_TEXT}; }}
QToolBar#mainToolBar::separator {{ background: {BORDER}; width: 1px; margin: 6px 6px; }}
/* the » button that holds what does not fit (narrow window, 200% text) */
QToolBar#mainToolBar QToolButton#qt_toolbar_ext_button {{
    padding: 0px; min-width: 16px; border: 1px solid {BORDER_STRONG}; background: {SURFACE_ALT};
}}
/* The window's layout animates toolbars and docks moved by the user (this one has none that
   move): with no animation, Qt makes none while placing them (saves a timer object that
   costs start-up 25-40 ms in PySide's type lookup, see ui/wheel_guard.py). */
QToolBar#mainToolBar, QStackedWidget#centralStack {{ widget-animation-duration: 0; }}
QStatusBar {{ background: {SURFACE}; border-top: 1px solid {BORDER}; color: {TEXT_SECONDARY}; }}
QStatusBar QLabel {{ padding: 2px 8px; }}
QLabel#saveIndicator {{ color: {TEXT_SECONDARY}; }}
QLabel#agencyCertificateWarning {{ color: {ERROR}; font-weight: 600; }}
QLabel#saveIndicator[state="saved"] {{ color: {SUCCESS}; }}
QLabel#saveIndicator[state="failed"] {{
    color: {ERROR}; font-weight: 600; background: {ERROR_SOFT};
    border: 1px solid {ERROR_BORDER}; border-radius: 4px;
}}

/* -- buttons -------------------------------------------------------------- */
QPushButton {{
    background: {SURFACE}; color: {TEXT}; border: 1px solid {BORDER_STRONG};
    border-radius: 6px; padding: 6px 14px; min-height: 20px;
}}
QPushButton:hover {{ background: {ACCENT_SOFT}; border-color: {ACCENT}; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; padding: 5px 13px; }}
QPushButton:pressed {{ background: {ACCENT_BORDER}; }}
QPushButton:disabled {{ color: {DISABLED_TEXT}; background: #EEF1F4; border-color: {BORDER}; }}
QPushButton[primary="true"] {{
    background: {ACCENT}; color: #FFFFFF; border-color: {ACCENT}; font-weight: 600;
}}
QPushButton[primary="true"]:hover {{ background: {ACCENT_HOVER}; }}
QPushButton[primary="true"]:focus {{
    /* the GOV.UK focus style: yellow fill, black text and border. Yellow against the
       unfocused blue is 5.3:1, the text 14.5:1, the border 17.9:1 on the page (the old
       darker blue differed from the unfocused blue by 1.5:1) */
    background: {FOCUS_FILL}; color: {FOCUS_TEXT}; border: 2px solid {FOCUS_TEXT};
    padding: 5px 13px;
}}
QPushButton[primary="true"]:disabled {{
    color: {DISABLED_TEXT}; background: #E3E8ED; border-color: {BORDER}; font-weight: 600;
}}
QToolButton#whyToggle {{
    color: {ACCENT}; border: 2px solid transparent; border-radius: 4px;
    padding: 1px 4px; font-weight: 600;
}}
QToolButton#whyToggle:hover {{ background: {ACCENT_SOFT}; }}
QToolButton#whyToggle:focus {{ border-color: {ACCENT}; }}

QRadioButton, QCheckBox {{ border: 2px solid transparent; border-radius: 4px; padding: 1px 3px; }}
/* the keyboard ring: 7.1:1 on white, 6.5:1 on the page (Fusion's was about 1.9:1) */
QRadioButton:focus, QCheckBox:focus {{ border-color: {ACCENT}; }}

/* -- inputs --------------------------------------------------------------- */
QLineEdit {{
    background: {SURFACE}; color: {TEXT}; border: 1px solid {BORDER_STRONG};
    border-radius: 5px; padding: 4px 6px; min-height: 20px;
    selection-background-color: {ACCENT};
}}
QLineEdit:focus {{ border: 2px solid {ACCENT}; padding: 3px 5px; }}
QDateEdit, QComboBox {{ min-height: 20px; padding: 3px 6px; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{ border: 2px solid {ERROR}; }}
QLineEdit:disabled {{ background: #EEF1F4; color: {DISABLED_TEXT}; border-color: {BORDER}; }}
QPlainTextEdit, QTextEdit#answerEditor {{
    background: {SURFACE}; color: {TEXT}; border: 1px solid {BORDER_STRONG};
    border-radius: 6px; padding: 4px; selection-background-color: {ACCENT};
}}
QPlainTextEdit:focus, QTextEdit#answerEditor:focus {{ border: 2px solid {ACCENT}; padding: 3px; }}
QTextEdit#answerEditor {{ font-size: 11pt; }}

/* -- lists and tables ------------------------------------------------------- */
QTreeWidget#caseTree, QListWidget#stageNavigator {{
    background: {SURFACE}; border: none; outline: 0;
}}
QTreeWidget#caseTree {{ show-decoration-selected: 0; }}
QTableWidget::item {{ padding: 6px {TABLE_ITEM_PADDING_X}px; }}
/* a selected search result stays readable: dark text on the soft blue, 14:1 (7:1 for the
   grey 'where' line) with an accent bar; on the accent fill it was 2.3:1 and 1.2:1 */
QListWidget#searchResults::item:selected {{
    background: {ACCENT_SOFT}; color: {TEXT}; border-left: 4px solid {ACCENT};
}}
QTableWidget {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px;
    gridline-color: #E6EAEE; selection-background-color: {ACCENT_SOFT}; selection-color: {TEXT};
}}
QTableWidget:focus {{ border: 2px solid {ACCENT}; }}
QHeaderView::section {{
    background: {SURFACE_ALT}; color: {TEXT_SECONDARY}; padding: 6px 8px; border: none;
    border-bottom: 1px solid {BORDER}; font-weight: 600;
}}
QTextBrowser#recordPreview {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; padding: 10px 12px;
}}
QTextBrowser#recordPreview:focus {{ border: 2px solid {ACCENT}; }}
QScrollArea {{ background: {PAGE}; border: none; }}
QWidget#scrollContent {{ background: {PAGE}; }}
QSplitter::handle {{ background: {BORDER}; }}

/* -- panels ---------------------------------------------------------------- */
QWidget#sidePanel, QWidget#navigatorPanel {{ background: {SURFACE}; }}
QWidget#sessionHeader {{ background: {SURFACE}; border-bottom: 1px solid {BORDER}; }}
QFrame#promptCard, QFrame#card {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px;
}}
QFrame#promptCard[active="true"] {{ border: 1px solid {ACCENT}; }}
QFrame#promptCard[retired="true"] {{ background: {SURFACE_ALT}; border-style: dashed; }}
QFrame#card[attention="true"] {{ border-left: 4px solid #8A5300; }}
QFrame#memoryRow {{ border-top: 1px solid #E3E8ED; }}
QLabel#promptTitle {{ font-weight: 600; }}
QFrame#whyBox {{
    background: {ACCENT_SOFT}; border: 1px solid {ACCENT_BORDER}; border-left: 4px solid {ACCENT};
    border-radius: 6px;
}}
QFrame#promptWhy {{
    background: {SURFACE_ALT}; border: none; border-left: 3px solid {ACCENT_BORDER};
}}
QFrame#problems {{
    background: {ERROR_SOFT}; border: 1px solid {ERROR_BORDER}; border-radius: 6px;
}}
QFrame#problems QLabel {{ color: #74100F; }}
QLabel#lockBanner {{
    background: #FFF4E5; color: #7C2D12; border: 1px solid #E8B27A; border-radius: 4px;
    padding: 4px 8px;
}}
QTextEdit#answerEditor[readOnly="true"] {{ background: #F3F5F7; color: #2B3138; }}
QLabel#sectionTitle {{ font-size: 15px; font-weight: 600; margin-top: 10px; }}
QLabel#verifyResult[state="error"] {{ color: #B42318; font-weight: 600; }}
QFrame#childRow {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; }}

/* -- text ----------------------------------------------------------------- */
QLabel {{ color: {TEXT}; }}
QLabel#eyebrow {{
    color: {TEXT_SECONDARY}; font-size: 8.5pt; font-weight: 700; letter-spacing: 1px;
}}
QLabel#panelTitle {{
    color: {TEXT_SECONDARY}; font-size: 9pt; font-weight: 700; letter-spacing: 1px;
}}
QLabel#pageTitle, QLabel#stageTitle {{ font-size: 19pt; font-weight: 600; }}
QLabel#welcomeTitle {{ font-size: 22pt; font-weight: 600; }}
QLabel#sessionCaseRef {{ font-size: 15pt; font-weight: 600; }}
QLabel#sessionMeta, QLabel#secondary, QLabel#hint {{ color: {TEXT_SECONDARY}; }}
QLabel#stageSummary, QLabel#lead {{ font-size: 11pt; color: #2C3540; }}
QLabel#sectionTitle {{ font-size: 13pt; font-weight: 600; }}
QLabel#groupHeading {{ font-size: 12.5pt; font-weight: 600; color: {ACCENT}; }}
QLabel#promptText {{ font-size: 11.5pt; font-weight: 600; color: {TEXT}; }}
QLabel#whyHeading {{ font-weight: 700; color: {ACCENT}; }}
QLabel#source, QLabel#promptSource {{ color: {TEXT_SECONDARY}; font-size: 9pt; }}
QLabel#retiredNote {{ color: #6A4A00; font-style: italic; }}
QLabel#checklistLabel {{ font-weight: 600; }}
QLabel#checklistExplanation {{ color: {TEXT_SECONDARY}; font-size: 9.5pt; }}
QFrame#recordRow {{ border: 1px solid {BORDER}; border-radius: 6px; }}
QLabel#fieldError {{ color: {ERROR}; }}
QLabel#stageBadge {{
    background: {ACCENT_SOFT}; color: {ACCENT}; border: 1px solid {ACCENT_BORDER};
    border-radius: 13px; font-weight: 700;
}}
QLabel#stageListTitle {{ font-size: 11pt; }}
QLabel#sectionTitleSmall {{ font-weight: 600; }}
"""

#: Rules whose colours are the same in every scheme, added after a scheme's recolouring
#: (``appearance.apply_appearance``): the case memory's status chips (``case_memory_rows.chip``).
#: Each chip used to carry its own style sheet, and Qt styles a widget with its own sheet
#: apart from the rest: 30-40 ms of opening a long case went on its chips and rows.
FIXED_COLOUR_SHEET = """
QLabel#chip { border-radius: 9px; padding: 2px 9px; font-weight: 600; }
QLabel#chip[tone="red"] { color: #A3161B; background: #FCEBEC; }
QLabel#chip[tone="amber"] { color: #8A5300; background: #FFF3DC; }
QLabel#chip[tone="green"] { color: #1C6B3A; background: #E6F3EA; }
QLabel#chip[tone="current"] { color: #1D5A96; background: #EEF2F5; }
QLabel#chip[tone="discarded"] { color: #44505C; background: #EEF2F5; }
"""
