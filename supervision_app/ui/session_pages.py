"""The session's pages and the rail's entries, kept in step (row == page index), with the
stage and agenda-item slots among them: each slot's page is built when first shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStackedWidget, QWidget

from supervision_app.ui.a11y import show_page
from supervision_app.ui.stage_navigator import StageNavigator
from supervision_app.ui.stage_page import StagePage
from supervision_app.ui.stage_slot import StageSlot


class SessionPages:
    """``on_built`` wires a slot's page once it is built. Page titles keep the "SessionView"
    translation context they have always had."""

    def __init__(
        self,
        stack: QStackedWidget,
        navigator: StageNavigator,
        on_built: Callable[[StageSlot, StagePage], None],
    ) -> None:
        self.stack = stack
        self.navigator = navigator
        self._on_built = on_built
        #: The stage or agenda-item slots, by page index.
        self.slots: dict[int, StageSlot] = {}
        self.row_of_prompt: dict[str, int] = {}

    def insert(
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
        """Add ``page`` and its entry on the rail (at ``at``, else at the end)."""
        index = self.stack.insertWidget(self.stack.count() if at is None else at, page)
        self.navigator.blockSignals(True)
        self.navigator.add_entry(
            title, subtitle, marker, compact=compact, gap_before=gap_before, row=index
        )
        self.navigator.blockSignals(False)
        return index

    def remove(self, page: QWidget) -> None:
        index = self.stack.indexOf(page)
        if index < 0:
            return
        self.navigator.blockSignals(True)
        self.stack.removeWidget(page)
        self.navigator.takeItem(index)
        self.navigator.blockSignals(False)

    def clear(self) -> None:
        """Every page and entry goes (the slots are deleted; the fixed pages are kept)."""
        self.navigator.blockSignals(True)
        self.navigator.clear()
        self.navigator.blockSignals(False)
        while self.stack.count():
            page = self.stack.widget(0)
            assert page is not None  # the stack is not empty
            self.stack.removeWidget(page)
            if isinstance(page, StageSlot):
                page.deleteLater()
        self.slots = {}
        self.row_of_prompt = {}

    def index_slots(self) -> None:
        """Find the slots, and the row of each prompt, after pages were added or moved."""
        self.slots = {}
        self.row_of_prompt = {}
        for index in range(self.stack.count()):
            page = self.stack.widget(index)
            if isinstance(page, StageSlot):
                self.slots[index] = page
                for prompt_id in [*page.prompt_ids, *page.retired_ids]:
                    self.row_of_prompt[prompt_id] = index

    def renumber(self, current: QWidget | None) -> None:
        """Each built page names its neighbours again, and ``current`` stays shown."""
        for index, slot in self.slots.items():
            if slot.page is not None:
                self.set_neighbours(index, slot.page)
        index = self.stack.indexOf(current) if current is not None else -1
        self.navigator.blockSignals(True)
        self.navigator.setCurrentRow(max(index, 0))
        self.navigator.blockSignals(False)
        self.stack.setCurrentIndex(max(index, 0))

    def stage_page(self, row: int) -> StagePage:
        """The page of the stage or agenda item at page ``row``, built on first use."""
        slot = self.slots[row]
        page, built = slot.ensure_page()
        if built:
            self._on_built(slot, page)
        return page

    def built_pages(self) -> list[StagePage]:
        return [slot.page for slot in self.slots.values() if slot.page is not None]

    def set_neighbours(self, row: int, page: StagePage) -> None:
        """The page's Previous and Next name the pages beside it."""
        count = self.navigator.count()
        titles = [short_title(self.navigator.item(r).text()) for r in range(count)]
        following = titles[row + 1] if row + 1 < len(titles) else None
        page.set_navigation(titles[row - 1] if row > 0 else None, following)

    def go_to(self, index: int, scroll_top: bool = False) -> None:
        if not 0 <= index < self.stack.count():
            return
        self.navigator.setCurrentRow(index)
        page = self.stack.widget(index)
        focus = None
        if isinstance(page, StageSlot):
            page = self.stage_page(index)
            if scroll_top:
                page.verticalScrollBar().setValue(0)
            editors = page.editors()
            focus = editors[0] if editors else None
        if page is not None:
            # Focus on the page's first control (never the scroll area), and its title said.
            show_page(page, self.title(index), focus)

    def title(self, index: int) -> str:
        """What a screen reader announces when page ``index`` is shown."""
        item = self.navigator.item(index)
        title = item.text() if item is not None else ""
        return QCoreApplication.translate("SessionView", "{title}, page {n} of {count}").format(
            title=title, n=index + 1, count=self.stack.count()
        )


def short_title(title: str, limit: int = 48) -> str:
    """A page's title on a button: an agenda item's title is its whole question."""
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
