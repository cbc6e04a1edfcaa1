"""Under a prompt of the "hypotheses" kind: the case's current hypotheses, and the way into
the structured tool (add one here, or review them all). The prompt stores no text of its own."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from supervision_app.domain.memory import Hypothesis
from supervision_app.ui.flow_layout import flow_row
from supervision_app.ui.widgets import push_button, text_label


class HypothesesLink(QWidget):
    add_requested = Signal()
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hypothesesLink")
        self.list_label = text_label("", "", selectable=True)
        self.add_button = push_button(
            self.tr("Add hypothesis…"), "addHypothesisHereButton", self.tr("Add hypothesis"),
            primary=True,
        )  # fmt: skip
        self.open_button = push_button(
            self.tr("Open the hypotheses tool →"),
            "openHypothesesToolButton",
            self.tr("Open the hypotheses tool: each hypothesis with what it is based on, "
                    "how it will be tested, its reviews and evaluation"),
        )  # fmt: skip
        self.add_button.clicked.connect(self.add_requested)
        self.open_button.clicked.connect(self.open_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            text_label(
                self.tr("Hypotheses live in one place, the hypotheses tool: each with what it is "
                        "based on and how it will be tested. Nothing is typed twice."),
                "secondary",
            )
        )  # fmt: skip
        layout.addWidget(self.list_label)
        layout.addWidget(flow_row(self.add_button, self.open_button))

    def show_hypotheses(self, hypotheses: Sequence[Hypothesis]) -> None:
        current = [h for h in hypotheses if h.status.is_current]
        self.list_label.setText(
            "\n".join(f"•  {h.text}" for h in current)
            or self.tr("No current hypotheses yet. Aim for at least two, including the one you "
                       "least want to be true.")
        )  # fmt: skip
