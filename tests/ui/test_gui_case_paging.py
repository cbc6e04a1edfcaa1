"""The case list shows a page of cases and a "Show more cases…" row, so that start-up does
not grow with the history; a case asked for by id is listed even when it is further down."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date, timedelta

import pytest

from supervision_app.domain import CaseInput, Child
from supervision_app.ui.case_tree import CASE, KIND_ROLE, MORE_CASES
from supervision_app.ui.window import navigation as navigation_module
from tests.ui.test_gui import open_window


def _listed(window) -> list[str]:
    tree = window.case_tree
    return [
        tree.topLevelItem(i).text(0)
        if tree.topLevelItem(i).data(0, KIND_ROLE) == CASE
        else tree.topLevelItem(i).data(0, KIND_ROLE)
        for i in range(tree.topLevelItemCount())
    ]


@pytest.fixture
def seven_cases(store) -> list[int]:
    ids = []
    for n in range(7):  # C-6 has the newest session, so it is listed first
        case_id = store.cases.create_case(
            CaseInput(f"C-{n}", "Alex Morgan", "Jo Patel", [], [Child("K", date(2019, 3, 14))])
        )
        store.sessions.create_session(case_id, date(2026, 1, 1) + timedelta(days=n), ["Alex"], "1.0.0")
        ids.append(case_id)
    return ids


def test_cases_are_listed_a_page_at_a_time(
    qtbot, store, content, db_path, seven_cases, monkeypatch
):
    monkeypatch.setattr(navigation_module, "CASE_PAGE_SIZE", 3)
    window = open_window(qtbot, store, content, db_path)
    assert _listed(window) == ["C-6", "C-5", "C-4", MORE_CASES]

    tree = window.case_tree
    tree.setCurrentItem(tree.topLevelItem(3))  # "Show more cases…"
    qtbot.waitUntil(lambda: len(_listed(window)) == 7)
    assert _listed(window) == ["C-6", "C-5", "C-4", "C-3", "C-2", "C-1", MORE_CASES]
    assert tree.current_ids() == (seven_cases[3], None)  # the first case of the new page

    tree.setCurrentItem(tree.topLevelItem(6))
    qtbot.waitUntil(lambda: len(_listed(window)) == 7 and _listed(window)[-1] == "C-0")
    window.close()


def test_a_case_further_down_is_listed_when_asked_for(
    qtbot, store, content, db_path, seven_cases, monkeypatch
):
    monkeypatch.setattr(navigation_module, "CASE_PAGE_SIZE", 3)
    window = open_window(qtbot, store, content, db_path)
    oldest = seven_cases[0]
    window.reload_cases(select_case=oldest)
    assert _listed(window)[-1] == "C-0"
    assert window.case_tree.current_ids() == (oldest, None)
    [session] = store.sessions.list_sessions(seven_cases[1])
    window.reload_cases(select_session=session.id)
    assert window.case_tree.current_ids() == (seven_cases[1], session.id)
    window.close()


def test_store_lists_cases_by_page(store, seven_cases) -> None:
    every = [c.reference for c in store.cases.list_cases()]
    assert every == [f"C-{n}" for n in range(6, -1, -1)]
    assert [c.reference for c in store.cases.list_cases(limit=3)] == every[:3]
    assert [c.reference for c in store.cases.list_cases(limit=3, offset=3)] == every[3:6]
