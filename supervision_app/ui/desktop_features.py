"""The desktop layer of the main window: Edit and View menus (undo/redo, spell-check, zoom,
presentation mode, appearance), help, About, the first-run welcome and the session timer.

Installed on a :class:`MainWindow` by :func:`install`, so the window itself stays small.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from supervision_app.ui import appearance as look
from supervision_app.ui import spell_check
from supervision_app.ui.answer_editor import AnswerEditor
from supervision_app.ui.line_spacing import ReadingLabel
from supervision_app.ui.session_timer import SessionTimer

if TYPE_CHECKING:
    from supervision_app.ui.my_words_dialog import MyWordsDialog
    from supervision_app.ui.welcome_dialog import WelcomeDialog
    from supervision_app.ui.window.host import WindowHost

PRESENTATION_ZOOM = 6  # points added to the reading text in presentation mode

def dialog_classes() -> tuple[type, ...]:
    """Every dialog class this module opens (the accessibility test walks each one).  They
    are imported when first opened, not while the window starts."""
    from supervision_app.ui.about_dialog import AboutDialog
    from supervision_app.ui.help_dialog import HelpDialog
    from supervision_app.ui.my_words_dialog import MyWordsDialog
    from supervision_app.ui.preferences_dialog import PreferencesDialog
    from supervision_app.ui.welcome_dialog import WelcomeDialog

    return AboutDialog, HelpDialog, MyWordsDialog, PreferencesDialog, WelcomeDialog


class DesktopFeatures(QObject):
    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        self.appearance = look.load_appearance()
        #: Spell-check for every answer editor; "my words" live in the encrypted database.
        self.spelling = spell_check.SpellService(
            getattr(window.store, "words", None), self.appearance.spell_check, window
        )
        spell_check.set_current_service(self.spelling)
        self.presenting = False
        self._hidden_for_presentation: list[QWidget] = []
        self._was_maximised = False
        std = QKeySequence.StandardKey

        def action(
            name: str, text: str, tip: str, *keys: QKeySequence.StandardKey | str
        ) -> QAction:
            act = QAction(text, window)
            act.setObjectName(name)
            act.setStatusTip(tip)
            act.setToolTip(tip)
            sequences: list[QKeySequence] = []
            for key in keys:
                found = (
                    QKeySequence.keyBindings(key) if isinstance(key, std) else [QKeySequence(key)]
                )
                sequences += [s for s in found if not s.isEmpty() and s not in sequences]
            act.setShortcuts(sequences)
            window.addAction(act)
            return act

        self.undo = action(
            "undoAction", self.tr("Undo"), self.tr("Undo the last change to the text"), std.Undo
        )
        self.redo = action(
            "redoAction", self.tr("Redo"), self.tr("Redo the change just undone"), std.Redo
        )
        self.spell_check = action(
            "spellCheckAction",
            self.tr("Check spelling"),
            self.tr("Underline misspelt words in the answers (British English)"),
        )
        self.spell_check.setCheckable(True)
        self.spell_check.setChecked(self.appearance.spell_check)
        self.my_words = action(
            "myWordsAction",
            self.tr("My words…"),
            self.tr("Review and remove the words you added to spell-check"),
        )
        self.zoom_in = action(
            "zoomInAction",
            self.tr("Larger text"),
            self.tr("Make the prompts and answers larger"),
            std.ZoomIn,
            "Ctrl+=",
        )
        self.zoom_out = action(
            "zoomOutAction",
            self.tr("Smaller text"),
            self.tr("Make the prompts and answers smaller"),
            std.ZoomOut,
        )
        self.zoom_reset = action(
            "zoomResetAction", self.tr("Normal text size"), self.tr("Reset the text size"), "Ctrl+0"
        )
        self.presentation = action(
            "presentationAction",
            self.tr("Presentation mode"),
            self.tr("Large text and the current prompt prominent, with the case list hidden"),
            std.FullScreen,
            "F11",
        )
        self.presentation.setCheckable(True)
        self.preferences = action(
            "preferencesAction",
            self.tr("Appearance…"),
            self.tr("Colour scheme, reading font, text size and line spacing"),
            std.Preferences,
            "Ctrl+,",
        )
        self.help = action(
            "helpAction",
            self.tr("Help on the frameworks"),
            self.tr("What each stage is about and why"),
            std.HelpContents,
        )
        self.welcome = action(
            "welcomeAction",
            self.tr("Welcome…"),
            self.tr("What the app is for and where data is kept"),
        )
        self.leave_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self.leave_shortcut.setEnabled(False)
        self.leave_shortcut.activated.connect(self.leave_presentation)
        self.timer = SessionTimer()
        self._build_menus()
        self._wire()
        self.apply()

    def _build_menus(self) -> None:
        w = self.window
        bar = w.menuBar()
        menus = [m for a in bar.actions() if isinstance(m := a.menu(), QMenu)]
        case_menu = menus[1] if len(menus) > 1 else None
        help_menu = menus[-1]
        edit = bar.addMenu(self.tr("&Edit"))
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addActions([self.spell_check, self.my_words])
        view = bar.addMenu(self.tr("&View"))
        view.menuAction().setObjectName("viewMenu")
        view.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        view.addSeparator()
        view.addAction(self.presentation)
        view.addSeparator()
        view.addAction(self.preferences)
        if case_menu is not None:  # Edit and View sit before Case and Help
            bar.insertMenu(case_menu.menuAction(), edit)
            bar.insertMenu(case_menu.menuAction(), view)
        else:
            bar.insertMenu(help_menu.menuAction(), edit)
            bar.insertMenu(help_menu.menuAction(), view)
        first = help_menu.actions()[0] if help_menu.actions() else None
        help_menu.insertActions(first, [self.help, self.welcome])  # type: ignore[arg-type]
        help_menu.insertSeparator(first)  # type: ignore[arg-type]  # None: at the end
        w.statusBar().addPermanentWidget(self.timer)
        w.statusBar().setAccessibleName(self.tr("Status bar"))

    def _wire(self) -> None:
        w = self.window
        self.undo.triggered.connect(lambda: self._edit("undo"))
        self.redo.triggered.connect(lambda: self._edit("redo"))
        self.zoom_in.triggered.connect(lambda: self.set_zoom_step(1))
        self.zoom_out.triggered.connect(lambda: self.set_zoom_step(-1))
        self.zoom_reset.triggered.connect(self.reset_zoom)
        self.presentation.toggled.connect(self.set_presentation)
        self.preferences.triggered.connect(self.open_preferences)
        self.spell_check.toggled.connect(self._on_spell_check_toggled)
        self.my_words.triggered.connect(self.open_my_words)
        service = self.spelling
        w.destroyed.connect(lambda: _drop_service(service))
        # The dictionary opens once the window is up (after its first paint), not while it
        # starts: loading it takes a while.
        w.first_painted.connect(self._show_spelling_availability)
        self.help.triggered.connect(self.open_help)
        self.welcome.triggered.connect(self.open_welcome)
        w.session_view.navigator.currentRowChanged.connect(self._on_page_changed)
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._on_system_scheme_changed)
        self.timer.set_agenda(
            [s.title for s in w.content.stages] + [self.tr("Decisions and actions")]
        )
        w.session_view.agenda_shares_changed.connect(self.timer.set_shares)

    def _on_page_changed(self, row: int) -> None:
        item = self.window.session_view.navigator.item(row) if row >= 0 else None
        self.timer.set_stage(item.text() if item is not None else "")

    def _on_system_scheme_changed(self, _scheme: object) -> None:
        if self.appearance.theme == look.SYSTEM:
            self.apply()

    # -- appearance --------------------------------------------------------------------

    def apply(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            shown = self.appearance.with_zoom(PRESENTATION_ZOOM if self.presenting else 0)
            look.apply_appearance(app, shown)
            for label in self.window.findChildren(ReadingLabel):
                label.set_line_spacing(shown.line_spacing)
            for editor in self.window.findChildren(AnswerEditor):
                editor.set_line_spacing(shown.line_spacing)
                editor.refit_height()
        self.spelling.set_enabled(self.appearance.spell_check)
        self.spell_check.setChecked(self.appearance.spell_check)

    def set_appearance(self, appearance: look.Appearance) -> None:
        self.appearance = appearance
        look.save_appearance(appearance)
        self.apply()

    def set_zoom_step(self, step: int) -> None:
        self.set_appearance(self.appearance.with_zoom(step))
        self.window.statusBar().showMessage(
            self.tr("Text size {sign}{zoom} pt").format(
                sign="+" if self.appearance.zoom >= 0 else "", zoom=self.appearance.zoom
            ),
            3000,
        )

    def reset_zoom(self) -> None:
        self.set_appearance(self.appearance.with_zoom(-self.appearance.zoom))

    def open_preferences(self) -> None:
        from supervision_app.ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(
            self.window, self.appearance, self.set_appearance, spelling=self.spelling
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # -- spell-check -------------------------------------------------------------------------

    def _show_spelling_availability(self) -> None:
        if not self.spelling.available:
            reason = self.spelling.unavailable_reason
            self.spell_check.setEnabled(False)
            self.spell_check.setChecked(False)
            self.spell_check.setStatusTip(reason)
            self.spell_check.setToolTip(reason)

    def _on_spell_check_toggled(self, on: bool) -> None:
        if self.spell_check.isEnabled() and on != self.appearance.spell_check:
            self.set_appearance(replace(self.appearance, spell_check=on))

    def open_my_words(self) -> MyWordsDialog:
        from supervision_app.ui.my_words_dialog import MyWordsDialog

        dialog = MyWordsDialog(self.spelling, self.window)
        self._show(dialog)
        return dialog

    # -- presentation mode ----------------------------------------------------------------

    def set_presentation(self, on: bool) -> None:
        if on == self.presenting:
            return
        w = self.window
        self.presenting = on
        if on:
            self._hidden_for_presentation = [
                x for x in (w.splitter.widget(0), w.toolbar) if x is not None and x.isVisible()
            ]
            for widget in self._hidden_for_presentation:
                widget.hide()
            self._was_maximised = w.isMaximized()
            w.showFullScreen()
        else:
            for widget in self._hidden_for_presentation:
                widget.show()
            self._hidden_for_presentation = []
            if self._was_maximised:
                w.showMaximized()
            else:
                w.showNormal()
        self.presentation.setChecked(on)
        self.leave_shortcut.setEnabled(on)
        self.apply()

    def leave_presentation(self) -> bool:
        if self.presenting:
            self.set_presentation(False)
            return True
        return False

    # -- edit -------------------------------------------------------------------------------

    @staticmethod
    def _edit(operation: str) -> None:
        widget = QApplication.focusWidget()
        method = getattr(widget, operation, None)
        if callable(method):
            method()

    # -- dialogs ---------------------------------------------------------------------------

    def _show(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def open_help(self) -> None:
        from supervision_app.ui.help_dialog import HelpDialog

        self._show(HelpDialog(self.window.content, self.window))

    def open_about(self) -> None:
        from supervision_app.ui.about_dialog import AboutDialog

        self._show(
            AboutDialog(
                self.window.content.version, self.window.db_path, self.window, where=_where(self)
            )
        )

    def open_welcome(self) -> WelcomeDialog:
        from supervision_app.ui.welcome_dialog import WelcomeDialog

        dialog = WelcomeDialog(self.window.db_path, self.window, where=_where(self))
        self._show(dialog)
        return dialog


def _where(features: DesktopFeatures) -> str | None:
    """Where the records are kept, when that is the agency server (None on the laptop)."""
    from supervision_app.ui.on_server import kept_where, server_info

    server = server_info(features.window)
    return kept_where(server) if server is not None else None


def _drop_service(service: spell_check.SpellService) -> None:
    if spell_check.current_service() is service:
        spell_check.set_current_service(None)


def install(window: WindowHost) -> DesktopFeatures:
    return DesktopFeatures(window)
