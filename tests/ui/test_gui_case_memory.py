"""The case memory in the window: a new session opens on what the case remembers, actions
are carried forward with real buttons and dialogs, search opens the exact place."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from supervision_app.domain.memory import ReviewOutcome
from supervision_app.services.demo import load_demo
from supervision_app.storage import SupervisionStore
from supervision_app.ui.case_memory_panel import CaseMemoryPanel
from supervision_app.ui.main_window import MainWindow
from tests.ui.test_gui import interactive_without_name, open_window, type_text

NEXT = date(2026, 11, 10)


@pytest.fixture
def demo_window(qtbot, store: SupervisionStore, content, db_path: Path):
    loaded = load_demo(store, content)
    session_id = store.sessions.create_session(loaded.history_case_id, NEXT, ["Chloe", "Martin"], "1")
    window = open_window(qtbot, store, content, db_path)
    window.reload_cases(select_session=session_id)
    qtbot.waitUntil(lambda: window.session_view.session_id == session_id)
    # A new session opens on Today; the case so far is one click away.
    assert window.session_view.pages.currentWidget() is window.session_view.focus.today
    qtbot.mouseClick(window.session_view.header.memory_button, Qt.MouseButton.LeftButton)
    return window, loaded.history_case_id, session_id


def _texts(panel: CaseMemoryPanel) -> str:
    return "\n".join(label.text() for label in panel.findChildren(QLabel) if not label.isHidden())


def _click(qtbot, panel: CaseMemoryPanel, name: str, accessible_name: str) -> None:
    [button] = [
        b for b in panel.findChildren(QPushButton, name) if b.accessibleName() == accessible_name
    ]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_case_so_far_is_one_click_from_a_new_session(demo_window) -> None:
    window, _case_id, _session_id = demo_window
    view = window.session_view
    assert view.body.currentWidget() is view.memory_panel
    assert view.header.memory_button.isChecked()
    text = _texts(view.memory_panel)
    assert "Ask MASH to request police information about Dean" in text
    assert "Overdue · 27 Oct 2026" in text
    assert "On track · 28 Nov 2026" in text
    assert "MASH refusal of the June referral" in text and "overdue" in text
    assert "Referrals refused again, with no escalation" in text
    assert "Dean's arrival is linked" in text
    assert "Being tested" in text
    assert "Source: Surrey SCR briefing" in text
    assert "6 earlier session(s)" in text
    assert "Jun 26" in view.memory_panel.cards.chart.describe() or "Jun 2026" in (
        view.memory_panel.cards.chart.describe()
    )
    assert interactive_without_name(view.memory_panel) == []


def test_carrying_forward_and_not_done_from_the_session(qtbot, demo_window, store) -> None:
    window, case_id, session_id = demo_window
    panel = window.session_view.memory_panel
    _click(qtbot, panel, "actionCarryButton", "Carry forward: Book a joint home visit with the Early Help worker")  # fmt: skip
    dialog = panel.recorder.last_dialog
    qtbot.waitUntil(dialog.isVisible)
    type_text(qtbot, dialog.inputs["reason"], "Early Help worker on leave")
    dialog.ok_button.click()
    assert not dialog.isVisible(), dialog.problems_label.text()

    _click(qtbot, panel, "actionNotDoneButton", "Not done: Ask nursery to weigh Ruby monthly and send the chart")  # fmt: skip
    dialog = panel.recorder.last_dialog
    dialog.ok_button.click()  # no reason yet: refused, the dialog stays open
    assert dialog.isVisible() and "why" in dialog.problems_label.text()
    type_text(qtbot, dialog.inputs["reason"], "Nursery has no scales")
    dialog.ok_button.click()
    assert not dialog.isVisible()

    history = store.memory.case_history(case_id)
    joint = next(a for a in history.actions if a.action.description.startswith("Book a joint"))
    assert [(r.outcome, r.reason, r.session_id) for r in joint.reviews] == [
        (ReviewOutcome.CARRIED_FORWARD, "Early Help worker on leave", session_id)
    ]
    assert joint.action.due_date == date(2026, 11, 24)  # two weeks on from the session
    assert "Nursery has no scales" not in _texts(panel)  # no longer open, so no longer listed
    assert "Early Help worker on leave" in _texts(panel)


def test_ratings_typed_in_the_session_are_saved_and_charted(qtbot, demo_window, store) -> None:
    window, _case_id, session_id = demo_window
    panel = window.session_view.memory_panel
    panel.cards.child_rating.setValue(2)
    panel.cards.worker_rating.setValue(4)
    assert store.memory.get_rating(session_id) == (2, 4)
    assert "10 Nov 2026: child 2, worker 4" in panel.cards.chart.describe()


def test_go_on_to_the_reflection_shows_the_stages(qtbot, demo_window) -> None:
    window, _case_id, _session_id = demo_window
    view = window.session_view
    qtbot.mouseClick(
        view.memory_panel.findChild(QPushButton, "startReflectionButton"),
        Qt.MouseButton.LeftButton,
    )
    assert view.body.currentWidget() is view.splitter
    assert not view.header.memory_button.isChecked()


def test_stage_keys_leave_the_case_so_far_and_show_the_stage(qtbot, demo_window) -> None:
    window, _case_id, _session_id = demo_window
    view = window.session_view
    assert view.body.currentWidget() is view.memory_panel
    view.memory_panel.setFocus()
    qtbot.keyClick(view.memory_panel, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert view.body.currentWidget() is view.splitter
    assert view.pages.currentIndex() == 2 and not view.header.memory_button.isChecked()

    qtbot.mouseClick(view.header.memory_button, Qt.MouseButton.LeftButton)
    assert view.body.currentWidget() is view.memory_panel
    view.memory_panel.setFocus()
    qtbot.keyClick(view.memory_panel, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    # The first Ctrl+PgDn shows the page the user was on; the next one moves on.
    assert view.body.currentWidget() is view.splitter and view.pages.currentIndex() == 2
    qtbot.keyClick(
        view.pages.currentWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier
    )
    assert view.pages.currentIndex() == 3


def test_search_opens_the_exact_prompt(qtbot, demo_window, content) -> None:
    window, _case_id, _session_id = demo_window
    dialog = window.search.open()
    type_text(qtbot, dialog.query_edit, "unwelcome doorstep")
    hits = dialog.run_search()
    assert [h.locator for h in hits] == ["authoritative_practice.feelings_as_data"]
    assert dialog.results.count() == 1
    label = dialog.results.itemWidget(dialog.results.item(0))
    assert "<b>unwelcome</b>" in label.text() and "<b>doorstep</b>" in label.text()
    dialog.results.itemActivated.emit(dialog.results.item(0))
    view = window.session_view
    qtbot.waitUntil(lambda: view.session_id == hits[0].session_id)
    editor = view.editor_for("authoritative_practice.feelings_as_data")
    assert editor is not None and "unwelcome" in editor.toPlainText()
    assert view.body.currentWidget() is view.splitter
    stage = content.stage("authoritative_practice")
    assert view.stage_page(view.current_page_index()).title == stage.title


def test_case_overview_shows_the_memory_and_exports_the_case_summary(
    qtbot, demo_window, tmp_path: Path, monkeypatch
) -> None:
    window, case_id, _session_id = demo_window
    window.reload_cases(select_case=case_id)
    assert window.detail_stack.currentWidget() is window.case_overview
    assert "Open actions from earlier sessions" in _texts(window.case_overview.memory_panel)
    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(
        "supervision_app.ui.window.exports.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(target), ""),
    )
    window.store.settings.set_protective_marking("OFFICIAL")  # File > Record settings
    qtbot.mouseClick(window.case_overview.print_button, Qt.MouseButton.LeftButton)
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "OFFICIAL" in text and "OFFICIAL-SENSITIVE" not in text  # the chosen marking
    assert "Case summary: DEMO-0002" in text
    assert "Ask MASH to request police information about Dean" in text
    assert "MASH refusal of the June referral" in text
    assert "Scaling over time" in text and "Chronology" in text
    assert "New partner (Dean) moved into the household" in text
    assert "Repeated appointments the child was not brought to" in text


def test_lazy_case_list_pages_long_histories(qtbot, store, content, db_path: Path) -> None:
    from tests.helpers import make_case

    case_id = make_case(store)
    ids = [store.sessions.create_session(case_id, date(2020, 1, 1 + i % 28).replace(year=2020 + i // 28), ["A"], "1")
           for i in range(120)]  # fmt: skip
    window: MainWindow = open_window(qtbot, store, content, db_path)
    case_item = window.case_tree.topLevelItem(0)
    assert case_item.childCount() == 51  # one page, and "Show older sessions…"
    assert case_item.child(50).text(0) == "Show older sessions…"
    oldest = ids[0]
    assert window.case_tree.select_session(oldest, case_id)  # pages in as needed
    assert case_item.childCount() == 120
    qtbot.waitUntil(lambda: window.session_view.session_id == oldest)


def test_the_case_card_grows_with_its_text_and_never_squashes_it(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    from supervision_app.ui.app import build_window
    from supervision_app.ui.case_overview import CaseOverview

    loaded = load_demo(store, content)
    window = build_window(store.database, content)  # as the app builds it
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    qtbot.waitExposed(window)
    overview = window.case_overview  # built when asked for (the first case chosen would)
    assert isinstance(overview, CaseOverview) and window.findChild(CaseOverview) is overview
    tree = window.case_tree

    def labels_fit() -> bool:
        card = overview.memory_panel.top
        labels = [label for label in card.findChildren(QLabel) if label.text()]
        return len(labels) >= 10 and all(
            label.height() >= max(label.heightForWidth(label.width()), 1) for label in labels
        )

    for case_id in (loaded.case_id, loaded.history_case_id, loaded.case_id):
        item = tree._find("case", case_id)
        qtbot.mouseClick(
            tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center()
        )
        qtbot.waitUntil(lambda case_id=case_id: overview.memory_panel.case_id == case_id)
        qtbot.waitUntil(labels_fit, timeout=10_000)  # generous: a loaded machine
    # Text that grows after the card is shown (a longer line, a larger font) makes the card
    # taller; the rows are never squeezed into the old height.
    overview.sessions_label.setText("Many sessions so far, each with its own story. " * 60)
    qtbot.waitUntil(labels_fit, timeout=10_000)  # generous: a loaded machine
