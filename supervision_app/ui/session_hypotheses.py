"""Under each hypotheses prompt of a session's pages: the case's current hypotheses and the
way into the structured hypotheses tool (in the case so far), kept up to date."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from supervision_app.content import Content
from supervision_app.domain import SessionDetail
from supervision_app.domain.memory import Hypothesis
from supervision_app.ui.case_memory_panel import CaseMemoryPanel
from supervision_app.ui.focus.hypotheses_link import HypothesesLink
from supervision_app.ui.stage_page import HYPOTHESES_KIND, StagePage

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore

#: The prompts under which the structured hypotheses tool is offered.
HYPOTHESIS_PROMPTS = frozenset(
    {"professional_curiosity.hypotheses", "professional_curiosity.testing_hypotheses"}
)


class HypothesisLinks:
    """``open_tool`` shows the case so far at its hypotheses."""

    def __init__(
        self, store: SupervisionStore, memory_panel: CaseMemoryPanel, open_tool: Callable[[], None]
    ) -> None:
        self._store = store
        self._memory_panel = memory_panel
        self._open_tool = open_tool
        self.links: list[HypothesesLink] = []

    def clear(self) -> None:
        self.links = []

    def add_to(self, page: StagePage, case_id: int | None) -> None:
        """Under a hypotheses prompt, the way into the structured hypotheses tool (in the case
        so far), where each hypothesis has its basis, its test, its reviews and evaluation."""
        for card in page.cards:
            if card.editor is not None and card.prompt_id not in HYPOTHESIS_PROMPTS:
                continue
            link = HypothesesLink()
            link.add_requested.connect(self._memory_panel.recorder.add_hypothesis)
            link.open_requested.connect(self._open_tool)
            if card.editor is None:  # the prompt opens the tool: no text of its own
                link.show_hypotheses(self.hypotheses(case_id))
                self.links.append(link)
            else:  # an earlier version's text answer, kept
                link.add_button.hide()
                link.list_label.hide()
            layout = card.layout()
            assert layout is not None  # a prompt card lays out its question and answer
            layout.addWidget(link)

    def hypotheses(self, case_id: int | None) -> list[Hypothesis]:
        """The case's hypotheses: from the case so far when it is loaded, else the store."""
        history = self._memory_panel.history
        if history is None and case_id is not None:
            history = self._store.memory.case_history(case_id)
        return list(history.hypotheses) if history is not None else []

    def refresh(self, case_id: int | None) -> list[Hypothesis]:
        """Show the case's hypotheses under every prompt again; returns them."""
        hypotheses = self.hypotheses(case_id)
        for link in self.links:
            link.show_hypotheses(hypotheses)
        return hypotheses

    def prompts_answered(
        self, detail: SessionDetail, prompt_ids: Iterable[str], content: Content
    ) -> list[str]:
        """The hypotheses prompts among ``prompt_ids``, once this session has raised a
        hypothesis: they count as answered (the prompt stores no text of its own)."""
        if not any(h.session_id == detail.id for h in self.hypotheses(detail.case.id)):
            return []
        return [
            prompt_id
            for prompt_id in prompt_ids
            if (prompt := content.prompt(prompt_id)) and prompt.kind == HYPOTHESES_KIND
        ]
