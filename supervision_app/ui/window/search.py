"""Search all cases from the window, and open the exact place a result came from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supervision_app.ui.window.host import WindowHost, WindowPart

if TYPE_CHECKING:
    from supervision_app.domain.memory import SearchHit
    from supervision_app.ui.search_dialog import SearchDialog


class SearchController(WindowPart):
    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.dialog: SearchDialog | None = None

    def forget(self) -> None:
        """Close the search and let it go: its words and results are case text."""
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None

    def open(self) -> SearchDialog:
        from supervision_app.ui.search_dialog import SearchDialog

        w = self.window
        if self.dialog is None:
            self.dialog = SearchDialog(w.store, w.content, w)
            self.dialog.open_requested.connect(self.open_hit)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.query_edit.setFocus()
        self.dialog.query_edit.selectAll()
        return self.dialog

    def open_hit(self, hit: SearchHit) -> None:
        """Open the exact place a search result came from."""
        w = self.window
        if hit.session_id is None:  # recorded on the case overview: its item there
            w.reload_cases(select_case=hit.case_id)
            overview = w.built_case_overview
            if overview is not None and w.detail_stack.currentWidget() is overview:
                overview.memory_panel.focus_item(hit.kind, hit.item_id)
            return
        w.reload_cases(select_session=hit.session_id)
        view = w.session_view
        if view.session_id != hit.session_id:
            return
        if hit.kind == "answer":
            view.go_to_prompt(hit.locator)
        elif hit.kind in ("decision", "action"):
            view.show_memory(False)
            view.show_decisions()
            view.decisions_page.select_item(hit.kind, hit.item_id)
        else:
            view.show_memory(True)
            view.memory_panel.focus_item(hit.kind, hit.item_id)
