"""What a first real session trips over (issue 15), driven through the real window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from supervision_app.demo import load_demo
from supervision_app.storage import SupervisionStore
from tests.test_gui import open_window

NEXT = date(2026, 11, 10)


@pytest.fixture
def demo_window(qtbot, store: SupervisionStore, content, db_path: Path):
    loaded = load_demo(store, content)
    session_id = store.create_session(loaded.history_case_id, NEXT, ["Chloe", "Martin"], "1")
    window = open_window(qtbot, store, content, db_path)
    window.resize(1366, 768)
    window.reload_cases(select_session=session_id)
    qtbot.waitUntil(lambda: window.session_view.session_id == session_id)
    return window, loaded, session_id


def wheel(widget: QWidget, notches: int = -1, *, inner: bool = False) -> None:
    """Turn the mouse wheel over the middle of ``widget`` (negative: towards the user);
    ``inner``: deliver it to the child under the pointer (the line edit of a spin box)."""
    centre = widget.rect().center()
    target = (widget.childAt(centre) if inner else None) or widget
    local = target.mapFrom(widget, centre)
    event = QWheelEvent(
        QPointF(local),
        QPointF(target.mapToGlobal(local)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(target, event)


# -- 2: the mouse wheel never changes a value it passes over ----------------------------


def test_the_wheel_over_a_rating_scrolls_the_page_and_keeps_the_value(
    qtbot, demo_window, store
) -> None:
    window, _loaded, session_id = demo_window
    panel = window.session_view.memory_panel
    spin = panel.worker_rating
    panel.ensureWidgetVisible(spin)
    bar = panel.verticalScrollBar()
    assert bar.maximum() > 0, "the page should be taller than the window at 1366x768"
    before = bar.value()
    assert before > 0
    window.case_tree.setFocus()
    assert not spin.hasFocus()

    wheel(spin, 1, inner=True)  # away from the user: the box would go from "not rated" to 0
    wheel(spin, 1)

    assert spin.value() == -1 and spin.text() == "not rated"
    assert store.memory.get_rating(session_id) == (None, None)
    assert bar.value() < before, "the page did not scroll"
    # A wheel turn does not give the box focus (and with it the next turn).
    assert spin.focusPolicy() != Qt.FocusPolicy.WheelFocus

    # Clicked into (keyboard focus), the box takes the wheel as usual.
    spin.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin, 1)
    assert spin.value() == 0
    assert store.memory.get_rating(session_id) == (None, 0)


def test_every_value_widget_in_the_window_is_guarded(demo_window) -> None:
    from supervision_app.ui.wheel_guard import guarded

    window, _loaded, _session_id = demo_window
    boxes = [w for w in window.findChildren(QWidget) if guarded(w)]
    assert boxes, "expected spin boxes and combo boxes in the window"
    assert [w.objectName() for w in boxes if w.focusPolicy() == Qt.FocusPolicy.WheelFocus] == []
