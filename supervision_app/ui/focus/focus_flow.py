"""The focused session in the session view: Today, the agenda, one page per agenda item,
the summary. It owns those pages and keeps the left rail in step with the agenda: reorder,
remove or add an item and the rail follows; progress counts the agenda ("5 of 12")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from supervision_app.content import Content
from supervision_app.content.patterns import PatternRule
from supervision_app.domain import Answer, SessionDetail, StructuredAnswer
from supervision_app.domain.agenda import AgendaProposal
from supervision_app.domain.focus import AgendaItem, AgendaOrigin, SessionClosing, SessionOpening
from supervision_app.ui.focus.agenda_page import AgendaPage
from supervision_app.ui.focus.prompt_browser import PromptBrowserDialog
from supervision_app.ui.focus.summary_page import SummaryPage
from supervision_app.ui.focus.today_page import TodayPage
from supervision_app.ui.stage_page import StagePage
from supervision_app.ui.stage_slot import StageSlot

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore
    from supervision_app.ui.session_host import SessionHost

MARKER_TODAY = "☀"
MARKER_AGENDA = "≡"
MARKER_SUMMARY = "Σ"


class FocusFlow(QObject):
    #: The agenda's items with their minutes, for the timer: [(rail title, minutes), ...],
    #: and the planned length of the session.
    shares_changed = Signal(list, int)
    #: "n of m" answered on the agenda.
    progress_text_changed = Signal(str)

    def __init__(
        self,
        view: SessionHost,
        store: SupervisionStore,
        content: Content,
        rules: Sequence[PatternRule],
    ) -> None:
        super().__init__(view)
        self._view, self._store, self._content, self._rules = view, store, content, tuple(rules)
        self.today = TodayPage()
        self.agenda = AgendaPage(content)
        self.summary = SummaryPage(content)
        self.active = False
        self.items: list[AgendaItem] = []
        self.saved = False
        self._detail: SessionDetail | None = None
        self._answers: dict[str, Answer] = {}
        self._tools: dict[str, StructuredAnswer] = {}
        self._slots: dict[str, StageSlot] = {}
        self._proposal: AgendaProposal | None = None
        self._closing = SessionClosing()
        self._wire()

    def _wire(self) -> None:
        self.today.changed.connect(self.save_opening)
        self.today.discuss_chosen.connect(self._discuss)
        self.today.next_requested.connect(lambda: self.go_to(self.agenda))
        self.agenda.agenda_changed.connect(self._on_agenda_changed)
        self.agenda.planned_changed.connect(self._on_planned)
        self.agenda.browse_requested.connect(self.browse)
        self.agenda.start_requested.connect(self.start_walk)
        self.summary.changed.connect(self.save_closing)
        self.summary.next_requested.connect(self._view.show_preview)
        decisions = self._view.decisions_page
        self.summary.add_decision_requested.connect(decisions.add_decision)
        self.summary.add_action_requested.connect(decisions.add_action)
        self.summary.open_decisions_requested.connect(self._view.show_decisions)
        decisions.counts_changed.connect(self._show_decided)

    # -- building ---------------------------------------------------------------------

    def build(
        self,
        detail: SessionDetail,
        agenda: Sequence[AgendaItem],
        answers: dict[str, Answer],
        tools: dict[str, StructuredAnswer],
        locked: bool,
    ) -> None:
        """Put Today, the agenda, its items and the summary into the view (after whatever
        pages it already has)."""
        self.active = True
        self._detail, self._answers, self._tools = detail, answers, tools
        self._slots = {}
        opening = self._store.focus.opening_with_since_last(detail.id, self._rules)
        self._closing = detail.closing or self._store.focus.get_closing(detail.id)
        children = [c.name for c in detail.case.children]
        self._proposal = self._store.focus.propose_agenda(detail.id, self._content, self._rules)
        self.saved = bool(agenda)
        self.items = list(agenda) if agenda else list(self._proposal.core)
        self.today.load(opening, opening.since_last, children)
        self.agenda.load(self.items, self._proposal, self._closing.planned_minutes)
        self.summary.load(self._closing, children, detail.date)
        view = self._view
        view.page_stack.insert(self.today, self.tr("Today"), "", MARKER_TODAY, compact=True)
        view.page_stack.insert(self.agenda, self.tr("Agenda"), "", MARKER_AGENDA, compact=True)
        for number, item in enumerate(self.items, start=1):
            view.page_stack.insert(
                self._slot(item), self._title(item), "", str(number), compact=True
            )
        view.page_stack.insert(self.summary, self.tr("Summary"), "", MARKER_SUMMARY, compact=True)
        for editor in [*self.today.editors(), *self.summary.editors()]:
            view.track_text_editor(editor)
        for page in (self.today, self.agenda, self.summary):
            page.set_read_only(locked)
        self._announce()

    def _since_item(self, prompt_id: str, text: str) -> AgendaItem:
        prompt = self._content.prompt(prompt_id)
        minutes = getattr(prompt, "minutes", 4) if prompt else 4
        return AgendaItem(prompt_id, minutes, AgendaOrigin.SINCE_LAST, text)

    def _slot(self, item: AgendaItem) -> StageSlot:
        slot = self._slots.get(item.prompt_id)
        if slot is None:
            slot = StageSlot(
                self._title(item), "", partial(self._item_page, item.prompt_id), [item.prompt_id]
            )
            self._slots[item.prompt_id] = slot
        return slot

    def _title(self, item: AgendaItem) -> str:
        prompt = self._content.prompt(item.prompt_id)
        return prompt.text if prompt else item.prompt_id

    def _item_page(self, prompt_id: str) -> StagePage:
        number, item = next(
            (n, i) for n, i in enumerate(self.items, start=1) if i.prompt_id == prompt_id
        )
        prompt = self._content.prompt(prompt_id)
        stage = self._content.stage(prompt.stage_id) if prompt else None
        page = StagePage(
            eyebrow=self._eyebrow(number, item),
            title=stage.title if stage else self.tr("Earlier question"),
            summary=item.reason,
        )
        if prompt is not None:
            children = [c.name for c in self._detail.case.children] if self._detail else []
            page.add_prompt(prompt, self._content, self._answers, self._tools, children)
        return page

    def _eyebrow(self, number: int, item: AgendaItem) -> str:
        return self.tr("Item {n} of {total} · about {minutes} min").format(
            n=number, total=len(self.items), minutes=item.minutes
        )

    def opening_row(self, answered: Mapping[str, bool], row_of_prompt: Mapping[str, int]) -> int:
        """The page a session opens on: Today for a session just begun; else the first
        unanswered agenda item (the summary once all are answered)."""
        if not self.active or not self.saved:
            return 0
        for item in self.items:
            if not answered.get(item.prompt_id):
                return row_of_prompt.get(item.prompt_id, 0)
        return self._view.pages.indexOf(self.summary)

    # -- the agenda changes -------------------------------------------------------------

    def _on_agenda_changed(self) -> None:
        self.items = list(self.agenda.items)
        self._sync_rail()
        self.save_agenda()

    def _sync_rail(self) -> None:
        """The rail's item rows (and their pages) follow the agenda's order."""
        view = self._view
        wanted = [self._slot(item) for item in self.items]
        current = view.pages.currentWidget()
        for slot in list(self._slots.values()):
            if view.pages.indexOf(slot) >= 0:
                view.page_stack.remove(slot)
        at = view.pages.indexOf(self.agenda) + 1
        for offset, (item, slot) in enumerate(zip(self.items, wanted, strict=True)):
            view.page_stack.insert(slot, self._title(item), "", str(offset + 1), compact=True,
                                at=at + offset)  # fmt: skip
            if slot.page is not None:
                slot.page.eyebrow_label.setText(self._eyebrow(offset + 1, item).upper())
        keep = {i.prompt_id for i in self.items}
        for prompt_id, slot in list(self._slots.items()):
            if prompt_id not in keep:
                view.drop_slot(slot)
                del self._slots[prompt_id]
        view.after_pages_changed(current)
        self._announce()

    def _discuss(self, prompt_id: str, text: str) -> None:
        if self._content.prompt(prompt_id) is not None:
            self.agenda.add_items([self._since_item(prompt_id, text)])

    def _on_planned(self, minutes: int) -> None:
        self.summary.set_planned(minutes)
        self.save_closing()
        self._announce()

    def browse(self) -> PromptBrowserDialog:
        dialog = PromptBrowserDialog(self._content, [i.prompt_id for i in self.items], self._view)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._add_chosen(dialog.chosen()))
        dialog.open()
        return dialog

    def _add_chosen(self, prompt_ids: Sequence[str]) -> None:
        for prompt_id in prompt_ids:
            self.agenda.add_prompt(prompt_id)

    def start_walk(self) -> None:
        self.save_agenda()
        if self.items:
            self._view.go_to_page(self._view.pages.indexOf(self._slots[self.items[0].prompt_id]),
                                  scroll_top=True)  # fmt: skip

    def go_to(self, page) -> None:
        self._view.go_to_page(self._view.pages.indexOf(page), scroll_top=True)

    # -- saving -----------------------------------------------------------------------

    def ensure_saved(self) -> None:
        """The proposed agenda becomes the session's once the walk begins."""
        if not self.saved:
            self.save_agenda()

    def save_agenda(self) -> None:
        if self._detail is None or self._view.locked:
            return
        self._store.focus.save_agenda(self._detail.id, self.items)
        self.saved = True

    def save_opening(self) -> None:
        if self._detail is not None and not self._view.locked:
            self._store.focus.save_opening(self._detail.id, self.today.opening())

    def save_closing(self) -> None:
        if self._detail is not None and not self._view.locked:
            self._closing = self.summary.closing()
            self._store.focus.save_closing(self._detail.id, self._closing)

    def flush(self) -> None:
        """Save what is still waiting for the end of typing on Today and the summary."""
        if not self.active:
            return
        for editor in [*self.today.editors(), *self.summary.editors()]:
            editor.commit_now()

    # -- progress ---------------------------------------------------------------------

    def answered_count(self, answered: dict[str, bool]) -> int:
        return sum(1 for item in self.items if answered.get(item.prompt_id))

    def progress_text(self, answered: dict[str, bool]) -> str:
        return self.tr("{n} of {m}").format(n=self.answered_count(answered), m=len(self.items))

    def _announce(self) -> None:
        self.shares_changed.emit(
            [(self._title(i), i.minutes) for i in self.items], self.agenda.planned.value()
        )
        self.progress_text_changed.emit("")

    def is_item_slot(self, slot: StageSlot) -> bool:
        return slot in self._slots.values()

    def clear(self) -> None:
        """Close the session: its pages forget what they showed (the screen may be locking)."""
        if self.active:
            self.shares_changed.emit([], 0)
            self.today.load(SessionOpening(), (), ())
            self.agenda.load((), None, self._closing.planned_minutes)
            self.summary.load(SessionClosing(), (), date.today())
        self.active = False
        self.items = []
        self._slots = {}
        self._detail = None
        self.saved = False

    def _show_decided(self, _decisions: int, _actions: int) -> None:
        page = self._view.decisions_page
        self.summary.show_decided(page.decisions, page.actions)
