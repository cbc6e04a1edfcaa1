"""A long case (years of monthly supervision) opens on the first few rows of each list of its
Case so far, says how much more there is, and shows the rest when asked or when a search
result points into it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from supervision_app.domain.memory import EventKind
from supervision_app.storage import SupervisionStore
from supervision_app.ui.case_memory_rows import CHRONOLOGY_FIRST_PAGE, FIRST_PAGE, NEXT_PAGE
from tests.helpers import make_case
from tests.ui.test_gui import open_window

SESSIONS = 30


def _long_case(store: SupervisionStore) -> tuple[int, list[int], list[int]]:
    """A case of 30 monthly sessions, each with an open action, a decision and an event."""
    case_id = make_case(store)
    actions, events = [], []
    start = date(2022, 1, 10)
    for i in range(SESSIONS):
        on = start + timedelta(days=28 * i)
        session_id = store.sessions.create_session(case_id, on, ["Ana", "Ben"], "1")
        actions.append(
            store.sessions.add_action(session_id, f"Action number {i:02d}", "Ana", on + timedelta(days=7)).id
        )
        store.sessions.add_decision(session_id, f"Decision number {i:02d}", f"Because {i}")
        title = f"Event number {i:02d}"
        kind = EventKind.SIGNIFICANT_EVENT
        events.append(store.memory.add_event(case_id, on, kind, title, "", session_id=session_id))
    return case_id, actions, events


def _rows(panel, kind: str) -> list[QWidget]:
    """The rows showing records of ``kind``, top to bottom."""
    rows = [w for w in panel.findChildren(QWidget) if w.property("memoryKind") == kind]
    return sorted(rows, key=lambda w: w.parentWidget().layout().indexOf(w))


def _more(panel, name: str) -> QPushButton | None:
    found = [b for b in panel.findChildren(QPushButton, "showMoreButton")
             if b.property("list") == name and not b.isHidden()]  # fmt: skip
    return found[0] if found else None


def test_a_long_case_builds_the_rows_the_screen_shows_and_the_rest_on_request(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    case_id, _actions, _events = _long_case(store)
    window = open_window(qtbot, store, content, db_path)
    window.reload_cases(select_case=case_id)
    panel = window.case_overview.memory_panel
    qtbot.waitUntil(lambda: panel.case_id == case_id and panel.history is not None)

    assert len(_rows(panel, "action")) == FIRST_PAGE
    assert len(_rows(panel, "decision")) == FIRST_PAGE
    chronology = _rows(panel, "event") + _rows(panel, "timeline_decision")
    assert len(chronology) == CHRONOLOGY_FIRST_PAGE  # events and decisions, newest
    # The heading still counts everything, and each button says how much is left.
    assert f"{SESSIONS} session(s) · {SESSIONS} open action(s)" in panel.cards.summary_label.text()
    more_actions = _more(panel, "actions")
    assert more_actions.text() == f"Show {NEXT_PAGE} more ({FIRST_PAGE} of {SESSIONS} shown)"
    assert more_actions.accessibleName() == more_actions.text()
    # The chronology shows its newest entries; the button shows the earlier ones.
    titles = [r.findChildren(QWidget)[-1].text() for r in _rows(panel, "event")]
    assert "Event number 29" in titles[-1] and "Event number 25" in titles[0]
    assert _more(panel, "chronology").text().startswith(f"Show {NEXT_PAGE} earlier")

    qtbot.mouseClick(more_actions, Qt.MouseButton.LeftButton)
    assert len(_rows(panel, "action")) == FIRST_PAGE + NEXT_PAGE
    last = _more(panel, "actions")
    assert last.text() == f"Show 5 more ({FIRST_PAGE + NEXT_PAGE} of {SESSIONS} shown)"
    qtbot.mouseClick(last, Qt.MouseButton.LeftButton)
    assert len(_rows(panel, "action")) == SESSIONS
    assert _more(panel, "actions") is None  # everything is shown: no button left

    while _more(panel, "chronology") is not None:
        qtbot.mouseClick(_more(panel, "chronology"), Qt.MouseButton.LeftButton)
    titles = [r.findChildren(QWidget)[-1].text() for r in _rows(panel, "event")]
    assert len(titles) == SESSIONS
    assert "Event number 00" in titles[0] and "Event number 29" in titles[-1]  # oldest first


def test_a_search_result_past_the_first_page_is_built_and_focused(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    case_id, _actions, events = _long_case(store)
    window = open_window(qtbot, store, content, db_path)
    window.reload_cases(select_case=case_id)
    panel = window.case_overview.memory_panel
    qtbot.waitUntil(lambda: panel.case_id == case_id and panel.history is not None)
    oldest = events[0]
    assert not [r for r in _rows(panel, "event") if r.property("memoryItem") == oldest]
    assert panel.focus_item("event", oldest)
    assert panel.found_row is not None and panel.found_row.property("memoryItem") == oldest
