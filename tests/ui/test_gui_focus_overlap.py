"""A focused-session page rebuilt before Qt is idle (the demo case opened, then its session)
shows no stray widget over its own controls: the agenda's "Today, in order" box, its title and
its start button stay uncovered (a rebuilt row used to linger, visible, out of any layout)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel, QLayout, QScrollArea, QWidget

from supervision_app.services.demo import load_demo
from supervision_app.storage import SupervisionStore
from supervision_app.ui.main_window import MainWindow
from tests.ui.test_gui import open_window


@pytest.fixture
def window(qtbot, store: SupervisionStore, content, db_path: Path) -> Iterator[MainWindow]:
    loaded = load_demo(store, content)
    win = open_window(qtbot, store, content, db_path)
    # As scripts/screenshots.py does: the case, then its session, with no idle time between.
    win.reload_cases(select_case=loaded.case_id)
    win.reload_cases(select_session=loaded.session_id)
    QApplication.processEvents()
    yield win
    win.close()


def _in_layout(layout: QLayout, widget: QWidget) -> bool:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is widget:
            return True
        inner = item.layout()
        if inner is not None and _in_layout(inner, widget):
            return True
    return False


def stray_widgets(page: QScrollArea) -> list[str]:
    """Visible widgets of the page's column that no layout places (each card's children)."""
    content = page.widget()
    assert content is not None
    stray = []
    for widget in content.findChildren(QWidget):
        parent = widget.parentWidget()
        layout = parent.layout() if parent is not None else None
        if layout is None or not widget.isVisibleTo(content):
            continue  # a spin box's own line edit and the like: their parent places them
        if not _in_layout(layout, widget):
            geometry = widget.geometry()
            stray.append(
                f"{type(widget).__name__} {widget.objectName()!r} at {geometry.x()},"
                f"{geometry.y()} {geometry.width()}x{geometry.height()}"
            )
    return stray


def widget_at_centre_of(page: QScrollArea, target: QWidget) -> QWidget | None:
    content = page.widget()
    assert content is not None
    return content.childAt(target.mapTo(content, target.rect().center()))


def test_the_agenda_start_button_and_box_title_are_not_covered(qtbot, window: MainWindow) -> None:
    view = window.session_view
    view.go_to_page(1, scroll_top=True)
    agenda = view.focus.agenda
    qtbot.waitUntil(agenda.isVisible)
    assert agenda.start_button.isVisible()
    assert stray_widgets(agenda) == []
    assert widget_at_centre_of(agenda, agenda.start_button) is agenda.start_button
    title = next(
        label for label in agenda.widget().findChildren(QLabel)
        if label.text() == agenda.tr("Today, in order")
    )  # fmt: skip
    assert widget_at_centre_of(agenda, title) is title
    # A screen's point a person would click lands on the button, too.
    centre = agenda.start_button.mapToGlobal(agenda.start_button.rect().center())
    if QApplication.widgetAt(centre) is not None:
        assert QApplication.widgetAt(centre) is agenda.start_button
    # Reordering rebuilds the rows again, and still leaves nothing behind.
    agenda.move(1, 1)
    QApplication.processEvents()
    assert stray_widgets(agenda) == []


@pytest.mark.parametrize("page_name", ["today", "summary"])
def test_today_and_summary_leave_no_stray_widget_after_a_rebuild(
    qtbot, window: MainWindow, page_name: str
) -> None:
    view = window.session_view
    page = getattr(view.focus, page_name)
    view.focus.go_to(page)
    qtbot.waitUntil(page.isVisible)
    assert stray_widgets(page) == []


def test_the_walk_finds_a_widget_no_layout_places(qtbot, window: MainWindow) -> None:
    """The stray-widget walk sees a widget a page holds out of any layout."""
    agenda = window.session_view.focus.agenda
    content = agenda.widget()
    assert content is not None
    loose = QLabel("loose", content)
    loose.move(QPoint(0, 0))
    loose.show()
    assert any("QLabel" in line for line in stray_widgets(agenda))
