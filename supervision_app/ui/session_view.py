"""The guided session: header, stage navigator and the pages (stages, decisions, preview).

Answer editors report edits to the :class:`AutosaveBridge`; once typing
pauses (or focus leaves, or the session is switched or closed) the text is
submitted and committed on the writer thread, never here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from supervision_app.content import Content
from supervision_app.content.patterns import PatternRule
from supervision_app.domain import Answer, SessionDetail, StructuredAnswer, format_date
from supervision_app.storage.autosave import AnswerEdit
from supervision_app.ui import spell_check
from supervision_app.ui.a11y import show_page
from supervision_app.ui.answer_editor import AnswerEditor
from supervision_app.ui.autosave_bridge import AutosaveBridge
from supervision_app.ui.case_memory_panel import CaseMemoryPanel
from supervision_app.ui.decisions_actions import DecisionsActionsPage
from supervision_app.ui.flow_layout import flow_row
from supervision_app.ui.focus.focus_flow import FocusFlow
from supervision_app.ui.focus.hypotheses_link import HypothesesLink
from supervision_app.ui.preview import PreviewPage
from supervision_app.ui.session_dialog import SessionDialog, SessionFields
from supervision_app.ui.settings import ui_settings
from supervision_app.ui.signoff_page import SignOffPage
from supervision_app.ui.stage_navigator import (
    MARKER_DECISIONS,
    MARKER_EARLIER,
    MARKER_PREVIEW,
    StageNavigator,
    StagePicker,
)
from supervision_app.ui.stage_page import HYPOTHESES_KIND, StagePage
from supervision_app.ui.stage_slot import StageSlot
from supervision_app.ui.widgets import accessible, push_button, text_label

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore

SAVE_WAIT_SECONDS = 2.0
#: The prompts under which the structured hypotheses tool is offered.
HYPOTHESIS_PROMPTS = frozenset(
    {"professional_curiosity.hypotheses", "professional_curiosity.testing_hypotheses"}
)
#: Below this width (logical pixels) the session plan becomes a drop-down (see set_compact).
COMPACT_SESSION_WIDTH = 780


class SessionView(QWidget):
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
        #: The stage or agenda-item slots, by page index.
        self.slots: dict[int, StageSlot] = {}
        self._editors: dict[str, AnswerEditor] = {}
        self._answered: dict[str, bool] = {}
        self._row_of_prompt: dict[str, int] = {}

        # -- header
        self.case_label = text_label("", "sessionCaseRef", wrap=False, selectable=True)
        self.meta_label = text_label("", "sessionMeta", selectable=True)
        self.edit_details_button = push_button(
            self.tr("Session details…"),
            "editSessionButton",
            self.tr("Edit session date and attendees"),
        )
        self.edit_details_button.clicked.connect(self.edit_details)
        self.explanations_check = QCheckBox(self.tr("Show all explanations"))
        self.explanations_check.setObjectName("showExplanationsCheck")
        accessible(
            self.explanations_check,
            self.tr("Show all explanations"),
            self.tr("Shows why each question matters and its source"),
        )
        self.explanations_check.setChecked(
            ui_settings().value("session/show_explanations", False, type=bool)
        )
        self.explanations_check.toggled.connect(self._on_explanations_toggled)
        self.memory_button = push_button(
            self.tr("Case so far"),
            "caseSoFarButton",
            self.tr("Case so far"),
            description=self.tr("Open actions, escalations, hypotheses, ratings and patterns"),
        )
        self.memory_button.setCheckable(True)
        self.memory_button.setStyleSheet(
            "QPushButton:checked { background: #E5EEF7; border: 1px solid #1D5A96;"
            " color: #1D5A96; }"
        )
        self.memory_button.toggled.connect(self.show_memory)
        self.memory_panel = CaseMemoryPanel(store, content, rules)
        self.memory_panel.start_requested.connect(lambda: self.show_memory(False))
        self.memory_panel.changed.connect(self._on_memory_changed)
        self._hypothesis_links: list[HypothesesLink] = []

        # -- navigator and pages
        self.navigator = StageNavigator()
        self.stage_picker = StagePicker(self.navigator)
        self.stage_picker.setVisible(False)
        self.compact = False
        self.pages = QStackedWidget()
        self.pages.setObjectName("sessionPages")
        self.decisions_page = DecisionsActionsPage(store)
        self.preview_page = PreviewPage(store, content)
        self.signoff_page = SignOffPage(store)
        self.signoff_page.before_sign = lambda: self.wait_for_saves(SAVE_WAIT_SECONDS)
        self.signoff_page.signed_changed.connect(self._set_locked)
        self.signoff_page.status_message.connect(self.status_message)
        self.preview_page.include_audit = self.signoff_page.include_audit_check.isChecked
        self._locked = False
        self.lock_banner = text_label(
            self.tr(
                "This record has been signed and is read-only. Corrections and late information "
                "are added as addenda on the Sign-off page."
            ),
            "lockBanner",
        )
        self.lock_banner.setVisible(False)
        self.add_addendum_button = push_button(
            self.tr("Add addendum…"), "headerAddAddendumButton", self.tr("Add addendum")
        )
        self.add_addendum_button.clicked.connect(self._add_addendum_from_header)
        self.add_addendum_button.setVisible(False)
        self.preview_page.before_read = lambda: self.wait_for_saves(SAVE_WAIT_SECONDS)
        self.decisions_page.counts_changed.connect(self._on_counts_changed)
        self.decisions_page.status_message.connect(self.status_message)
        self.preview_page.status_message.connect(self.status_message)
        self.navigator.currentRowChanged.connect(self._show_page)
        self.focus = FocusFlow(self, store, content, rules)
        self.focus.shares_changed.connect(self.agenda_shares_changed)

        self._assemble()
        QWidget.setTabOrder(self.explanations_check, self.edit_details_button)
        self._add_shortcuts()

    def _assemble(self) -> None:
        header = QWidget()
        header.setObjectName("sessionHeader")
        self.head = QHBoxLayout(header)
        self.head.setContentsMargins(24, 14, 24, 14)
        self.head.setSpacing(16)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.eyebrow = text_label(self.tr("Supervision session").upper(), "eyebrow")
        titles.addWidget(self.eyebrow)
        titles.addWidget(self.case_label)
        titles.addWidget(self.meta_label)
        titles.addWidget(self.lock_banner)
        self.head.addLayout(titles, 1)
        self.head_buttons = flow_row(
            self.stage_picker,
            self.memory_button,
            self.add_addendum_button,
            self.explanations_check,
            self.edit_details_button,
            spacing=12,
            right=True,
        )
        self.head.addWidget(self.head_buttons, 0, Qt.AlignmentFlag.AlignVCenter)

        self.nav_panel = nav_panel = QWidget()
        nav_panel.setObjectName("navigatorPanel")
        # The rail never decides how short the window may be (its list scrolls): on a laptop at
        # 200% the window must fit 384 logical pixels before the compact layout takes over.
        nav_panel.setMinimumHeight(1)
        nav = QVBoxLayout(nav_panel)
        nav.setContentsMargins(0, 16, 0, 8)
        nav.setSpacing(6)
        self.plan_title = text_label(self.tr("Session plan").upper(), "panelTitle")
        self.plan_title.setContentsMargins(22, 0, 12, 4)
        nav.addWidget(self.plan_title)
        nav.addWidget(self.navigator, 1)
        self.rail_footer = RailFooter(self)
        nav.addWidget(self.rail_footer)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("sessionSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(nav_panel)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 900])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
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
        self.nav_panel.setVisible(not compact)
        self.stage_picker.setVisible(compact)
        self.eyebrow.setVisible(not compact)
        self.meta_label.setVisible(not compact)  # its text is the case label's tooltip
        margin = (12, 8, 12, 8) if compact else (24, 14, 24, 14)
        self.head.setContentsMargins(*margin)
        self.head.setSpacing(8 if compact else 16)

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
        detail = self._store.get_session(session_id)
        self._clear_pages()
        self._detail = detail
        spell_check.use_case_words(detail)  # the case's names are not misspellings
        self._update_header()
        answers, tools = self._answers_with_unsaved_text(detail)
        self._answered = {pid: bool(a.text.strip()) for pid, a in answers.items()}
        self._answered.update({pid: t.filled for pid, t in tools.items()})
        children = [c.name for c in detail.case.children]
        agenda = self._store.get_agenda(detail.id)
        if agenda or not any(self._answered.values()):
            self.focus.build(detail, agenda, answers, tools, self._signed(detail))
        else:  # a session from before the agenda: its answered prompts only
            self._add_answered_stages(answers, tools, children)
        # Always in reach: pinned at the foot of the rail, not at the end of a long list.
        for page, title, marker in (
            (self.decisions_page, self.tr("Decisions and actions"), MARKER_DECISIONS),
            (self.preview_page, self.tr("Record preview"), MARKER_PREVIEW),
            (self.signoff_page, self.tr("Sign-off"), "✎"),
        ):
            self.insert_page(page, title, "", marker)
            self.navigator.setRowHidden(self.pages.indexOf(page), True)
        people = [*detail.attendees, detail.case.practitioner, detail.case.supervisor]
        self.decisions_page.set_session(detail.id, people)
        self.preview_page.set_session(detail.id)
        self.signoff_page.set_session(detail)
        self._set_locked(self.signoff_page.integrity.any_signed)
        self._reindex()
        self._mark_hypotheses_answered()
        self.navigator.setCurrentRow(self._opening_row())
        self.memory_panel.show_case(detail.case.id, detail.id, detail.date, load=False)
        # A session from before the agenda with nothing written opens on the case so far;
        # a focused one opens on Today, which brings forward what changed since last time.
        self.show_memory(
            not self.focus.active
            and not any(self._answered.values())
            and self._has_earlier_sessions()
        )

    def _signed(self, detail: SessionDetail) -> bool:
        self.signoff_page.set_session(detail)
        return self.signoff_page.integrity.any_signed

    def _opening_row(self) -> int:
        """Today for a session just begun; else the first unanswered agenda item."""
        if not self.focus.active or not self.focus.saved:
            return 0
        for item in self.focus.items:
            if not self._answered.get(item.prompt_id):
                return self._row_of_prompt.get(item.prompt_id, 0)
        return self.pages.indexOf(self.focus.summary)

    def _add_answered_stages(
        self, answers: dict[str, Answer], tools: dict[str, StructuredAnswer], children: list[str]
    ) -> None:
        # Answers under the ids of merged prompts show under their new home, not as "earlier".
        known = {i for s in self._content.stages for p in s.prompts for i in (p.id, *p.aliases)}
        tool_ids = {p.id for s in self._content.stages for p in s.prompts if p.structured}
        retired: dict[str, list[Answer]] = defaultdict(list)
        for answer in sorted(answers.values(), key=lambda a: a.prompt_id):
            if answer.prompt_id not in known and answer.text.strip():
                stage = answer.stage_id if self._content.stage(answer.stage_id) else ""
                retired[stage].append(answer)
        retired_tools: dict[str, list[StructuredAnswer]] = defaultdict(list)
        for tool in sorted(tools.values(), key=lambda t: t.prompt_id):
            if tool.prompt_id not in tool_ids and tool.filled:
                stage = tool.stage_id if self._content.stage(tool.stage_id) else ""
                retired_tools[stage].append(tool)

        total = len(self._content.stages)
        for number, stage in enumerate(self._content.stages, start=1):
            kept = retired.get(stage.id, [])
            shown = {
                p.id
                for p in stage.prompts
                if any(self._answered.get(i) for i in (p.id, *p.aliases))
            }
            if not shown and not kept and not retired_tools.get(stage.id):
                continue
            self._add_slot(
                StageSlot(
                    stage.title,
                    str(number),
                    partial(
                        StagePage.for_stage,
                        stage,
                        number,
                        total,
                        self._content,
                        answers,
                        kept,
                        tools,
                        children,
                        retired_tools.get(stage.id, []),
                        shown,
                    ),
                    [p.id for p in stage.prompts if p.id in shown],
                    [a.prompt_id for a in kept],
                )
            )
        if retired.get("") or retired_tools.get(""):
            self._add_slot(
                StageSlot(
                    self.tr("Earlier answers"),
                    MARKER_EARLIER,
                    partial(self._earlier_page, retired[""], retired_tools[""]),
                    [],
                    [a.prompt_id for a in retired[""]],
                )
            )

    def _has_earlier_sessions(self) -> bool:
        detail = self._detail
        if detail is None:
            return False
        return any(s.id != detail.id for s in self._store.list_sessions(detail.case.id, limit=2))

    def show_memory(self, visible: bool = True) -> None:
        """Show the case so far (True) or the session's pages (False)."""
        if visible and self._detail is not None and self.memory_panel.history is None:
            self.memory_panel.refresh()
        self.body.setCurrentWidget(self.memory_panel if visible else self.splitter)
        self.memory_button.blockSignals(True)
        self.memory_button.setChecked(visible)
        self.memory_button.blockSignals(False)

    def _earlier_page(
        self, answers: list[Answer], tools: list[StructuredAnswer] | None = None
    ) -> StagePage:
        page = StagePage(
            eyebrow=self.tr("Kept from earlier versions"),
            title=self.tr("Earlier answers"),
            summary=self.tr(
                "Answers to questions from stages that are no longer in the prompts. "
                "They are kept exactly as written."
            ),
        )
        page.add_retired(answers, tools)
        return page

    def _answers_with_unsaved_text(
        self, detail: SessionDetail
    ) -> tuple[dict[str, Answer], dict[str, StructuredAnswer]]:
        """Stored answers, overlaid with text the writer has not yet managed to commit."""
        answers = dict(detail.answers)
        tools = dict(detail.structured)
        for prompt_id, text in self._bridge.unsaved_texts(detail.id).items():
            prompt = self._content.prompt(prompt_id)
            if prompt is not None and prompt.structured:
                data = json.loads(text) if text else {}
                tools[prompt_id] = StructuredAnswer(
                    prompt_id, prompt.stage_id, prompt.text, prompt.kind, data
                )
            elif prompt_id in answers:
                answers[prompt_id].text = text
            elif prompt is not None:
                answers[prompt_id] = Answer(prompt_id, prompt.stage_id, prompt.text, text)
        return answers, tools

    def _add_slot(self, slot: StageSlot) -> None:
        self.insert_page(slot, slot.title, "", slot.marker)

    # -- the page stack and the rail, kept in step (row == page index) -------------------

    def insert_page(
        self,
        page: QWidget,
        title: str,
        subtitle: str,
        marker: str,
        *,
        compact: bool = False,
        gap_before: bool = False,
        at: int | None = None,
    ) -> int:
        index = self.pages.insertWidget(self.pages.count() if at is None else at, page)
        self.navigator.blockSignals(True)
        self.navigator.add_entry(
            title, subtitle, marker, compact=compact, gap_before=gap_before, row=index
        )
        self.navigator.blockSignals(False)
        return index

    def remove_page(self, page: QWidget) -> None:
        index = self.pages.indexOf(page)
        if index < 0:
            return
        self.navigator.blockSignals(True)
        self.pages.removeWidget(page)
        self.navigator.takeItem(index)
        self.navigator.blockSignals(False)

    def drop_slot(self, slot: StageSlot) -> None:
        """A slot that left the agenda: its typing is saved, then it goes."""
        if slot.page is not None:
            for editor in slot.page.editors():
                editor.commit_now()
                self._editors.pop(editor.prompt_id, None)
        self.remove_page(slot)
        slot.deleteLater()

    def after_pages_changed(self, current: QWidget | None) -> None:
        """Pages were added, removed or moved: renumber, and keep the page that was shown."""
        self._reindex()
        for index, slot in self.slots.items():
            if slot.page is not None:
                self._set_page_navigation(index, slot.page)
        index = self.pages.indexOf(current) if current is not None else -1
        self.navigator.blockSignals(True)
        self.navigator.setCurrentRow(max(index, 0))
        self.navigator.blockSignals(False)
        self.pages.setCurrentIndex(max(index, 0))

    def _reindex(self) -> None:
        self.slots = {}
        self._row_of_prompt = {}
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            if isinstance(page, StageSlot):
                self.slots[index] = page
                for prompt_id in [*page.prompt_ids, *page.retired_ids]:
                    self._row_of_prompt[prompt_id] = index
        for index in self.slots:
            self._update_progress(index, announce=False)
        self._update_plan_title()

    def stage_page(self, row: int) -> StagePage:
        """The page of the stage or agenda item at page ``row``, built on first use."""
        slot = self.slots[row]
        page, built = slot.ensure_page()
        if built:
            self._connect_page(slot, page)
        return page

    def _connect_page(self, slot: StageSlot, page: StagePage) -> None:
        for editor in page.editors():
            self._editors[editor.prompt_id] = editor
            editor.edited.connect(partial(self._on_edited, editor))
            editor.commit_requested.connect(partial(self._submit, editor))
            _lock_editor(editor, self._locked)
        self._set_page_navigation(self.pages.indexOf(slot), page)
        page.previous_requested.connect(partial(self._step_from, slot, -1))
        page.next_requested.connect(partial(self._step_from, slot, 1))
        page.set_explanations_visible(self.explanations_check.isChecked())
        self._link_tools(page)

    def _set_page_navigation(self, row: int, page: StagePage) -> None:
        titles = [_short(self.navigator.item(r).text()) for r in range(self.navigator.count())]
        following = titles[row + 1] if row + 1 < len(titles) else None
        page.set_navigation(titles[row - 1] if row > 0 else None, following)

    def _step_from(self, slot: StageSlot, step: int) -> None:
        self.go_to_page(self.pages.indexOf(slot) + step, scroll_top=True)

    def _link_tools(self, page: StagePage) -> None:
        """Under a hypotheses prompt, the way into the structured hypotheses tool (in the case
        so far), where each hypothesis has its basis, its test, its reviews and evaluation."""
        for card in page.cards:
            if card.editor is not None and card.prompt_id not in HYPOTHESIS_PROMPTS:
                continue
            link = HypothesesLink()
            link.add_requested.connect(self.memory_panel.add_hypothesis)
            link.open_requested.connect(self.show_hypotheses_tool)
            if card.editor is None:  # the prompt opens the tool: no text of its own
                link.show_hypotheses(self._hypotheses())
                self._hypothesis_links.append(link)
            else:  # an earlier version's text answer, kept
                link.add_button.hide()
                link.list_label.hide()
            card.layout().addWidget(link)

    def _hypotheses(self) -> list:
        history = self.memory_panel.history
        if history is None and self._detail is not None:
            history = self._store.memory.case_history(self._detail.case.id)
        return list(history.hypotheses) if history is not None else []

    def _on_memory_changed(self) -> None:
        hypotheses = self._hypotheses()
        for link in self._hypothesis_links:
            link.show_hypotheses(hypotheses)
        self._mark_hypotheses_answered()

    def _mark_hypotheses_answered(self) -> None:
        """A hypotheses prompt counts as answered once this session has raised a hypothesis."""
        if self._detail is None:
            return
        if not any(h.session_id == self._detail.id for h in self._hypotheses()):
            return
        for prompt_id, row in self._row_of_prompt.items():
            prompt = self._content.prompt(prompt_id)
            if prompt and prompt.kind == HYPOTHESES_KIND and not self._answered.get(prompt_id):
                self._answered[prompt_id] = True
                self._update_progress(row)

    def show_hypotheses_tool(self) -> None:
        """Show the case so far at its hypotheses (this session's are recorded against it)."""
        self.show_memory(True)
        self.memory_panel.show_section("hypotheses")

    def built_pages(self) -> list[StagePage]:
        return [slot.page for slot in self.slots.values() if slot.page is not None]

    def clear(self) -> None:
        """Close the session (after committing what was typed)."""
        self.wait_for_saves(SAVE_WAIT_SECONDS)
        self._clear_pages()
        self._detail = None
        self._update_header()
        self.show_memory(False)
        self.decisions_page.set_session(None)
        self.preview_page.set_session(None)
        self.signoff_page.set_session(None)
        self._set_locked(False)

    def _clear_pages(self) -> None:
        self.flush_pending()
        self.navigator.blockSignals(True)
        self.navigator.clear()
        self.navigator.blockSignals(False)
        while self.pages.count():
            page = self.pages.widget(0)
            self.pages.removeWidget(page)
            if isinstance(page, StageSlot):
                page.deleteLater()
        self.focus.clear()
        self._hypothesis_links = []
        self.slots = {}
        self._editors = {}
        self._answered = {}
        self._row_of_prompt = {}

    def _update_header(self) -> None:
        detail = self._detail
        if detail is None:
            self.case_label.clear()
            self.meta_label.clear()
            self.case_label.setToolTip("")
            return
        self.case_label.setText(detail.case.reference)
        parts = [format_date(detail.date)]
        if detail.attendees:
            parts.append(
                self.tr("With: {people}").format(people="; ".join(
                    person_with_role(person) for person in detail.attendees))
            )  # fmt: skip
        children = ", ".join(c.name for c in detail.case.children)
        if children:
            parts.append(self.tr("Children: {names}").format(names=children))
        self.meta_label.setText("   ·   ".join(parts))
        self.case_label.setToolTip(self.meta_label.text())

    # -- navigation ----------------------------------------------------------------------

    def page_count(self) -> int:
        return self.pages.count()

    def current_page_index(self) -> int:
        return self.pages.currentIndex()

    def go_to_page(self, index: int, scroll_top: bool = False) -> None:
        if not 0 <= index < self.pages.count():
            return
        self.navigator.setCurrentRow(index)
        page = self.pages.widget(index)
        focus = None
        if isinstance(page, StageSlot):
            page = self.stage_page(index)
            if scroll_top:
                page.verticalScrollBar().setValue(0)
            editors = page.editors()
            focus = editors[0] if editors else None
        if page is not None:
            # Focus on the page's first control (never the scroll area), and its title said.
            show_page(page, self.page_title(index), focus)

    def page_title(self, index: int) -> str:
        """What a screen reader announces when page ``index`` is shown."""
        item = self.navigator.item(index)
        title = item.text() if item is not None else ""
        return self.tr("{title}, page {n} of {count}").format(
            title=title, n=index + 1, count=self.pages.count()
        )

    def go_to_prompt(self, prompt_id: str) -> bool:
        """Show the page with this prompt's answer and put the cursor in it."""
        row = self._row_of_prompt.get(prompt_id)
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
        for editor in self._editors.values():
            _lock_editor(editor, locked)
        self.decisions_page.set_read_only(locked)
        if self.focus.active:
            for page in (self.focus.today, self.focus.agenda, self.focus.summary):
                page.set_read_only(locked)
        self.edit_details_button.setEnabled(not locked)
        # The banner says what can be done now: addenda only once both have signed.
        both = self.signoff_page.integrity.locked
        self.lock_banner.setText(
            self.tr(
                "This record has been signed and is read-only. Corrections and late information "
                "are added as addenda on the Sign-off page."
            )
            if both
            else self.tr(
                "Signed by one of you and read-only until the other signs. After both "
                "signatures, corrections and late information are added as addenda."
            )
        )
        self.lock_banner.setVisible(locked)
        self.add_addendum_button.setVisible(locked and both)
        self.add_addendum_button.setEnabled(both)

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
        self.rail_footer.show_current(self.pages.currentWidget())
        if self.pages.currentWidget() is self.preview_page:
            self.preview_page.refresh()
        elif self.pages.currentWidget() is self.signoff_page:
            self.signoff_page.reload()

    # -- answers -------------------------------------------------------------------------

    def editor_for(self, prompt_id: str) -> AnswerEditor | None:
        """The answer editor of ``prompt_id`` (its page is built if need be)."""
        row = self._row_of_prompt.get(prompt_id)
        if row is not None:
            self.stage_page(row)
        return self._editors.get(prompt_id)

    def _on_edited(self, editor: AnswerEditor) -> None:
        if self._detail is None:
            return
        self._bridge.note_edit((self._detail.id, editor.prompt_id))
        answered = bool(editor.text().strip())
        if self._answered.get(editor.prompt_id) != answered:
            self._answered[editor.prompt_id] = answered
            self._update_progress(self._row_of_prompt.get(editor.prompt_id, -1))

    def track_text_editor(self, editor: AnswerEditor) -> None:
        """A free-text box of Today or the summary: autosaved like an answer (once wired)."""
        if editor.property("autosaved"):
            return
        editor.setProperty("autosaved", True)
        editor.edited.connect(partial(self._note_text_edit, editor))
        editor.commit_requested.connect(partial(self._submit, editor))

    def _note_text_edit(self, editor: AnswerEditor) -> None:
        if self._detail is not None:
            self._bridge.note_edit((self._detail.id, editor.prompt_id))

    def _submit(self, editor: AnswerEditor) -> None:
        if self._detail is None:
            return
        self._bridge.submit(
            AnswerEdit(
                self._detail.id,
                editor.prompt_id,
                editor.stage_id,
                editor.prompt_text,
                editor.text(),
                editor.kind,
            )
        )

    def flush_pending(self) -> None:
        """Submit every edit still waiting for its debounce timer."""
        for editor in list(self._editors.values()):
            editor.commit_now()
        self.focus.flush()

    def wait_for_saves(self, timeout: float) -> bool:
        """Submit pending edits and wait for the writer. False if not everything could be saved."""
        self.flush_pending()
        return self._bridge.flush(timeout)

    def _update_progress(self, row: int, announce: bool = True) -> None:
        if row not in self.slots:
            return
        counted = self.slots[row].counted_ids()
        answered = sum(1 for pid in counted if self._answered.get(pid))
        self.navigator.set_progress(
            row,
            answered,
            len(counted),
            self.tr("{answered} of {total} answered").format(answered=answered, total=len(counted)),
        )
        if self.focus.active:
            self._update_plan_title()
        if announce and self._detail is not None:
            self.progress_changed.emit(self._detail.id, self.answered_total())

    def _update_plan_title(self) -> None:
        """The rail's heading: the agenda and how far through it ("Agenda · 5 of 12")."""
        if self.focus.active:
            text = self.tr("Agenda · {progress}").format(
                progress=self.focus.progress_text(self._answered)
            )
        else:
            text = self.tr("Session plan")
        self.plan_title.setText(text.upper())
        self.plan_title.setAccessibleName(text)

    def answered_total(self) -> int:
        return sum(1 for value in self._answered.values() if value)

    def _on_counts_changed(self, decisions: int, actions: int) -> None:
        row = self.pages.indexOf(self.decisions_page)
        if row < 0:
            return
        d_text = (
            self.tr("1 decision")
            if decisions == 1
            else self.tr("{n} decisions").format(n=decisions)
        )
        a_text = self.tr("1 action") if actions == 1 else self.tr("{n} actions").format(n=actions)
        self.navigator.set_subtitle(row, f"{d_text} · {a_text}")

    # -- header actions ------------------------------------------------------------------

    def _on_explanations_toggled(self, visible: bool, remember: bool = True) -> None:
        for page in self.built_pages():
            page.set_explanations_visible(visible)
        if remember:
            ui_settings().setValue("session/show_explanations", visible)

    def edit_details(self) -> None:
        detail = self._detail
        if detail is None:
            return
        dialog = SessionDialog(
            self,
            detail.case,
            SessionFields(detail.date, list(detail.attendees)),
            lambda f: self._store.update_session(detail.id, f.date, f.attendees),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_details_saved)
        dialog.open()

    def _on_details_saved(self) -> None:
        if self._detail is None:
            return
        fresh = self._store.get_session(self._detail.id)
        self._detail.date = fresh.date
        self._detail.attendees = fresh.attendees
        self._update_header()
        self.details_changed.emit(self._detail.id)


