"""The guided session: header, stage navigator and the pages (stages, decisions, preview).

The view lays them out and moves between them. Its parts: :mod:`.session_header`,
:mod:`.session_rail`, :mod:`.session_pages` (the stack and rail in step),
:mod:`.session_answers` (editors and autosave), :mod:`.earlier_answers` (a session from before
the agenda), :mod:`.session_hypotheses` and :mod:`.focus.focus_flow` (the agenda's pages).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout, QWidget

from supervision_app.content import Content
from supervision_app.content.patterns import PatternRule
from supervision_app.domain import SessionDetail
from supervision_app.ui import spell_check
from supervision_app.ui.answer_editor import AnswerEditor
from supervision_app.ui.autosave_bridge import AutosaveBridge
from supervision_app.ui.case_memory_panel import CaseMemoryPanel
from supervision_app.ui.decisions_actions import DecisionsActionsPage
from supervision_app.ui.earlier_answers import answered_stage_slots, answers_with_unsaved_text
from supervision_app.ui.focus.focus_flow import FocusFlow
from supervision_app.ui.preview import PreviewPage
from supervision_app.ui.session_answers import SessionAnswers
from supervision_app.ui.session_dialog import edit_session_details
from supervision_app.ui.session_header import SessionHeader
from supervision_app.ui.session_host import SessionHost
from supervision_app.ui.session_hypotheses import HypothesisLinks
from supervision_app.ui.session_pages import SessionPages
from supervision_app.ui.session_rail import SessionRail
from supervision_app.ui.signoff_page import SignOffPage
from supervision_app.ui.stage_navigator import (
    MARKER_DECISIONS,
    MARKER_PREVIEW,
    StageNavigator,
    StagePicker,
)
from supervision_app.ui.stage_page import StagePage
from supervision_app.ui.stage_slot import StageSlot
from supervision_app.ui.structured_editor import AnyEditor

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore

SAVE_WAIT_SECONDS = 2.0
#: Below this width (logical pixels) the session plan becomes a drop-down (see set_compact).
COMPACT_SESSION_WIDTH = 780


class SessionView(SessionHost):
    progress_changed = Signal(int, int)  # session id, prompts answered in the session
    details_changed = Signal(int)  # session id: date or attendees were edited
    status_message = Signal(str)
    #: The agenda's items and their minutes, for the timer ([] without an agenda).
    agenda_shares_changed = Signal(list, int)

    def __init__(
        self,
        store: SupervisionStore,
        content: Content,
        bridge: AutosaveBridge,
        parent: QWidget | None = None,
        rules: Sequence[PatternRule] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionView")
        self._store = store
        self._content = content
        self._bridge = bridge
        self._detail: SessionDetail | None = None
        self.answers = SessionAnswers(bridge, self._on_answered)

        # -- navigator, header and pages
        self.navigator = StageNavigator()
        self.stage_picker = StagePicker(self.navigator)
        self.stage_picker.setVisible(False)
        self.compact = False
        self.header = header = SessionHeader(self.stage_picker)
        header.edit_details_button.clicked.connect(self.edit_details)
        header.explanations_check.toggled.connect(self._on_explanations_toggled)
        header.memory_button.toggled.connect(self.show_memory)
        header.add_addendum_button.clicked.connect(self._add_addendum_from_header)
        self.memory_panel = CaseMemoryPanel(store, content, rules)
        self.memory_panel.start_requested.connect(lambda: self.show_memory(False))
        self.memory_panel.changed.connect(self._on_memory_changed)
        self.hypothesis_links = HypothesisLinks(store, self.memory_panel, self.show_hypotheses_tool)

        self.pages = QStackedWidget()
        self.pages.setObjectName("sessionPages")
        self.page_stack = SessionPages(self.pages, self.navigator, self._connect_page)
        self.decisions_page = DecisionsActionsPage(store)
        self.preview_page = PreviewPage(store, content)
        self.signoff_page = SignOffPage(store)
        self.signoff_page.before_sign = lambda: self.wait_for_saves(SAVE_WAIT_SECONDS)
        self.signoff_page.signed_changed.connect(self._set_locked)
        self.signoff_page.status_message.connect(self.status_message)
        self.preview_page.include_audit = self.signoff_page.include_audit_check.isChecked
        self._locked = False
        self.preview_page.before_read = lambda: self.wait_for_saves(SAVE_WAIT_SECONDS)
        self.decisions_page.counts_changed.connect(self._on_counts_changed)
        self.decisions_page.status_message.connect(self.status_message)
        self.preview_page.status_message.connect(self.status_message)
        self.navigator.currentRowChanged.connect(self._show_page)
        self.focus = FocusFlow(self, store, content, rules)
        self.focus.shares_changed.connect(self.agenda_shares_changed)

        self._assemble()
        QWidget.setTabOrder(self.header.explanations_check, self.header.edit_details_button)
        self._add_shortcuts()

    def _assemble(self) -> None:
        self.rail = rail = SessionRail(
            self.navigator,
            {
                "decisions": (self.decisions_page, self.show_decisions),
                "preview": (self.preview_page, self.show_preview),
                "signoff": (self.signoff_page, self.show_signoff),
            },
        )

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("sessionSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(rail)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 900])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        self.body = QStackedWidget()
        self.body.setObjectName("sessionBody")
        self.body.addWidget(self.splitter)
        self.body.addWidget(self.memory_panel)
        layout.addWidget(self.body, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        compact = self.width() < COMPACT_SESSION_WIDTH
        if compact != self.compact:
            self.set_compact(compact)

    def set_compact(self, compact: bool) -> None:
        """Narrow view (a laptop at 200% text, or beside the case list in a small window):
        the session plan becomes a drop-down in the header, and the header keeps to the case
        reference and its buttons, so the page keeps the room."""
        self.compact = compact
        self.rail.setVisible(not compact)
        self.header.set_compact(compact)

    def _add_shortcuts(self) -> None:
        bindings = [("Ctrl+PgDown", self.next_page), ("Ctrl+PgUp", self.previous_page)]
        bindings += [(f"Alt+{n}", partial(self._jump_to_page, n - 1)) for n in range(1, 10)]
        for keys, slot in bindings:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- loading -------------------------------------------------------------------------

    @property
    def session_id(self) -> int | None:
        return self._detail.id if self._detail else None

    @property
    def detail(self) -> SessionDetail | None:
        return self._detail

    def load_session(self, session_id: int) -> None:
        """Show a session; raises NotFoundError if it no longer exists."""
        self.wait_for_saves(SAVE_WAIT_SECONDS)
        detail = self._store.sessions.get_session(session_id)
        self._clear_pages()
        self._detail = detail
        spell_check.use_case_words(detail)  # the case's names are not misspellings
        self.header.show_detail(detail)
        answers, tools = answers_with_unsaved_text(
            detail, self._content, self._bridge.unsaved_texts(detail.id)
        )
        answered = {pid: bool(a.text.strip()) for pid, a in answers.items()}
        answered.update({pid: t.filled for pid, t in tools.items()})
        self.answers.reset(detail.id, answered)
        children = [c.name for c in detail.case.children]
        agenda = self._store.focus.get_agenda(detail.id)
        if agenda or not any(answered.values()):
            self.signoff_page.set_session(detail)  # whether it is signed
            self.focus.build(detail, agenda, answers, tools, self.signoff_page.integrity.any_signed)
        else:  # a session from before the agenda: its answered prompts only
            for slot in answered_stage_slots(self._content, answers, tools, children, answered):
                self.page_stack.insert(slot, slot.title, "", slot.marker)
        # Always in reach: pinned at the foot of the rail, not at the end of a long list.
        for page, title, marker in (
            (self.decisions_page, self.tr("Decisions and actions"), MARKER_DECISIONS),
            (self.preview_page, self.tr("Record preview"), MARKER_PREVIEW),
            (self.signoff_page, self.tr("Sign-off"), "✎"),
        ):
            self.page_stack.insert(page, title, "", marker)
            self.navigator.setRowHidden(self.pages.indexOf(page), True)
        people = [*detail.attendees, detail.case.practitioner, detail.case.supervisor]
        self.decisions_page.set_session(detail.id, people)
        self.preview_page.set_session(detail.id)
        self.signoff_page.set_session(detail)
        self._set_locked(self.signoff_page.integrity.any_signed)
        self._reindex()
        self._mark_hypotheses_answered()
        self.navigator.setCurrentRow(
            self.focus.opening_row(self.answers.answered, self.page_stack.row_of_prompt)
        )
        self.memory_panel.show_case(detail.case.id, detail.id, detail.date, load=False)
        # A session from before the agenda with nothing written opens on the case so far;
        # a focused one opens on Today, which brings forward what changed since last time.
        self.show_memory(
            not self.focus.active
            and not any(self.answers.answered.values())
            and self._has_earlier_sessions()
        )

    def _has_earlier_sessions(self) -> bool:
        detail = self._detail
        if detail is None:
            return False
        return any(
            s.id != detail.id for s in self._store.sessions.list_sessions(detail.case.id, limit=2)
        )

    def show_memory(self, visible: bool = True) -> None:
        """Show the case so far (True) or the session's pages (False)."""
        if visible and self._detail is not None and self.memory_panel.history is None:
            self.memory_panel.refresh()
        self.body.setCurrentWidget(self.memory_panel if visible else self.splitter)
        self.header.memory_button.blockSignals(True)
        self.header.memory_button.setChecked(visible)
        self.header.memory_button.blockSignals(False)

    # -- the page stack and the rail, kept in step (row == page index) -------------------

    def drop_slot(self, slot: StageSlot) -> None:
        """A slot that left the agenda: its typing is saved, then it goes."""
        if slot.page is not None:
            for editor in slot.page.editors():
                self.answers.drop_editor(editor)
        self.page_stack.remove(slot)
        slot.deleteLater()

    def after_pages_changed(self, current: QWidget | None) -> None:
        """Pages were added, removed or moved: renumber, and keep the page that was shown."""
        self._reindex()
        self.page_stack.renumber(current)

    @property
    def slots(self) -> dict[int, StageSlot]:
        """The stage or agenda-item slots, by page index."""
        return self.page_stack.slots

    def _reindex(self) -> None:
        self.page_stack.index_slots()
        for index in self.slots:
            self._update_progress(index, announce=False)
        self._update_plan_title()

    def stage_page(self, row: int) -> StagePage:
        """The page of the stage or agenda item at page ``row``, built on first use."""
        return self.page_stack.stage_page(row)

    def _connect_page(self, slot: StageSlot, page: StagePage) -> None:
        for editor in page.editors():
            self.answers.add_editor(editor)
        self.page_stack.set_neighbours(self.pages.indexOf(slot), page)
        page.previous_requested.connect(partial(self._step_from, slot, -1))
        page.next_requested.connect(partial(self._step_from, slot, 1))
        page.set_explanations_visible(self.header.explanations_check.isChecked())
        self.hypothesis_links.add_to(page, self._case_id())

    def _step_from(self, slot: StageSlot, step: int) -> None:
        self.go_to_page(self.pages.indexOf(slot) + step, scroll_top=True)

    def _case_id(self) -> int | None:
        return self._detail.case.id if self._detail is not None else None

    def _on_memory_changed(self) -> None:
        self.hypothesis_links.refresh(self._case_id())
        self._mark_hypotheses_answered()

    def _mark_hypotheses_answered(self) -> None:
        """A hypotheses prompt counts as answered once this session has raised a hypothesis."""
        if self._detail is None:
            return
        rows, answered = self.page_stack.row_of_prompt, self.answers.answered
        for prompt_id in self.hypothesis_links.prompts_answered(self._detail, rows, self._content):
            if not answered.get(prompt_id):
                answered[prompt_id] = True
                self._update_progress(rows[prompt_id])

    def show_hypotheses_tool(self) -> None:
        """Show the case so far at its hypotheses (this session's are recorded against it)."""
        self.show_memory(True)
        self.memory_panel.show_section("hypotheses")

    def built_pages(self) -> list[StagePage]:
        return self.page_stack.built_pages()

    def clear(self) -> None:
        """Close the session (after committing what was typed)."""
        self.wait_for_saves(SAVE_WAIT_SECONDS)
        self._clear_pages()
        self._detail = None
        self.header.show_detail(None)
        self.show_memory(False)
        self.decisions_page.set_session(None)
        self.preview_page.set_session(None)
        self.signoff_page.set_session(None)
        self._set_locked(False)

    def _clear_pages(self) -> None:
        self.flush_pending()
        self.page_stack.clear()
        self.focus.clear()
        self.hypothesis_links.clear()
        self.answers.reset(None)

    # -- navigation ----------------------------------------------------------------------

    def page_count(self) -> int:
        return self.pages.count()

    def current_page_index(self) -> int:
        return self.pages.currentIndex()

    def go_to_page(self, index: int, scroll_top: bool = False) -> None:
        self.page_stack.go_to(index, scroll_top)

    def page_title(self, index: int) -> str:
        """What a screen reader announces when page ``index`` is shown."""
        return self.page_stack.title(index)

    def go_to_prompt(self, prompt_id: str) -> bool:
        """Show the page with this prompt's answer and put the cursor in it."""
        row = self.page_stack.row_of_prompt.get(prompt_id)
        if row is None:
            return False
        self.show_memory(False)
        self.go_to_page(row)
        editor = self.editor_for(prompt_id)
        if editor is None:  # a prompt that opens a tool elsewhere (the hypotheses): its page
            return True
        self.stage_page(row).ensureWidgetVisible(editor)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _leave_memory(self) -> bool:
        """Show the session's pages if the case so far is in front; True if it was."""
        if self.body.currentWidget() is not self.memory_panel:
            return False
        self.show_memory(False)
        return True

    def _jump_to_page(self, index: int) -> None:
        # A page chosen from the keyboard is shown even from the case so far.
        self._leave_memory()
        self.go_to_page(index)

    def next_page(self) -> None:
        # From the case so far, the first move shows the page already in place.
        if not self._leave_memory():
            self.go_to_page(self.pages.currentIndex() + 1)

    def previous_page(self) -> None:
        if not self._leave_memory():
            self.go_to_page(self.pages.currentIndex() - 1)

    def show_preview(self) -> None:
        self.go_to_page(self.pages.indexOf(self.preview_page))

    def show_signoff(self) -> None:
        self.go_to_page(self.pages.indexOf(self.signoff_page))

    def _set_locked(self, locked: bool) -> None:
        """Once anyone has signed, answers, decisions, actions and details are read-only."""
        self._locked = locked
        self.answers.set_locked(locked)
        self.decisions_page.set_read_only(locked)
        if self.focus.active:
            for page in (self.focus.today, self.focus.agenda, self.focus.summary):
                page.set_read_only(locked)
        self.header.show_locked(locked, self.signoff_page.integrity.locked)

    @property
    def locked(self) -> bool:
        return self._locked

    def _add_addendum_from_header(self) -> None:
        self.show_signoff()
        self.signoff_page.add_addendum()

    def show_decisions(self) -> None:
        self.go_to_page(self.pages.indexOf(self.decisions_page))

    def go_to_stage(self, stage_id: str) -> None:
        for row, stage in enumerate(self._content.stages):
            if stage.id == stage_id:
                self.go_to_page(row)

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        slot = self.slots.get(row)
        if slot is not None:
            self.stage_page(row)
            if self.focus.active and self.focus.is_item_slot(slot):
                self.focus.ensure_saved()
        self.pages.setCurrentIndex(row)
        self.rail.footer.show_current(self.pages.currentWidget())
        if self.pages.currentWidget() is self.preview_page:
            self.preview_page.refresh()
        elif self.pages.currentWidget() is self.signoff_page:
            self.signoff_page.reload()

    # -- answers -------------------------------------------------------------------------

    def editor_for(self, prompt_id: str) -> AnyEditor | None:
        """The answer editor of ``prompt_id`` (its page is built if need be)."""
        row = self.page_stack.row_of_prompt.get(prompt_id)
        if row is not None:
            self.stage_page(row)
        return self.answers.editors.get(prompt_id)

    def _on_answered(self, prompt_id: str) -> None:
        self._update_progress(self.page_stack.row_of_prompt.get(prompt_id, -1))

    def track_text_editor(self, editor: AnswerEditor) -> None:
        """A free-text box of Today or the summary: autosaved like an answer (once wired)."""
        self.answers.track_text_editor(editor)

    def flush_pending(self) -> None:
        """Submit every edit still waiting for its debounce timer."""
        self.answers.flush_pending()
        self.focus.flush()

    def wait_for_saves(self, timeout: float) -> bool:
        """Submit pending edits and wait for the writer. False if not everything could be saved."""
        self.flush_pending()
        return self._bridge.flush(timeout)

    def _update_progress(self, row: int, announce: bool = True) -> None:
        if row not in self.slots:
            return
        counted = self.slots[row].counted_ids()
        answered = sum(1 for pid in counted if self.answers.answered.get(pid))
        self.rail.show_progress(row, answered, len(counted))
        if self.focus.active:
            self._update_plan_title()
        if announce and self._detail is not None:
            self.progress_changed.emit(self._detail.id, self.answered_total())

    def _update_plan_title(self) -> None:
        """The rail's heading: the agenda and how far through it ("Agenda · 5 of 12")."""
        progress = self.focus.progress_text(self.answers.answered) if self.focus.active else None
        self.rail.show_plan_title(progress)

    def answered_total(self) -> int:
        return self.answers.total()

    def _on_counts_changed(self, decisions: int, actions: int) -> None:
        row = self.pages.indexOf(self.decisions_page)
        if row >= 0:
            self.rail.show_counts(row, decisions, actions)

    # -- header actions ------------------------------------------------------------------

    def _on_explanations_toggled(self, visible: bool) -> None:
        for page in self.built_pages():
            page.set_explanations_visible(visible)

    def edit_details(self) -> None:
        if self._detail is not None:
            edit_session_details(self, self._store, self._detail, self._on_details_saved)

    def _on_details_saved(self) -> None:
        if self._detail is None:
            return
        fresh = self._store.sessions.get_session(self._detail.id)
        self._detail.date = fresh.date
        self._detail.attendees = fresh.attendees
        self.header.show_detail(self._detail)
        self.details_changed.emit(self._detail.id)
