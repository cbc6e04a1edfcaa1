"""The frame every focused-session screen shares: a scrollable, readable column with an
eyebrow, a title, a lead paragraph, the screen's body and a row of buttons at the foot."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from supervision_app.ui.answer_editor import AnswerEditor
from supervision_app.ui.widgets import accessible, push_button, text_label

READABLE_WIDTH = 980


class FocusPage(QScrollArea):
    def __init__(
        self,
        object_name: str,
        eyebrow: str,
        title: str,
        lead: str = "",
        parent: QWidget | None = None,
        *,
        width: int = READABLE_WIDTH,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus goes to the page's controls
        accessible(self, title)
        content = QWidget()
        content.setObjectName("scrollContent")
        outer = QHBoxLayout(content)
        outer.setContentsMargins(28, 22, 28, 24)
        column = QWidget()
        column.setMaximumWidth(width)
        self.column = QVBoxLayout(column)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(12)
        outer.addStretch(1)
        outer.addWidget(column, 100)
        outer.addStretch(1)
        self.setWidget(content)
        self.eyebrow_label = text_label(eyebrow.upper(), "eyebrow")
        self.title_label = text_label(title, "pageTitle", selectable=True)
        self.column.addWidget(self.eyebrow_label)
        self.column.addWidget(self.title_label)
        self.lead_label = text_label(lead, "lead")
        self.column.addWidget(self.lead_label)
        # Hidden or shown once it has a parent: a label made visible without one is shown
        # as a window of its own, for a moment, and takes the activation from the window.
        self.lead_label.setVisible(bool(lead))
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        self.column.addLayout(self.body)
        self.foot = QHBoxLayout()
        self.foot.setContentsMargins(0, 8, 0, 0)
        self.column.addLayout(self.foot)
        self.column.addStretch(1)

    def add_next_button(self, text: str, object_name: str, name: str) -> QPushButton:
        """The primary "Next: …" button at the right of the foot, for the next step."""
        button = push_button(text, object_name, name, primary=True)
        self.foot.addStretch(1)
        self.foot.addWidget(button)
        return button


def card(object_name: str = "card", margins: tuple[int, int, int, int] = (18, 14, 18, 14)):
    """A white card and its vertical layout."""
    frame = QFrame()
    frame.setObjectName(object_name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(*margins)
    layout.setSpacing(8)
    return frame, layout


def section_title(text: str) -> QWidget:
    label = text_label(text, "sectionTitle")
    label.setAlignment(Qt.AlignmentFlag.AlignLeft)
    return label


def session_text_editor(key: str, name: str, object_name: str = "") -> AnswerEditor:
    """A free-text box of Today or the summary, saved under its field key as the session's
    own text (not an answer to a prompt), through the same autosave as answers."""
    # Here, not at the top: Home shares this module, and the first paint needs none of
    # the session's opening and closing (nor the focus model behind them).
    from supervision_app.domain.opening_closing import SESSION_TEXT_KIND

    editor = AnswerEditor(key, "", "")
    editor.kind = SESSION_TEXT_KIND
    editor.setPlaceholderText(name)
    accessible(editor, name)
    if object_name:
        editor.setObjectName(object_name)
    return editor
