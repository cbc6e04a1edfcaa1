"""A place in the session's page stack for one stage, built the first time it is needed.

Building a stage (a dozen or more cards with their editors) costs tens of
milliseconds; opening a session builds only the stage that is shown, so that
switching sessions stays quick.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QVBoxLayout, QWidget

from supervision_app.ui.stage_page import StagePage


class StageSlot(QWidget):
    def __init__(
        self,
        title: str,
        marker: str,
        build: Callable[[], StagePage],
        prompt_ids: Sequence[str],
        retired_ids: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stageSlot")
        self.title = title
        self.marker = marker
        #: Prompts of the current content on this page (progress counts these).
        self.prompt_ids = list(prompt_ids)
        #: Answers kept from prompts no longer in the content, shown on this page.
        self.retired_ids = list(retired_ids)
        self.page: StagePage | None = None
        self._build = build
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure_page(self) -> tuple[StagePage, bool]:
        """The page, and whether it was built just now."""
        if self.page is not None:
            return self.page, False
        self.page = self._build()
        self._layout.addWidget(self.page)
        return self.page, True

    def counted_ids(self) -> list[str]:
        """The answers that make up this page's "n of m answered"."""
        return self.prompt_ids or self.retired_ids
