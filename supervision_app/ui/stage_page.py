"""A reflection stage as one scrollable form: heading, why it matters, then the prompt cards."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from supervision_app.content import Content, Prompt, Stage
from supervision_app.domain import Answer, StructuredAnswer
from supervision_app.ui.answer_editor import AnswerEditor
from supervision_app.ui.editor_factory import make_editor
from supervision_app.ui.line_spacing import ReadingLabel
from supervision_app.ui.prompt_card import PromptCard
from supervision_app.ui.structured_editor import AnyEditor
from supervision_app.ui.widgets import push_button, text_label

READABLE_WIDTH = 900
#: A prompt that opens the structured hypotheses tool and stores no text of its own.
HYPOTHESES_KIND = "hypotheses"


class StagePage(QScrollArea):
    previous_requested = Signal()
    next_requested = Signal()

    def __init__(
        self,
        *,
        eyebrow: str,
        title: str,
        summary: str,
        why: str = "",
        source: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus goes to the page's controls
        self.setObjectName("stagePage")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.title = title
        self.cards: list[PromptCard] = []

        content = QWidget()
        content.setObjectName("scrollContent")
        outer = QHBoxLayout(content)
        outer.setContentsMargins(32, 28, 32, 32)
        column_widget = QWidget()
        column_widget.setMaximumWidth(READABLE_WIDTH)
        self._column = QVBoxLayout(column_widget)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(14)
        outer.addStretch(1)
        outer.addWidget(column_widget, 100)
        outer.addStretch(1)
        self.setWidget(content)

        self.eyebrow_label = text_label(eyebrow.upper(), "eyebrow")
        self._column.addWidget(self.eyebrow_label)
        self._column.addWidget(text_label(title, "stageTitle", selectable=True))
        if summary:
            self._column.addWidget(text_label(summary, "stageSummary", selectable=True))
        if why or source:
            self._column.addWidget(self._why_box(why, source))

        self.previous_button = push_button("", "previousStageButton", self.tr("Previous stage"))
        self.next_button = push_button("", "nextStageButton", self.tr("Next stage"), primary=True)
        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self._nav_row = QHBoxLayout()
        self._nav_row.setContentsMargins(0, 12, 0, 0)
        self._nav_row.addWidget(self.previous_button)
        self._nav_row.addStretch(1)
        self._nav_row.addWidget(self.next_button)
        self._body = QVBoxLayout()
        self._body.setSpacing(14)
        self._column.addLayout(self._body)
        self._column.addLayout(self._nav_row)
        self._column.addStretch(1)

    # -- building ---------------------------------------------------------------------

    @classmethod
    def for_stage(
        cls,
        stage: Stage,
        number: int,
        total: int,
        content: Content,
        answers: dict[str, Answer],
        retired: list[Answer],
        tools: dict[str, StructuredAnswer] | None = None,
        children: list[str] | None = None,
        retired_tools: list[StructuredAnswer] | None = None,
        only: set[str] | None = None,
    ) -> StagePage:
        """The page of a stage; ``only``: show just these prompts (a session from before the
        agenda shows its answered prompts only)."""
        page = cls(
            eyebrow=QCoreApplication.translate("StagePage", "Stage {number} of {total}").format(
                number=number, total=total
            ),
            title=stage.title,
            summary=stage.summary,
            why=stage.why,
            source=content.citations(stage.sources),
        )
        group = ""
        for prompt in stage.prompts:
            if only is not None and prompt.id not in only:
                continue
            if prompt.group and prompt.group != group:
                page.add_group(prompt.group)
            group = prompt.group
            page.add_prompt(prompt, content, answers, tools, children)
        page.add_retired(retired, retired_tools or [])
        return page

    def add_prompt(
        self,
        prompt: Prompt,
        content: Content,
        answers: dict[str, Answer],
        tools: dict[str, StructuredAnswer] | None = None,
        children: list[str] | None = None,
    ) -> PromptCard:
        """A prompt's card with its answer (or its tool). A prompt of the "hypotheses" kind
        opens the structured hypotheses tool and has no answer box of its own."""
        answer = answers.get(prompt.id)
        if prompt.kind == HYPOTHESES_KIND:
            card = PromptCard(
                prompt_id=prompt.id,
                stage_id=prompt.stage_id,
                text=prompt.text,
                why=prompt.why,
                source=content.citations(prompt.sources),
                hint=prompt.hint,
                tool=True,
            )
            if answer is not None and answer.text.strip():
                self._body.addWidget(_read_only_card(answer.prompt_text, answer.text))
            self.add_card(card)
            return card
        tool_editor = make_editor(prompt, children or []) if prompt.structured else None
        card = PromptCard(
            prompt_id=prompt.id,
            stage_id=prompt.stage_id,
            text=prompt.text,
            why=prompt.why,
            source=content.citations(prompt.sources),
            hint=prompt.hint,
            editor=tool_editor,
            private=prompt.wellbeing,
        )
        if tool_editor is not None:
            tool = (tools or {}).get(prompt.id)
            tool_editor.load_data(tool.data if tool else None, tool.version or None if tool else None)
            if answer is not None and answer.text.strip():
                # Text written before this prompt became a tool: kept, read-only.
                self._body.addWidget(_read_only_card(answer.prompt_text, answer.text))
        else:
            assert isinstance(card.editor, AnswerEditor)  # a text prompt's card
            card.editor.load_text(answer.text if answer else "", answer.version or None if answer else None)
        self.add_card(card)
        for alias in prompt.aliases:
            # An answer to an earlier prompt merged into this one: kept, read-only, as written.
            earlier = answers.get(alias)
            if earlier is not None and earlier.text.strip():
                self._body.addWidget(_read_only_card(earlier.prompt_text, earlier.text))
        return card

    def add_group(self, title: str) -> None:
        heading = text_label(title, "groupHeading")
        heading.setContentsMargins(0, 10, 0, 0)
        self._body.addWidget(heading)

    def add_card(self, card: PromptCard) -> None:
        self.cards.append(card)
        self._body.addWidget(card)

    def add_retired(
        self, answers: list[Answer], tools: list[StructuredAnswer] | None = None
    ) -> None:
        if not answers and not tools:
            return
        self.add_group(self.tr("Answers to earlier questions"))
        self._body.addWidget(
            text_label(
                self.tr(
                    "These questions are no longer in the prompts. The answers are kept exactly "
                    "as written and still appear in the record."
                ),
                "secondary",
            )
        )
        note = self.tr("This question came from an earlier version of the prompts.")
        for answer in answers:
            card = PromptCard(
                prompt_id=answer.prompt_id,
                stage_id=answer.stage_id,
                text=answer.prompt_text or answer.prompt_id,
                why="",
                source="",
                note=note,
            )
            assert isinstance(card.editor, AnswerEditor)  # a text answer's card
            card.editor.load_text(answer.text, answer.version or None)
            self.add_card(card)
        for tool in tools or []:
            from supervision_app.record.structured import structured_rows  # not at start-up

            rows, rows_note = structured_rows(tool)
            lines = [
                (f"[{r.section}] " if r.section else "")
                + (f"{r.label}: " if r.label else "")
                + r.value
                + (f" ({r.note})" if r.note and not r.note.startswith("(") else f" {r.note}")
                for r in rows
            ]
            self._body.addWidget(
                _read_only_card(
                    tool.prompt_text or tool.prompt_id, "\n".join([*lines, rows_note]).strip()
                )
            )

    def set_navigation(self, previous: str | None, following: str | None) -> None:
        self.previous_button.setVisible(previous is not None)
        self.next_button.setVisible(following is not None)
        if previous is not None:
            self.previous_button.setText(self.tr("←  Previous"))
            self.previous_button.setToolTip(previous)
            self.previous_button.setAccessibleName(
                self.tr("Previous: {title}").format(title=previous)
            )
        if following is not None:
            self.next_button.setText(self.tr("Next: {title}  →").format(title=following))
            self.next_button.setAccessibleName(self.tr("Next: {title}").format(title=following))
        self._fix_tab_order()

    def _fix_tab_order(self) -> None:
        """Top to bottom: each card's explanation toggle and answer, then the page buttons."""
        chain: list[QWidget] = []
        for card in self.cards:
            chain += [card.why_toggle] + ([card.editor] if card.editor is not None else [])
        chain += [self.previous_button, self.next_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- queries ------------------------------------------------------------------------

    def editors(self) -> list[AnyEditor]:
        return [card.editor for card in self.cards if card.editor is not None]

    def set_explanations_visible(self, visible: bool) -> None:
        for card in self.cards:
            card.set_explanation_visible(visible)

    def _why_box(self, why: str, source: str) -> QFrame:
        box = QFrame()
        box.setObjectName("whyBox")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addWidget(text_label(self.tr("Why this matters"), "whyHeading"))
        if why:
            layout.addWidget(ReadingLabel(why, "whyText", selectable=True))
        if source:
            layout.addWidget(
                text_label(
                    self.tr("Source: {citation}").format(citation=source), "source", selectable=True
                )
            )
        return box


def _read_only_card(question: str, text: str) -> QFrame:
    """An answer kept from an earlier version of the content, shown but not edited here."""
    card = QFrame()
    card.setObjectName("promptCard")
    card.setProperty("retired", True)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(20, 14, 20, 14)
    layout.addWidget(ReadingLabel(question, "promptText", selectable=True))
    layout.addWidget(
        text_label(
            QCoreApplication.translate(
                "StagePage", "Kept from an earlier version of the prompts, exactly as written."
            ),
            "retiredNote",
        )
    )
    layout.addWidget(text_label(text, "", selectable=True))
    return card
