"""The main window: cases and sessions on the left, the open session on the right.

This is the view: the widgets, menus, toolbar and layout, the window's state and closing.
What the menus and buttons do is in :mod:`supervision_app.ui.window` (the case list, case
actions, search, exports, imports, settings), wired here; those parts see the window as a
:class:`~supervision_app.ui.window.host.WindowHost`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from supervision_app import APP_NAME
from supervision_app.content import Content, ContentError
from supervision_app.content.patterns import PatternRule, load_patterns
from supervision_app.ui import compact_layout, desktop_features, theme
from supervision_app.ui.a11y import click_focused_button, place_in_tab_order
from supervision_app.ui.accessible_roles import install_accessibility
from supervision_app.ui.autosave_bridge import AutosaveBridge
from supervision_app.ui.background import finish_background_work
from supervision_app.ui.main_actions import build_actions
from supervision_app.ui.save_indicator import SaveIndicator
from supervision_app.ui.settings import ui_settings
from supervision_app.ui.wheel_guard import install_wheel_guard
from supervision_app.ui.widgets import fit_to_screen, text_label
from supervision_app.ui.window.case_actions import CaseActions
from supervision_app.ui.window.exports import RecordExports
from supervision_app.ui.window.home import HomeController
from supervision_app.ui.window.host import WindowHost
from supervision_app.ui.window.imports import RecordImports
from supervision_app.ui.window.lazy import LazyPart
from supervision_app.ui.window.navigation import CaseNavigator
from supervision_app.ui.window.search import SearchController
from supervision_app.ui.window.settings_actions import SettingsActions

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore
    from supervision_app.ui.case_overview import CaseOverview
    from supervision_app.ui.case_tree import CaseTree
    from supervision_app.ui.empty_state import EmptyState
    from supervision_app.ui.lock_controller import LockController
    from supervision_app.ui.session_view import SessionView
    from supervision_app.ui.single_instance import InstanceServer

CLOSE_TIMEOUT = 10.0


class MainWindow(WindowHost):
    #: Set by :func:`supervision_app.ui.app.build_window` once the window exists.
    lock_controller: LockController
    instance_server: InstanceServer

    def __init__(
        self,
        store: SupervisionStore,
        content: Content,
        db_path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        install_accessibility()  # before any widget's accessible interface is made
        self._painted = False
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app)
            app.aboutToQuit.connect(self._shut_down_quietly)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.store = store
        self.content = content
        self.db_path = Path(db_path)
        self._shut_down = False

        self.bridge = AutosaveBridge(store, self)
        self.actions = build_actions(self)
        self.search_action = QAction(self.tr("Search all cases…"), self)
        self.search_action.setObjectName("searchAction")
        self.search_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Find))
        self.search_action.setStatusTip(self.tr("Find words in every case and session"))
        self.summary_action = QAction(self.tr("Export case summary PDF…"), self)
        self.summary_action.setObjectName("caseSummaryAction")
        self.summary_action.setStatusTip(
            self.tr("Open actions, escalations, hypotheses, ratings and chronology as a PDF")
        )
        self.rules = self._load_rules()
        # Not on the first screen (Home): the case list when it is first shown (All cases, a
        # search result, a session started), the empty screen when there are no cases, the
        # case overview and the session view when a case or a session is first opened.
        self._case_tree = LazyPart(self._build_case_tree)
        self._empty_state = LazyPart(self._build_empty_state)
        self._case_overview = LazyPart(self._build_case_overview)
        self._session_view = LazyPart(self._build_session_view)
        self.placeholder = text_label(
            self.tr("Choose a case or a session in the case list."), "hint"
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.save_indicator = SaveIndicator(self.bridge)
        self.home = HomeController(self)
        self.navigator = CaseNavigator(self)
        self.case_actions = CaseActions(self)
        self.search = SearchController(self)
        self.exports = RecordExports(self)
        self.imports = RecordImports(self)
        self.settings_actions = SettingsActions(self)

        self._build_menus()
        self._build_toolbar()
        self._assemble()
        self._wire()
        self.desktop = desktop_features.install(self)
        self.compact = compact_layout.install(self)
        self.restore_state()
        # Built with the case list (after the hooks above): its first page, the first case
        # opened, nothing chosen, as All cases first shows it.
        self.when_case_tree_built(self.navigator.fill_new_list)
        self.home.show()  # after unlock: what needs attention (the empty screen if no cases)
        if self.built_empty_state is not None:  # no cases: nothing chosen, nothing to act on
            self.navigator.on_nothing_selected()
        self._set_initial_focus()
        if self._rules_problem:
            self.statusBar().showMessage(
                self.tr("Pattern prompts are off: {problem}").format(problem=self._rules_problem)
            )
        self._announce_pack_problems()
        # The wheel guard (if a first screen has not put it in already) once the window has
        # been painted: no box takes a wheel turn before, and it guards the boxes made before
        # it. With its Python event filter in place, Home's scroll area cost 30-60 ms here.
        self.first_painted.connect(lambda: QTimer.singleShot(0, install_wheel_guard))

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)  # once this paint has finished

    def _load_rules(self) -> tuple[PatternRule, ...]:
        """The pattern rules; if their file is faulty the app still works, without them."""
        self._rules_problem = ""
        try:
            return load_patterns(self.content)
        except ContentError as exc:
            self._rules_problem = str(exc)
            return ()

    def _announce_pack_problems(self) -> None:
        """Broken content packs are reported without blocking: a status message and Help."""
        problems = self.content.pack_problems
        if problems:
            self.statusBar().showMessage(
                self.tr(
                    "{n} content pack(s) had problems and were skipped. See Help > Content packs."
                ).format(n=len(problems)),
                0,
            )

    def _set_initial_focus(self) -> None:
        empty = self.built_empty_state
        if empty is not None and self.central_stack.currentWidget() is empty:
            empty.create_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.central_stack.currentWidget() is self.home.page:
            self.home.focus_first()
        else:
            self.case_tree.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- construction ------------------------------------------------------------------

    def _build_menus(self) -> None:
        a = self.actions
        bar = self.menuBar()
        bar.setAccessibleName(self.tr("Menu bar"))
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([a.new_case, a.new_session])
        file_menu.addSeparator()
        file_menu.addActions(
            [a.export_pdf, a.print_record, self.summary_action, a.export_json, a.import_json]
        )
        file_menu.addAction(a.paper_template)
        file_menu.addSeparator()
        file_menu.addAction(self.search_action)
        file_menu.addActions([a.choose_user, a.verify_records])
        self.record_settings_action = file_menu.addAction(self.tr("Record settings…"))
        self.record_settings_action.setObjectName("recordSettingsAction")
        self.record_settings_action.setStatusTip(
            self.tr("The protective marking on every page and when an addendum is late")
        )
        self.record_settings_action.triggered.connect(self.settings_actions.edit_record_settings)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        case_menu = bar.addMenu(self.tr("&Case"))
        case_menu.addActions([a.edit_case, a.edit_session])
        case_menu.addSeparator()
        case_menu.addActions([a.delete_session, a.delete_case])
        self.file_menu = file_menu
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([a.load_demo])
        self.content_packs_action = help_menu.addAction(self.tr("Content &packs…"))
        self.content_packs_action.setObjectName("contentPacksAction")
        self.content_packs_action.triggered.connect(self.settings_actions.show_content_packs)
        help_menu.addAction(a.about)

    def _build_toolbar(self) -> None:
        a = self.actions
        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.setAccessibleName(self.tr("Main toolbar"))
        toolbar.addAction(self.home.action)
        toolbar.addActions([a.new_case, a.new_session, a.edit_case])
        toolbar.addSeparator()
        toolbar.addAction(a.export_pdf)
        toolbar.addAction(self.search_action)
        toolbar.addSeparator()
        toolbar.addAction(a.load_demo)
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            if button is not None and not action.isSeparator():  # a separator is no Tab stop
                button.setAccessibleName(action.text().rstrip("…"))
                button.setAccessibleDescription(action.statusTip())
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _assemble(self) -> None:
        side = QWidget()
        side.setObjectName("sidePanel")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 16, 4, 8)
        side_layout.setSpacing(8)
        title = text_label(self.tr("Cases").upper(), "panelTitle")
        title.setContentsMargins(12, 0, 0, 0)
        side_layout.addWidget(title)
        side.setMinimumWidth(170)
        self._side_layout = side_layout  # the case list joins it when first shown

        self.detail_stack = QStackedWidget()
        self.detail_stack.setObjectName("detailStack")
        self.detail_stack.addWidget(self.placeholder)  # the case overview and session later

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(side)
        self.splitter.addWidget(self.detail_stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 1100])

        self.central_stack = QStackedWidget()
        self.central_stack.setObjectName("centralStack")
        self.central_stack.addWidget(self.splitter)  # the empty screen before it, when built
        self.central_stack.addWidget(self.home.page)
        self.setCentralWidget(self.central_stack)
        self.statusBar().setObjectName("statusBar")
        self.user_label = text_label("", "userLabel", wrap=False)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.save_indicator)
        self.settings_actions.show_user()
        # The whole window on the screen (1366 × 768 laptops): the status bar with the save
        # state and the timer must not sit below its edge.
        fit_to_screen(self, 1320, 860)

    def _wire(self) -> None:
        self.case_actions.wire()
        self.exports.wire()
        self.imports.wire()
        self.actions.about.triggered.connect(self.show_about)
        self.settings_actions.wire()
        self.actions.quit.triggered.connect(self.close)
        self.search_action.triggered.connect(self.search.open)
        self.navigator.wire()

    # -- the parts built when first needed ------------------------------------------------

    @property
    def case_tree(self) -> CaseTree:
        return self._case_tree.get()

    @property
    def built_case_tree(self) -> CaseTree | None:
        return self._case_tree.built

    def when_case_tree_built(self, hook: Callable[[CaseTree], object]) -> None:
        self._case_tree.when_built(hook)

    @property
    def empty_state(self) -> EmptyState:
        return self._empty_state.get()

    @property
    def built_empty_state(self) -> EmptyState | None:
        return self._empty_state.built

    def when_empty_state_built(self, hook: Callable[[EmptyState], object]) -> None:
        self._empty_state.when_built(hook)

    @property
    def session_view(self) -> SessionView:
        return self._session_view.get()

    @property
    def built_session_view(self) -> SessionView | None:
        return self._session_view.built

    def when_session_view_built(self, hook: Callable[[SessionView], object]) -> None:
        self._session_view.when_built(hook)

    @property
    def case_overview(self) -> CaseOverview:
        return self._case_overview.get()

    @property
    def built_case_overview(self) -> CaseOverview | None:
        return self._case_overview.built

    def when_case_overview_built(self, hook: Callable[[CaseOverview], object]) -> None:
        self._case_overview.when_built(hook)

    def _build_case_tree(self) -> CaseTree:
        # The first item view of the process: Qt's item-view set-up is most of its cost.
        from supervision_app.ui.case_tree import CaseTree

        side = self.splitter.widget(0)
        tree = CaseTree(side)
        self._side_layout.addWidget(tree, 1)
        self._side_layout.activate()  # its size now, though hidden behind Home (as if built)
        place_in_tab_order(tree, after=self.toolbar)  # as when built with the window
        return tree

    def _build_empty_state(self) -> EmptyState:
        from supervision_app.ui.empty_state import EmptyState

        page = EmptyState([s.title for s in self.content.stages], self.central_stack)
        self.central_stack.insertWidget(0, page)
        place_in_tab_order(page, after=self.toolbar)
        return page

    def _build_case_overview(self) -> CaseOverview:
        from supervision_app.ui.case_memory_panel import CaseMemoryPanel
        from supervision_app.ui.case_overview import CaseOverview

        overview = CaseOverview(
            CaseMemoryPanel(self.store, self.content, self.rules), parent=self.detail_stack
        )
        self._add_detail_page(overview)
        return overview

    def _build_session_view(self) -> SessionView:
        from supervision_app.ui.session_view import SessionView

        # Made inside the stack: a widget made without a parent is a window of its own until
        # it is added, and one made so while the window is up takes the activation from it.
        view = SessionView(
            self.store, self.content, self.bridge, parent=self.detail_stack, rules=self.rules
        )
        self._add_detail_page(view)
        view.progress_changed.connect(self.case_tree.set_session_answered)
        view.details_changed.connect(lambda sid: self.reload_cases(select_session=sid))
        view.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        saved = ui_settings().value("session_view/splitter")
        if isinstance(saved, QByteArray):
            view.splitter.restoreState(saved)
        return view

    def _add_detail_page(self, page: QWidget) -> None:
        """A page of the detail stack, its controls reached by Tab right after the case list
        (as when the pages were built with the window, not after the status bar)."""
        self.detail_stack.addWidget(page)
        place_in_tab_order(page, after=self.case_tree)

    # -- what the window does for its parts (see ui/window/host.py) ----------------------

    def reload_cases(
        self,
        select_case: int | None = None,
        select_session: int | None = None,
        *,
        select_first: bool = True,
    ) -> None:
        """Refill the case list and show it with the given case or session selected (the
        current one, else the first case; none with ``select_first`` False)."""
        self.navigator.reload_cases(select_case, select_session, select_first=select_first)

    def new_case(self) -> None:
        self.case_actions.new_case()

    def session_created(self, session_id: int | None) -> None:
        self.case_actions.session_created(session_id)

    def show_about(self) -> None:
        self.desktop.open_about()

    # -- window state and closing ----------------------------------------------------------------

    def restore_state(self) -> None:
        settings = ui_settings()
        for key, restore in (
            ("main_window/geometry", self.restoreGeometry),
            ("main_window/state", self.restoreState),
            ("main_window/splitter", self.splitter.restoreState),
        ):
            value = settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        if not self.isMaximized():  # saved on a bigger screen: fit this one
            fit_to_screen(self, self.width(), self.height())

    def save_state(self) -> None:
        settings = ui_settings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/state", self.saveState())
        settings.setValue("main_window/splitter", self.splitter.saveState())
        view = self.built_session_view
        if view is not None:  # a view never built leaves its saved splitter as it was
            settings.setValue("session_view/splitter", view.splitter.saveState())
        settings.sync()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A focused button ignores Return outside a dialog: it reaches here, and clicks it.
        if not click_focused_button(event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._shut_down:
            event.accept()
            return
        self.save_state()
        self.flush_typing()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            finish_background_work(self)  # an export finishes, printing is cancelled
            # Text refused by a signed (locked) record is not pending, but it is not saved either.
            saved = self.bridge.flush(CLOSE_TIMEOUT) and not self.bridge.errors()
        finally:
            QApplication.restoreOverrideCursor()
        if not saved and self.ask_keep_open():
            event.ignore()
            return
        self.bridge.close(CLOSE_TIMEOUT if saved else 1.0)
        self._shut_down = True
        event.accept()

    def ask_keep_open(self) -> bool:
        """Some text could not be saved: True to keep the window (and the text) open."""
        errors = " ".join(self.bridge.errors())
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Not everything is saved"),
            self.tr(
                "Some answers could not be saved yet. They are still in the window.\n\n{error}\n\n"
                "Keep the window open and try again in a moment? If you close now, the unsaved "
                "text will be lost."
            ).format(error=errors or self.tr("Saving is taking too long.")),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        keep = box.addButton(self.tr("Keep the window open"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Close without saving"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is keep

    def _shut_down_quietly(self) -> None:
        """The application is quitting (e.g. the user logs out): commit what we can, ask nothing."""
        if self._shut_down:
            return
        finish_background_work(self)
        self.flush_typing()
        self.bridge.close(CLOSE_TIMEOUT)
        self._shut_down = True
