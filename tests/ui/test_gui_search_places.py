"""A search result opens the exact place it came from: the hypothesis, escalation or event row in
the case memory, the decision or action in its session, or the item on the case overview."""

from __future__ import annotations

from datetime import date

import pytest

from supervision_app.domain.memory import EventKind
from tests.ui.test_gui import type_text
from tests.ui.test_gui_case_memory import demo_window  # noqa: F401 (a fixture)


@pytest.fixture
def demo(request):
    return request.getfixturevalue("demo_window")


def _only_hit(qtbot, window, words: str):
    dialog = window.search.open()
    dialog.query_edit.clear()
    type_text(qtbot, dialog.query_edit, words)
    hits = dialog.run_search()
    assert len(hits) == 1, [(h.kind, h.snippet) for h in hits]
    dialog.results.itemActivated.emit(dialog.results.item(0))
    return hits[0]


def test_a_hypothesis_found_by_its_basis_opens_its_row(qtbot, demo, store) -> None:
    window, _case_id, _session_id = demo
    hit = _only_hit(qtbot, window, "boots mugs")  # in "what it is based on"
    assert hit.kind == "hypothesis"
    view = window.session_view
    qtbot.waitUntil(lambda: view.session_id == hit.session_id)
    panel = view.memory_panel
    assert view.body.currentWidget() is panel
    row = panel.found_row
    assert row is not None
    assert (row.property("memoryKind"), row.property("memoryItem")) == ("hypothesis", hit.item_id)
    assert "FFF3C4" in row.styleSheet()  # marked
    qtbot.waitUntil(lambda: panel.verticalScrollBar().value() > 0)  # scrolled down to it
    top = row.mapTo(panel.widget(), row.rect().topLeft()).y()
    value = panel.verticalScrollBar().value()
    assert value <= top <= value + panel.viewport().height()


def test_a_review_result_opens_its_hypothesis(qtbot, demo) -> None:
    window, _case_id, _session_id = demo
    hit = _only_hit(qtbot, window, "collects Ruby twice")  # a review's result
    assert (hit.kind, hit.locator) == ("hypothesis", "note")
    panel = window.session_view.memory_panel
    qtbot.waitUntil(lambda: panel.found_row is not None)
    assert panel.found_row.property("memoryItem") == hit.item_id


def test_a_decision_opens_selected_in_its_session(qtbot, demo) -> None:
    window, _case_id, _session_id = demo
    hit = _only_hit(qtbot, window, "Stay with Early Help support")
    assert hit.kind == "decision"
    view = window.session_view
    qtbot.waitUntil(lambda: view.session_id == hit.session_id)
    table = view.decisions_page.decisions_table
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.decisions_page)
    [selected] = table.selectionModel().selectedRows()
    assert table.item(selected.row(), 0).text() == (
        "Stay with Early Help support; review in supervision monthly"
    )


def test_an_event_added_on_the_case_overview_opens_there(qtbot, demo, store) -> None:
    window, case_id, _session_id = demo
    event_id = store.memory.add_event(
        case_id, date(2026, 11, 1), EventKind.SIGNIFICANT_EVENT, "Grandmother moved in nearby"
    )
    hit = _only_hit(qtbot, window, "grandmother nearby")
    assert (hit.kind, hit.session_id, hit.item_id) == ("event", None, event_id)
    assert window.detail_stack.currentWidget() is window.case_overview
    row = window.case_overview.memory_panel.found_row
    assert row is not None and row.property("memoryItem") == event_id
