"""Home after unlock: the first screen says that what needs attention is being worked out,
and the list (with the pattern prompts, which read each case's memory) fills that place once
the window has been painted; the focus goes to the first Start button as before, and a
refill keeps the rows (and the focus) of the cases still listed."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from supervision_app.domain import CaseInput, Child
from supervision_app.domain.memory import EventKind, ReferralOutcome
from supervision_app.storage import SupervisionStore
from supervision_app.ui.main_window import MainWindow


def _case(store: SupervisionStore, reference: str) -> int:
    opened = date.today() - timedelta(days=300)
    return store.cases.create_case(
        CaseInput(reference, "Alex P", "Jo S", children=[Child("K", date(2020, 1, 1))]),
        created_at=datetime(opened.year, opened.month, opened.day, 9, 0),
    )


def test_home_fills_its_list_after_the_first_paint(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    today = date.today()
    overdue = _case(store, "C-OVERDUE")
    session = store.sessions.create_session(overdue, today - timedelta(days=3), ["A"], "1")
    store.sessions.add_action(session, "GP review", "Sam", today - timedelta(days=2))
    pattern = _case(store, "C-PATTERN")  # supervised this week: only its pattern lists it
    store.sessions.create_session(pattern, today - timedelta(days=2), ["A"], "1")
    for days in (150, 30):
        store.memory.add_event(
            pattern, today - timedelta(days=days), EventKind.REFERRAL, "Referral to MASH",
            outcome=ReferralOutcome.REFUSED,
        )  # fmt: skip

    window = MainWindow(store, content, db_path)
    qtbot.addWidget(window)
    page = window.home.page
    assert window.central_stack.currentWidget() is page
    # The first screen: the list's place says it is being worked out; nothing else yet.
    assert page.start_buttons == {}
    assert not page.working_label.isHidden() and page.empty_label.isHidden()
    assert window.focusWidget() is page.all_cases_button

    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: pattern in page.start_buttons)
    assert list(page.start_buttons) == [overdue, pattern]  # most urgent first
    assert page.working_label.isHidden() and page.empty_label.isHidden()
    first, later = page.start_buttons[overdue], page.start_buttons[pattern]
    assert first.accessibleName() == "Start the next session on C-OVERDUE"
    assert first.accessibleDescription().startswith("1 action overdue")
    assert later.accessibleName() == "Start the next session on C-PATTERN"
    assert later.accessibleDescription().startswith("Pattern: Referrals refused again")
    assert bool(first.property("primary")) and not bool(later.property("primary"))
    assert window.focusWidget() is first  # where the first screen's focus would have been

    # Shown again (the Home action): the same rows are kept, and the focus with them.
    later.setFocus()
    window.home.show()
    assert page.start_buttons[pattern] is later and window.focusWidget() is later


def test_home_with_nothing_but_patterns_does_not_say_nothing_needs_attention_first(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    today = date.today()
    pattern = _case(store, "C-PATTERN")
    store.sessions.create_session(pattern, today - timedelta(days=2), ["A"], "1")
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
