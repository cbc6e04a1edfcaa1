"""What acts on a chosen case or session is off where none is chosen: on Home and on the
no-cases screen, Session details…, Export PDF… and the rest are greyed out (before, they
were on and did nothing), and they come back with the case list's choice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from supervision_app.storage import SupervisionStore
from supervision_app.ui.app import build_window
from tests.helpers import open_db
from tests.ui.test_gui import make_case


def _session_actions(window) -> dict[str, bool]:
    a = window.actions
    return {
        action.objectName(): action.isEnabled()
        for action in (a.edit_session, a.delete_session, a.export_pdf, a.export_json)
    }


def _case_actions(window) -> dict[str, bool]:
    a = window.actions
    return {
        action.objectName(): action.isEnabled()
        for action in (a.edit_case, a.delete_case, a.new_session, window.summary_action)
    }


@pytest.fixture
def window(qtbot, db_path: Path, content) -> Iterator[object]:
    database = open_db(db_path)
    make_case(SupervisionStore(database))
    window = build_window(database, content, ask_agency_key=False)
    window.resize(1320, 860)
    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    yield window
    window.close()
    database.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_home_offers_no_action_on_a_session_and_the_session_brings_them_back(
    qtbot, window
) -> None:
    page = window.home.page
    assert window.central_stack.currentWidget() is page
    assert not any(_session_actions(window).values())
    assert not any(_case_actions(window).values())

    qtbot.waitUntil(lambda: bool(page.start_buttons), timeout=10_000)
    qtbot.mouseClick(next(iter(page.start_buttons.values())), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.central_stack.currentWidget() is window.splitter)
    assert all(_session_actions(window).values())
    assert all(_case_actions(window).values())

    window.home.action.trigger()  # back to Home: the session is no longer on screen
    assert window.central_stack.currentWidget() is page
    assert not any(_session_actions(window).values())

    qtbot.mouseClick(page.all_cases_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.central_stack.currentWidget() is window.splitter)
    case_id, session_id = window.current_ids()
    assert _case_actions(window) == dict.fromkeys(_case_actions(window), case_id is not None)
    assert _session_actions(window) == dict.fromkeys(
        _session_actions(window), session_id is not None
    )
