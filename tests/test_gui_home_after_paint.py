"""Home after unlock: the cases that need attention are listed in the first screen, and the
pattern prompts (which read each case's memory) join them once the window has been
painted, in place: nothing listed is rebuilt and the keyboard focus stays where it was."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from supervision_app.domain import CaseInput, Child
from supervision_app.domain.memory import EventKind, ReferralOutcome
from supervision_app.storage import SupervisionStore
from supervision_app.ui.main_window import MainWindow


def _case(store: SupervisionStore, reference: str) -> int:
    opened = date.today() - timedelta(days=300)
    return store.create_case(
        CaseInput(reference, "Alex P", "Jo S", children=[Child("K", date(2020, 1, 1))]),
        created_at=datetime(opened.year, opened.month, opened.day, 9, 0),
    )


def test_home_lists_at_once_and_adds_the_pattern_prompts_after_the_first_paint(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    today = date.today()
    overdue = _case(store, "C-OVERDUE")
    session = store.create_session(overdue, today - timedelta(days=3), ["A"], "1")
    store.add_action(session, "GP review", "Sam", today - timedelta(days=2))
    pattern = _case(store, "C-PATTERN")  # supervised this week: only its pattern lists it
    store.create_session(pattern, today - timedelta(days=2), ["A"], "1")
    for days in (150, 30):
        store.memory.add_event(
            pattern, today - timedelta(days=days), EventKind.REFERRAL, "Referral to MASH",
            outcome=ReferralOutcome.REFUSED,
        )  # fmt: skip

    window = MainWindow(store, content, db_path)
    qtbot.addWidget(window)
    page = window.home.page
    assert window.central_stack.currentWidget() is page
    # The first screen: the overdue action at once, and the patterns' place says they come.
    assert list(page.start_buttons) == [overdue]
    assert not page.working_label.isHidden() and page.empty_label.isHidden()
    first = page.start_buttons[overdue]
    assert QApplication.focusWidget() in (None, first)  # not shown yet: focus is pending
    assert first.accessibleName() == "Start the next session on C-OVERDUE"
    assert first.accessibleDescription().startswith("1 action overdue")

    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: pattern in page.start_buttons)
    assert list(page.start_buttons) == [overdue, pattern]  # most urgent first
    assert page.start_buttons[overdue] is first  # kept, not rebuilt
    assert page.working_label.isHidden() and page.empty_label.isHidden()
    later = page.start_buttons[pattern]
    assert later.accessibleName() == "Start the next session on C-PATTERN"
    assert later.accessibleDescription().startswith("Pattern: Referrals refused again")
    assert bool(first.property("primary")) and not bool(later.property("primary"))
    if QApplication.focusWidget() is not None:  # offscreen may not activate the window
        assert QApplication.focusWidget() is first


def test_home_with_nothing_but_patterns_does_not_say_nothing_needs_attention_first(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    today = date.today()
    pattern = _case(store, "C-PATTERN")
    store.create_session(pattern, today - timedelta(days=2), ["A"], "1")
    for days in (150, 30):
        store.memory.add_event(
            pattern, today - timedelta(days=days), EventKind.REFERRAL, "Referral to MASH",
            outcome=ReferralOutcome.REFUSED,
        )  # fmt: skip
    window = MainWindow(store, content, db_path)
    qtbot.addWidget(window)
    page = window.home.page
    assert page.start_buttons == {}
    assert page.empty_label.isHidden() and not page.working_label.isHidden()
    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: pattern in page.start_buttons)
    assert page.working_label.isHidden() and page.empty_label.isHidden()
    # Shown again later (the Home action): the whole list at once, patterns included.
    window.home.show()
    assert list(page.start_buttons) == [pattern] and page.working_label.isHidden()
