"""The case list and what it shows: which cases are listed (a page at a time), and the case
overview or session beside the one chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from supervision_app.storage import NotFoundError
from supervision_app.ui.on_server import window_title
from supervision_app.ui.window.host import WindowHost, WindowPart

if TYPE_CHECKING:  # the case list's module loads when the list is first shown
    from supervision_app.ui.case_tree import CaseTree

SAVE_WAIT = 2.0
#: Cases listed at first; "Show more cases…" adds as many again.
CASE_PAGE_SIZE = 100


class CaseNavigator(WindowPart):
    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.case_limit = CASE_PAGE_SIZE
        self._reloading = False

    def wire(self) -> None:
        self.window.when_case_tree_built(self._wire_tree)
        # Home and the no-cases screen show no chosen case or session: what acts on one
        # (Session details…, Export PDF…) is off there, and on again with the case list.
        self.window.central_stack.currentChanged.connect(lambda _index: self.update_actions())

    def _wire_tree(self, tree: CaseTree) -> None:
        tree.case_selected.connect(self.on_case_selected)
        tree.session_selected.connect(self.on_session_selected)
        tree.nothing_selected.connect(self.on_nothing_selected)
        tree.more_cases_requested.connect(self.show_more_cases)

    def reload_cases(
        self,
        select_case: int | None = None,
        select_session: int | None = None,
        *,
        select_first: bool = True,
    ) -> None:
        """Refill the case list and show it with the given case or session selected (the
        current one, else the first case; none with ``select_first`` False)."""
        w = self.window
        fresh = w.built_case_tree is None  # first shown now: filled here, once
        self._reloading = True
        try:
            tree = w.case_tree
        finally:
            self._reloading = False
        if select_case is None and select_session is None:
            select_case, select_session = tree.current_ids()
        w.bridge.flush(SAVE_WAIT)  # so that "n answered" counts include the latest typing
        expanded = tree.expanded_case_ids()
        case_of_session = None
        if select_session is not None:
            case_of_session = w.store.sessions.session_case_id(select_session)
            if case_of_session is not None:
                expanded.add(case_of_session)
        cases, more = self._case_page(case_of_session or select_case)
        if cases and (fresh or (not select_first and not expanded)):
            expanded.add(cases[0].id)  # as if chosen, for All cases (as fill_new_list does)
        tree.populate(cases, self._session_page, expanded, more_cases=more)
        if not cases:
            w.close_session()
            w.central_stack.setCurrentWidget(w.empty_state)
            self.on_nothing_selected()
            return
        w.central_stack.setCurrentWidget(w.splitter)
        if select_session is not None and tree.select_session(select_session, case_of_session):
            return
        if select_case is not None and tree.select_case(select_case):
            return
        if select_first:
            tree.select_case(cases[0].id)

    def fill_new_list(self, tree: CaseTree) -> None:
        """The case list just built, as All cases first shows it: the first page, the first
        case opened, nothing chosen (unless a reload is filling it anyway)."""
        if self._reloading:
            return
        cases, more = self._case_page(None)
        expanded = {cases[0].id} if cases else set()
        tree.populate(cases, self._session_page, expanded, more_cases=more)

    def _case_page(self, wanted: int | None) -> tuple[list, bool]:
        """The cases to list (a page of them, so that start-up does not grow with the
        history) and whether there are more; the page grows to include ``wanted``."""
        store = self.window.store
        limit = self.case_limit
        cases = store.cases.list_cases(limit=limit + 1)
        if wanted is not None and len(cases) > limit and wanted not in {c.id for c in cases}:
            every = store.cases.list_cases()
            position = next((i for i, c in enumerate(every) if c.id == wanted), None)
            if position is not None:
                limit = self.case_limit = (position // CASE_PAGE_SIZE + 1) * CASE_PAGE_SIZE
                cases = every[: limit + 1]
        return cases[:limit], len(cases) > limit

    def show_more_cases(self) -> None:
        # Later, not inside the tree's own signal: the reload rebuilds the tree.
        QTimer.singleShot(0, self._list_more_cases)

    def _list_more_cases(self) -> None:
        first_new = self.window.store.cases.list_cases(limit=1, offset=self.case_limit)
        self.case_limit += CASE_PAGE_SIZE
        self.reload_cases(select_case=first_new[0].id if first_new else None)

    def _session_page(self, case_id: int, limit: int, offset: int):
        return self.window.store.sessions.list_sessions(case_id, limit=limit, offset=offset)

    def on_case_selected(self, case_id: int) -> None:
        w = self.window
        w.central_stack.setCurrentWidget(w.splitter)  # from Home too
        w.close_session()
        try:
            case = w.store.cases.get_case(case_id)
        except NotFoundError:
            self.reload_cases()
            return
        w.case_overview.show_case(case, w.store.sessions.count_sessions(case_id))
        w.detail_stack.setCurrentWidget(w.case_overview)
        self._after_selection(case.reference)

    def on_session_selected(self, case_id: int, session_id: int) -> None:
        w = self.window
        w.central_stack.setCurrentWidget(w.splitter)  # from Home too
        if w.session_view.session_id != session_id:
            try:
                w.session_view.load_session(session_id)
            except NotFoundError:
                self.reload_cases(select_case=case_id)
                return
        w.detail_stack.setCurrentWidget(w.session_view)
        detail = w.session_view.detail
        self._after_selection(detail.case.reference if detail else None)

    def on_nothing_selected(self) -> None:
        self.window.detail_stack.setCurrentWidget(self.window.placeholder)
        self._after_selection(None)

    def _after_selection(self, case_reference: str | None) -> None:
        w = self.window
        # The title names the case reference at most: never any note text.
        w.setWindowTitle(window_title(w, case_reference))
        self.update_actions()

    def update_actions(self) -> None:
        """The case's and the session's actions on when one is chosen in the case list and
        the list is on screen (never building the list)."""
        w = self.window
        on_list = w.central_stack.currentWidget() is w.splitter
        case_id, session_id = w.current_ids() if on_list else (None, None)
        a = w.actions
        for action in (a.edit_case, a.delete_case, a.new_session, w.summary_action):
            action.setEnabled(case_id is not None)
        for action in (
            a.edit_session,
            a.delete_session,
            a.export_pdf,
            a.export_json,
            a.print_record,
        ):
            action.setEnabled(session_id is not None)
