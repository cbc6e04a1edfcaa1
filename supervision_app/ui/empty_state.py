"""What a first-time user sees: what the app is for, and two ways to begin."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from supervision_app.ui.widgets import push_button, scroll_body, text_label


class EmptyState(QScrollArea):
    """Scrolls when the window is small (200% text on a laptop)."""

    create_case_requested = Signal()
    load_demo_requested = Signal()

    def __init__(self, stage_titles: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.create_button = push_button(
            self.tr("Create a case"), "createCaseButton", self.tr("Create a case"), primary=True
        )
        self.demo_button = push_button(
            self.tr("Load the fictional demo case"),
            "loadDemoButton",
            self.tr("Load the fictional demo case"),
            description=self.tr("Adds an invented case to explore the app"),
        )
        self.create_button.clicked.connect(self.create_case_requested)
        self.demo_button.clicked.connect(self.load_demo_requested)

        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(680)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(40, 36, 40, 36)
        inner.setSpacing(14)
        inner.addWidget(text_label(self.tr("Reflective supervision").upper(), "eyebrow"))
        inner.addWidget(text_label(self.tr("Think it through together"), "welcomeTitle"))
        inner.addWidget(
            text_label(
                self.tr(
                    "This app guides a supervisor and a practitioner through a reflective "
                    "supervision session about a child, one stage at a time. What you write is "
                    "saved as you type and becomes a clear record with the decisions and actions "
                    "you agree."
                ),
                "lead",
            )
        )
        stages = QVBoxLayout()
        stages.setSpacing(6)
        stages.setContentsMargins(0, 4, 0, 4)
        for number, title in enumerate(stage_titles, start=1):
            stages.addLayout(self._stage_row(number, title))
        inner.addLayout(stages)
        self.where_label = text_label(
            self.tr(
                "Everything stays on this computer. Use a pseudonymous case reference and "
                "first names or initials for children."
            ),
            "secondary",
        )
        self.where_label.setObjectName("recordsWhereLabel")
        inner.addWidget(self.where_label)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.setContentsMargins(0, 10, 0, 0)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        inner.addLayout(buttons)

        content = QWidget()
        scroll_body(content, self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 10)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    @staticmethod
    def _stage_row(number: int, title: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        badge = QLabel(str(number))
        badge.setObjectName("stageBadge")
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge.setFixedSize(26, 26)
        row.addWidget(badge)
        row.addWidget(text_label(title, "stageListTitle"), 1)
        return row

    def show_on_server(self) -> None:
        """The records are on the agency server, not this computer: say so."""
        self.where_label.setText(
            self.tr(
                "These records are kept on your agency's server, under your own login. Use a "
                "pseudonymous case reference and first names or initials for children."
            )
        )
