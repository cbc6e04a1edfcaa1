"""The session view's rail: its heading (the session plan, or the agenda and how far through
it), the list of pages with their progress, and the footer that keeps decisions and actions,
the record preview and sign-off in reach. Layout and labels only; the view moves the pages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from supervision_app.ui.stage_navigator import StageNavigator
from supervision_app.ui.widgets import push_button, text_label


class SessionRail(QWidget):
    """``footer``: for "decisions", "preview" and "signoff", the page and how to show it.
    Its texts keep the "SessionView" translation context they have always had."""

    def __init__(
        self,
        navigator: StageNavigator,
        footer: Mapping[str, tuple[QWidget, Callable[[], None]]],
    ) -> None:
        super().__init__()
        self.setObjectName("navigatorPanel")
        self.navigator = navigator
        # The rail never decides how short the window may be (its list scrolls): on a laptop at
        # 200% the window must fit 384 logical pixels before the compact layout takes over.
        self.setMinimumHeight(1)
        nav = QVBoxLayout(self)
        nav.setContentsMargins(0, 16, 0, 8)
        nav.setSpacing(6)
        self.plan_title = text_label(
            QCoreApplication.translate("SessionView", "Session plan").upper(), "panelTitle"
        )
        self.plan_title.setContentsMargins(22, 0, 12, 4)
        nav.addWidget(self.plan_title)
        nav.addWidget(navigator, 1)
        self.footer = RailFooter(footer)
        nav.addWidget(self.footer)

    def show_progress(self, row: int, answered: int, total: int) -> None:
        self.navigator.set_progress(
            row,
            answered,
            total,
            QCoreApplication.translate("SessionView", "{answered} of {total} answered").format(
                answered=answered, total=total
            ),
        )

    def show_plan_title(self, agenda_progress: str | None) -> None:
        """The heading: the agenda and how far through it ("Agenda · 5 of 12"), or the
        session plan (``agenda_progress`` None)."""
        if agenda_progress is not None:
            text = QCoreApplication.translate("SessionView", "Agenda · {progress}").format(
                progress=agenda_progress
            )
        else:
            text = QCoreApplication.translate("SessionView", "Session plan")
        self.plan_title.setText(text.upper())
        self.plan_title.setAccessibleName(text)

    def show_counts(self, row: int, decisions: int, actions: int) -> None:
        """Under Decisions and actions: how many of each."""
        d_text = (
            QCoreApplication.translate("SessionView", "1 decision")
            if decisions == 1
            else QCoreApplication.translate("SessionView", "{n} decisions").format(n=decisions)
        )
        a_text = (
            QCoreApplication.translate("SessionView", "1 action")
            if actions == 1
            else QCoreApplication.translate("SessionView", "{n} actions").format(n=actions)
        )
        self.navigator.set_subtitle(row, f"{d_text} · {a_text}")


class RailFooter(QWidget):
    """Decisions and actions, the record preview and sign-off, pinned at the foot of the
    rail: always in reach without scrolling, however long the agenda."""

    def __init__(self, targets: Mapping[str, tuple[QWidget, Callable[[], None]]]) -> None:
        super().__init__()
        self.setObjectName("railFooter")
        self._pages = {key: page for key, (page, _show) in targets.items()}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 4)
        layout.setSpacing(4)
        self.buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("decisions", self.tr("✓  Decisions and actions")),
            ("preview", self.tr("▤  Record preview")),
            ("signoff", self.tr("✎  Sign-off")),
        ):
            slot = targets[key][1]
            button = push_button(text, f"rail_{key}", text.split("  ", 1)[1])
            button.setCheckable(True)
            button.setStyleSheet("QPushButton { text-align: left; padding: 6px 10px; }")
            button.clicked.connect(lambda _c=False, go=slot: go())
            layout.addWidget(button)
            self.buttons[key] = button
        layout.addWidget(text_label(self.tr("Ctrl+PgDn / Ctrl+PgUp to move between pages"), "hint"))

    def show_current(self, page: QWidget | None) -> None:
        for key, target in self._pages.items():
            self.buttons[key].setChecked(page is target)
