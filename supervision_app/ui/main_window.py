"""The main window: cases and sessions on the left, the open session on the right."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMainWindow,
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
from supervision_app.domain import LockedSessionError, ValidationError, format_date
from supervision_app.domain.memory import SearchHit
from supervision_app.storage.loading import NotFoundError
from supervision_app.ui import compact_layout, desktop_features, theme
from supervision_app.ui.a11y import click_focused_button, install_accessibility
from supervision_app.ui.autosave_bridge import AutosaveBridge
from supervision_app.ui.background import finish_background_work
from supervision_app.ui.case_memory_panel import CaseMemoryPanel
from supervision_app.ui.case_overview import CaseOverview
from supervision_app.ui.case_tree import CASE_PAGE_SIZE, CaseTree
from supervision_app.ui.empty_state import EmptyState
from supervision_app.ui.file_names import default_export_path, sanitise
from supervision_app.ui.focus.home import HomeController
from supervision_app.ui.main_actions import MainActions, build_actions
from supervision_app.ui.save_indicator import SaveIndicator
from supervision_app.ui.session_dialog import SessionDialog
from supervision_app.ui.session_view import SessionView
from supervision_app.ui.settings import ui_settings
from supervision_app.ui.wheel_guard import install_wheel_guard
from supervision_app.ui.widgets import fit_to_screen, text_label

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore
    from supervision_app.ui.search_dialog import SearchDialog

CLOSE_TIMEOUT = 10.0
SAVE_WAIT = 2.0


class MainWindow(QMainWindow):
    #: Emitted once, just after the window's first paint: work the first screen does not
    #: need (the spelling dictionary, say) waits for it, so it never delays that paint.
    first_painted = Signal()

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
            install_wheel_guard(app)  # before any spin box or combo box is made
            app.aboutToQuit.connect(self._shut_down_quietly)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.store = store
        self.content = content
        self.db_path = Path(db_path)
        self._shut_down = False

        self.bridge = AutosaveBridge(store, self)
        self.actions: MainActions = build_actions(self)
        self.search_action = QAction(self.tr("Search all cases…"), self)
        self.search_action.setObjectName("searchAction")
        self.search_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Find))
        self.search_action.setStatusTip(self.tr("Find words in every case and session"))
        self.summary_action = QAction(self.tr("Export case summary PDF…"), self)
        self.summary_action.setObjectName("caseSummaryAction")
        self.summary_action.setStatusTip(
            self.tr("Open actions, escalations, hypotheses, ratings and chronology as a PDF")
        )
        self.search_dialog: SearchDialog | None = None
        self.case_tree = CaseTree()
        self._case_limit = CASE_PAGE_SIZE
        self.empty_state = EmptyState([s.title for s in content.stages])
        self.rules = self._load_rules()
        self.case_overview = CaseOverview(CaseMemoryPanel(store, content, self.rules))
        self.session_view = SessionView(store, content, self.bridge, rules=self.rules)
        self.placeholder = text_label(
            self.tr("Choose a case or a session in the case list."), "hint"
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.save_indicator = SaveIndicator(self.bridge)
        self.home = HomeController(self)

        self._build_menus()
        self._build_toolbar()
        self._assemble()
        self._wire()
        self.desktop = desktop_features.install(self)
        self.compact = compact_layout.install(self)
        self.restore_state()
        self.reload_cases(select_first=False)
        self.home.show_if_cases()  # after unlock: what needs attention
        self._set_initial_focus()
        if self._rules_problem:
            self.statusBar().showMessage(
                self.tr("Pattern prompts are off: {problem}").format(problem=self._rules_problem)
            )
        self._announce_pack_problems()

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

    def show_content_packs(self) -> None:
        from supervision_app.ui.content_packs_dialog import ContentPacksDialog

        ContentPacksDialog.run(self, content=self.content)

    def _set_initial_focus(self) -> None:
        if self.central_stack.currentWidget() is self.empty_state:
            self.empty_state.create_button.setFocus(Qt.FocusReason.OtherFocusReason)
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
        self.record_settings_action.triggered.connect(self.edit_record_settings)
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
        self.content_packs_action.triggered.connect(self.show_content_packs)
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
        side_layout.addWidget(self.case_tree, 1)
        side.setMinimumWidth(170)

        self.detail_stack = QStackedWidget()
        self.detail_stack.setObjectName("detailStack")
        for widget in (self.placeholder, self.case_overview, self.session_view):
            self.detail_stack.addWidget(widget)

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
        self.central_stack.addWidget(self.empty_state)
        self.central_stack.addWidget(self.splitter)
        self.central_stack.addWidget(self.home.page)
        self.setCentralWidget(self.central_stack)
        self.statusBar().setObjectName("statusBar")
        self.user_label = text_label("", "userLabel", wrap=False)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.save_indicator)
        self._show_user()
        # The whole window on the screen (1366 × 768 laptops): the status bar with the save
        # state and the timer must not sit below its edge.
        fit_to_screen(self, 1320, 860)

    def _wire(self) -> None:
        a = self.actions
        a.new_case.triggered.connect(self.new_case)
        a.edit_case.triggered.connect(self.edit_case)
        a.delete_case.triggered.connect(self.delete_case)
        a.new_session.triggered.connect(self.new_session)
        a.edit_session.triggered.connect(self.session_view.edit_details)
        a.delete_session.triggered.connect(self.delete_session)
        a.export_pdf.triggered.connect(self.export_pdf)
        a.export_json.triggered.connect(self.export_json)
        a.import_json.triggered.connect(self.import_json)
        a.load_demo.triggered.connect(self.load_demo)
        a.about.triggered.connect(self.show_about)
        a.choose_user.triggered.connect(self.choose_user)
        self.session_view.signoff_page.user_named.connect(self._show_user)
        a.verify_records.triggered.connect(self.verify_records)
        a.paper_template.triggered.connect(self.export_paper_template)
        a.print_record.triggered.connect(self.print_record)
        a.quit.triggered.connect(self.close)
        self.search_action.triggered.connect(self.open_search)
        self.summary_action.triggered.connect(self.export_case_summary)
        self.case_overview.print_summary_requested.connect(self.export_case_summary)
        self.case_overview.export_case_requested.connect(self.export_case_file)
        self.empty_state.create_case_requested.connect(self.new_case)
        self.empty_state.load_demo_requested.connect(self.load_demo)
        self.case_overview.new_session_requested.connect(self.new_session)
        self.case_overview.edit_case_requested.connect(self.edit_case)
        self.case_tree.case_selected.connect(self._on_case_selected)
        self.case_tree.session_selected.connect(self._on_session_selected)
        self.case_tree.nothing_selected.connect(self._on_nothing_selected)
        self.case_tree.more_cases_requested.connect(self._show_more_cases)
        self.session_view.progress_changed.connect(self.case_tree.set_session_answered)
        self.session_view.details_changed.connect(lambda sid: self.reload_cases(select_session=sid))
        self.session_view.status_message.connect(
            lambda text: self.statusBar().showMessage(text, 8000)
        )

    # -- the case list -------------------------------------------------------------------

    def reload_cases(
        self,
        select_case: int | None = None,
        select_session: int | None = None,
        *,
        select_first: bool = True,
    ) -> None:
        """Refill the case list and show it with the given case or session selected (the
        current one, else the first case; none with ``select_first`` False)."""
        if select_case is None and select_session is None:
            select_case, select_session = self.case_tree.current_ids()
        self.bridge.flush(SAVE_WAIT)  # so that "n answered" counts include the latest typing
        expanded = self.case_tree.expanded_case_ids()
        case_of_session = None
        if select_session is not None:
            case_of_session = self.store.session_case_id(select_session)
            if case_of_session is not None:
                expanded.add(case_of_session)
        cases, more = self._case_page(case_of_session or select_case)
        if not select_first and cases and not expanded:
            expanded.add(cases[0].id)  # as if chosen, for All cases
        self.case_tree.populate(cases, self._session_page, expanded, more_cases=more)
        if not cases:
            self.session_view.clear()
            self.central_stack.setCurrentWidget(self.empty_state)
            self._on_nothing_selected()
            return
        self.central_stack.setCurrentWidget(self.splitter)
        if select_session is not None and self.case_tree.select_session(
            select_session, case_of_session
        ):
            return
        if select_case is not None and self.case_tree.select_case(select_case):
            return
        if select_first:
            self.case_tree.select_case(cases[0].id)

    def _case_page(self, wanted: int | None) -> tuple[list, bool]:
        """The cases to list (a page of them, so that start-up does not grow with the
        history) and whether there are more; the page grows to include ``wanted``."""
        limit = self._case_limit
        cases = self.store.list_cases(limit=limit + 1)
        if wanted is not None and len(cases) > limit and wanted not in {c.id for c in cases}:
            every = self.store.list_cases()
            position = next((i for i, c in enumerate(every) if c.id == wanted), None)
            if position is not None:
                limit = self._case_limit = (position // CASE_PAGE_SIZE + 1) * CASE_PAGE_SIZE
                cases = every[: limit + 1]
        return cases[:limit], len(cases) > limit

    def _show_more_cases(self) -> None:
        # Later, not inside the tree's own signal: the reload rebuilds the tree.
        QTimer.singleShot(0, self._list_more_cases)

    def _list_more_cases(self) -> None:
        first_new = self.store.list_cases(limit=1, offset=self._case_limit)
        self._case_limit += CASE_PAGE_SIZE
        self.reload_cases(select_case=first_new[0].id if first_new else None)

    def _session_page(self, case_id: int, limit: int, offset: int):
        return self.store.list_sessions(case_id, limit=limit, offset=offset)

    def _on_case_selected(self, case_id: int) -> None:
        self.central_stack.setCurrentWidget(self.splitter)  # from Home too
        self.session_view.clear()
        try:
            case = self.store.get_case(case_id)
        except NotFoundError:
            self.reload_cases()
            return
        self.case_overview.show_case(case, self.store.count_sessions(case_id))
        self.detail_stack.setCurrentWidget(self.case_overview)
        self._after_selection(case.reference)

    def _on_session_selected(self, case_id: int, session_id: int) -> None:
        self.central_stack.setCurrentWidget(self.splitter)  # from Home too
        if self.session_view.session_id != session_id:
            try:
                self.session_view.load_session(session_id)
            except NotFoundError:
                self.reload_cases(select_case=case_id)
                return
        self.detail_stack.setCurrentWidget(self.session_view)
        detail = self.session_view.detail
        self._after_selection(detail.case.reference if detail else None)

    def _on_nothing_selected(self) -> None:
        self.detail_stack.setCurrentWidget(self.placeholder)
        self._after_selection(None)

    def _after_selection(self, case_reference: str | None) -> None:
        # The title names the case reference at most: never any note text.
        self.setWindowTitle(f"{case_reference} — {APP_NAME}" if case_reference else APP_NAME)
        case_id, session_id = self.case_tree.current_ids()
        a = self.actions
        for action in (a.edit_case, a.delete_case, a.new_session, self.summary_action):
            action.setEnabled(case_id is not None)
        for action in (
            a.edit_session,
            a.delete_session,
            a.export_pdf,
            a.export_json,
            a.print_record,
        ):
            action.setEnabled(session_id is not None)

    # -- cases and sessions -----------------------------------------------------------------

    def _open_dialog(self, dialog: QDialog, on_accepted) -> None:
        """Window-modal and non-blocking: the dialog is found by tests with findChild."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accepted)
        dialog.open()

    def new_case(self) -> None:
        created: dict[str, int] = {}

        def save(case) -> None:
            created["id"] = self.store.create_case(case)

        self._open_dialog(
            _case_dialog()(self, None, save),
            lambda: self._case_saved(created.get("id"), self.tr("Case created.")),
        )

    def edit_case(self) -> None:
        case_id, _session_id = self.case_tree.current_ids()
        if case_id is None:
            return
        try:
            initial = self.store.get_case(case_id)
        except NotFoundError:
            self.reload_cases()
            return
        self._open_dialog(
            _case_dialog()(self, initial, lambda case: self.store.update_case(case_id, case)),
            lambda: self._case_saved(case_id, self.tr("Case details saved.")),
        )

    def _case_saved(self, case_id: int | None, message: str) -> None:
        _case, session_id = self.case_tree.current_ids()
        if session_id is not None and self.session_view.session_id == session_id:
            self.session_view.load_session(session_id)  # the header shows case details
        self.reload_cases(
            select_case=case_id if session_id is None else None, select_session=session_id
        )
        self.statusBar().showMessage(message, 6000)

    def new_session(self) -> None:
        case_id, _session_id = self.case_tree.current_ids()
        if case_id is None:
            return
        try:
            case = self.store.get_case(case_id)
        except NotFoundError:
            self.reload_cases()
            return
        created: dict[str, int] = {}

        def save(fields) -> None:
            created["id"] = self.store.create_session(
                case_id, fields.date, fields.attendees, self.content.version
            )

        self._open_dialog(
            SessionDialog(self, case, None, save), lambda: self.session_created(created.get("id"))
        )

    def session_created(self, session_id: int | None) -> None:
        self.reload_cases(select_session=session_id)
        if session_id is not None:
            self.session_view.go_to_page(0, scroll_top=True)
            self.session_view.focus.today.check_in.setFocus(Qt.FocusReason.OtherFocusReason)
        self.statusBar().showMessage(
            self.tr("Session started. Answers are saved as you type."), 6000
        )

    def delete_session(self) -> None:
        case_id, session_id = self.case_tree.current_ids()
        detail = self.session_view.detail
        if session_id is None or detail is None:
            return
        text = self.tr(
            "Delete the session of {date} for case {reference}?\n\n"
            "Its answers, decisions and actions "
            "will be removed from this computer. This cannot be undone."
        ).format(date=format_date(detail.date), reference=detail.case.reference)
        if not self._confirm(self.tr("Delete session"), text):
            return
        try:
            self.store.delete_session(session_id)
        except LockedSessionError as exc:
            self._warn(self.tr("Delete session"), str(exc))
            return
        except NotFoundError:  # already gone
            pass
        self.session_view.clear()
        self.reload_cases(select_case=case_id)
        self.statusBar().showMessage(self.tr("Session deleted."), 6000)

    def delete_case(self) -> None:
        case_id, _session_id = self.case_tree.current_ids()
        if case_id is None:
            return
        try:
            case = self.store.get_case(case_id)
        except NotFoundError:
            self.reload_cases()
            return
        count = self.store.count_sessions(case_id)
        text = self.tr(
            "Delete case {reference} and its {n} session(s)?\n\nEverything recorded for this case "
            "will be removed from this computer. This cannot be undone."
        ).format(reference=case.reference, n=count)
        if not self._confirm(self.tr("Delete case"), text):
            return
        try:
            self.store.delete_case(case_id)
        except LockedSessionError as exc:
            self._warn(self.tr("Delete case"), str(exc))
            return
        except NotFoundError:  # already gone
            pass
        self.session_view.clear()
        self.reload_cases(select_case=-1)
        self.statusBar().showMessage(self.tr("Case deleted."), 6000)

    def _confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, self
        )
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is delete

    # -- search and the case summary -----------------------------------------------------------

    def forget_search(self) -> None:
        """Close the search and let it go: its words and results are case text."""
        if self.search_dialog is not None:
            self.search_dialog.hide()
            self.search_dialog.deleteLater()
            self.search_dialog = None

    def open_search(self) -> SearchDialog:
        from supervision_app.ui.search_dialog import SearchDialog

        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self.store, self.content, self)
            self.search_dialog.open_requested.connect(self.open_search_hit)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.query_edit.setFocus()
        self.search_dialog.query_edit.selectAll()
        return self.search_dialog

    def open_search_hit(self, hit: SearchHit) -> None:
        """Open the exact place a search result came from."""
        if hit.session_id is None:  # recorded on the case overview: its item there
            self.reload_cases(select_case=hit.case_id)
            if self.detail_stack.currentWidget() is self.case_overview:
                self.case_overview.memory_panel.focus_item(hit.kind, hit.item_id)
            return
        self.reload_cases(select_session=hit.session_id)
        if self.session_view.session_id != hit.session_id:
            return
        if hit.kind == "answer":
            self.session_view.go_to_prompt(hit.locator)
        elif hit.kind in ("decision", "action"):
            self.session_view.show_memory(False)
            self.session_view.show_decisions()
            self.session_view.decisions_page.select_item(hit.kind, hit.item_id)
        else:
            self.session_view.show_memory(True)
            self.session_view.memory_panel.focus_item(hit.kind, hit.item_id)

    def export_case_summary(self) -> None:
        case_id, _session_id = self.case_tree.current_ids()
        if case_id is None:
            return
        from supervision_app.record.case_summary import build_case_summary
        from supervision_app.record.pdf import RecordExportError
        from supervision_app.record.pdf.case_summary import write_case_summary

        try:
            history = self.store.memory.case_history(case_id)
        except NotFoundError:
            self.reload_cases()
            return
        today = date.today()
        suggested = default_export_path(history.reference, today, "pdf").with_name(
            f"{sanitise(history.reference)}_{today.isoformat()}_case_summary.pdf"
        )
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export case summary"), str(suggested), self.tr("PDF files (*.pdf)")
        )
        if not path:
            return
        try:
            summary = build_case_summary(history, self.content, self.rules, today)
            write_case_summary(summary, Path(path))
        except RecordExportError as exc:
            self._warn(self.tr("Case summary"), str(exc))
            return
        self.statusBar().showMessage(self.tr("Case summary saved."), 6000)

    def export_case_file(self) -> Path | None:
        """Write the whole case (every session and all it remembers) to a JSON file."""
        case_id, _session_id = self.case_tree.current_ids()
        if case_id is None:
            return None
        from supervision_app.services.record_files import RecordFileError, export_case_json

        try:
            reference = self.store.get_case(case_id).reference
        except NotFoundError:
            self.reload_cases()
            return None
        today = date.today()
        suggested = default_export_path(reference, today, "json").with_name(
            f"{sanitise(reference)}_{today.isoformat()}_case.json"
        )
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the whole case"), str(suggested), self.tr("Record files (*.json)")
        )
        if not path:
            return None
        try:
            export_case_json(self.store, case_id, Path(path))
        except RecordFileError as exc:
            self._warn(self.tr("Case file"), str(exc))
            return None
        self.statusBar().showMessage(self.tr("Case file saved."), 6000)
        return Path(path)

    # -- import, export, demo ------------------------------------------------------------------

    def export_pdf(self) -> None:
        if self.session_view.session_id is not None:
            self.session_view.preview_page.export_pdf()

    def export_json(self) -> None:
        if self.session_view.session_id is not None:
            self.session_view.preview_page.export_json()

    def import_json(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a record file"),
            "",
            self.tr("Record files (*.json);;All files (*)"),
        )
        if chosen:
            self.import_json_from(Path(chosen))

    def import_json_from(self, path: Path) -> bool:
        from supervision_app.services.record_files import RecordFileError, import_record_file

        try:  # a session's record file, or a whole case: every session and its memory
            imported = import_record_file(self.store, path)
        except (RecordFileError, ValidationError, OSError) as exc:
            self._warn(
                self.tr("Import failed"),
                self.tr("The file was not imported.\n\n{error}").format(error=exc),
            )
            return False
        if imported.whole_case:
            self.reload_cases(select_case=imported.case_id)
            self.statusBar().showMessage(self.tr("Imported the whole case."), 8000)
            return True
        self.reload_cases(select_session=imported.session_id)
        self.statusBar().showMessage(
            self.tr("Imported into a new case.")
            if imported.case_created
            else self.tr("Imported into the existing case with that reference."),
            8000,
        )
        return True

    def load_demo(self) -> None:
        from supervision_app.services.demo import DemoDataError, load_demo

        try:
            loaded = load_demo(self.store, self.content)
        except (DemoDataError, ValidationError) as exc:
            self._warn(
                self.tr("Demo case"),
                self.tr("The demo case could not be loaded.\n\n{error}").format(error=exc),
            )
            return
        self.reload_cases(select_session=loaded.session_id)
        self.statusBar().showMessage(
            self.tr("The demo case was already loaded.")
            if loaded.already_present
            else self.tr("Loaded the fictional demo case. Everything in it is invented."),
            8000,
        )

    def print_record(self) -> None:
        if self.session_view.session_id is not None:
            self.session_view.preview_page.print_record()

    def _show_user(self) -> None:
        user = self.store.current_user()
        self.user_label.setText(
            self.tr("User: {name}").format(name=user.display) if user else self.tr("No user named")
        )

    def ask_who_is_using(self) -> None:
        """At the first run: ask once who is using this computer, unless someone is named."""
        if self.store.current_user() is None:
            self.choose_user()

    def choose_user(self) -> None:
        from supervision_app.ui.user_dialog import UserDialog, UserFields

        user = self.store.current_user()
        self._open_dialog(
            UserDialog(
                self,
                UserFields(user.name, user.role) if user else None,
                lambda f: self.store.set_current_user(f.name, f.role),
            ),
            self._show_user,
        )

    def edit_record_settings(self) -> None:
        from supervision_app.ui.record_settings_dialog import RecordSettings, RecordSettingsDialog

        def save(value: RecordSettings) -> None:
            self.store.set_protective_marking(value.marking)
            self.store.set_late_entry_days(value.late_days)

        current = RecordSettings(self.store.protective_marking(), self.store.late_entry_days())
        self._open_dialog(
            RecordSettingsDialog(self, current, save),
            lambda: self.statusBar().showMessage(self.tr("Record settings saved."), 5000),
        )

    def verify_records(self) -> None:
        from supervision_app.ui.verify_dialog import VerifyDialog

        dialog = VerifyDialog(self.store.verify_all(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def export_paper_template(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the blank paper template"),
            "supervision-paper-template.pdf",
            self.tr("PDF files (*.pdf)"),
        )
        if chosen:
            self.export_paper_template_to(Path(chosen))

    def export_paper_template_to(self, path: Path) -> bool:
        from supervision_app.record.pdf import RecordExportError, write_bytes
        from supervision_app.record.pdf.documents import render_template

        try:
            write_bytes(render_template(self.content, self.store.protective_marking()), path)
        except RecordExportError as exc:
            self._warn(self.tr("Paper template"), str(exc))
            return False
        self.statusBar().showMessage(self.tr("Paper template saved to {path}").format(path=path))
        return True

    def show_about(self) -> None:
        self.desktop.open_about()

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    # -- window state and closing ----------------------------------------------------------------

    def restore_state(self) -> None:
        settings = ui_settings()
        for key, restore in (
            ("main_window/geometry", self.restoreGeometry),
            ("main_window/state", self.restoreState),
            ("main_window/splitter", self.splitter.restoreState),
            ("session_view/splitter", self.session_view.splitter.restoreState),
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
        settings.setValue("session_view/splitter", self.session_view.splitter.saveState())
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
        self.session_view.flush_pending()
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
        self.session_view.flush_pending()
        self.bridge.close(CLOSE_TIMEOUT)
        self._shut_down = True


def _case_dialog():
    """The case dialog's class, imported when a case is first created or edited (not while
    the window starts)."""
    from supervision_app.ui.case_dialog import CaseDialog

    return CaseDialog