def _lock_editor(editor: QWidget, locked: bool) -> None:
    """Text answers become read-only (still selectable); structured tools are disabled."""
    if isinstance(editor, (QPlainTextEdit, QTextEdit)):
        editor.setReadOnly(locked)
    else:
        editor.setEnabled(not locked)


def _short(title: str, limit: int = 48) -> str:
    """A page's title on a button: an agenda item's title is its whole question."""
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def person_with_role(attendee: str) -> str:
    """One person and their role: "Sam Okafor (fictional), Health Visitor" reads as
    "Sam Okafor (fictional) — Health Visitor", so that a list of people is not read as twice as
    many."""
    name, _comma, role = attendee.partition(",")
    return f"{name.strip()} — {role.strip()}" if role.strip() else name.strip()


class RailFooter(QWidget):
    """Decisions and actions, the record preview and sign-off, pinned at the foot of the
    rail: always in reach without scrolling, however long the agenda."""

    def __init__(self, view: SessionView) -> None:
        super().__init__()
        self.setObjectName("railFooter")
        self._view = view
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 4)
        layout.setSpacing(4)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("decisions", self.tr("✓  Decisions and actions"), view.show_decisions),
            ("preview", self.tr("▤  Record preview"), view.show_preview),
            ("signoff", self.tr("✎  Sign-off"), view.show_signoff),
        ):
            button = push_button(text, f"rail_{key}", text.split("  ", 1)[1])
            button.setCheckable(True)
            button.setStyleSheet("QPushButton { text-align: left; padding: 6px 10px; }")
            button.clicked.connect(lambda _c=False, go=slot: go())
            layout.addWidget(button)
            self.buttons[key] = button
        layout.addWidget(text_label(self.tr("Ctrl+PgDn / Ctrl+PgUp to move between pages"), "hint"))

    def show_current(self, page: QWidget | None) -> None:
        view = self._view
        for key, target in (
            ("decisions", view.decisions_page),
            ("preview", view.preview_page),
            ("signoff", view.signoff_page),
        ):
            self.buttons[key].setChecked(page is target)
