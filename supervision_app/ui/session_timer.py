"""A gentle session timer and agenda in the status bar: a planned length, a share per stage
(or per agenda item, each with its own minutes), the time used so far, and a gentle word when
an item runs over so that the plan is still reached. It only ever shows text; it never
interrupts or blocks."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QToolButton, QWidget

from supervision_app.ui.widgets import accessible

DEFAULT_MINUTES = 60
TICK_MS = 15_000


class SessionTimer(QWidget):
    def __init__(
        self, clock: Callable[[], float] = time.monotonic, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionTimer")
        self._clock = clock
        self._elapsed = 0.0  # seconds, while paused
        self._started_at: float | None = None
        self._stage_elapsed: dict[str, float] = {}
        self._stage = ""
        self._stage_since: float | None = None
        self._agenda: list[str] = []
        #: Each agenda item's own share in minutes (empty: the stages share equally).
        self._shares: dict[str, int] = {}

        self.toggle_button = QToolButton()
        self.toggle_button.setObjectName("timerToggle")
        self.toggle_button.clicked.connect(self._on_toggle_clicked)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("plannedMinutes")
        self.minutes.setRange(10, 240)
        self.minutes.setSingleStep(5)
        self.minutes.setValue(DEFAULT_MINUTES)
        self.minutes.setSuffix(self.tr(" min planned"))
        accessible(self.minutes, self.tr("Planned session length in minutes"))
        self.minutes.valueChanged.connect(self._on_minutes_changed)
        self.label = QLabel()
        self.label.setObjectName("timerText")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.minutes)
        layout.addWidget(self.toggle_button)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.refresh)
        self.refresh()

    def _on_toggle_clicked(self, _checked: bool = False) -> None:
        self.toggle()

    def _on_minutes_changed(self, _minutes: int) -> None:
        self.refresh()

    # -- state ----------------------------------------------------------------------

    def running(self) -> bool:
        return self._started_at is not None

    def toggle(self) -> None:
        now = self._clock()
        if self._started_at is None:
            self._started_at = now
            self._stage_since = now
            self._ticker.start()
        else:
            self._elapsed += now - self._started_at
            self._bank_stage(now)
            self._started_at = None
            self._stage_since = None
            self._ticker.stop()
        self.refresh()

    def reset(self) -> None:
        self._elapsed, self._started_at, self._stage_since = 0.0, None, None
        self._stage_elapsed = {}
        self._ticker.stop()
        self.refresh()

    def set_agenda(self, stages: list[str]) -> None:
        """The stages that share the planned time equally."""
        self._agenda = list(stages)
        self.refresh()

    def set_shares(self, shares: list[tuple[str, int]], planned: int | None = None) -> None:
        """The agenda's items with their minutes; an empty list goes back to equal stages."""
        self._shares = dict(shares)
        if planned is not None and shares:
            self.minutes.blockSignals(True)
            self.minutes.setValue(planned)
            self.minutes.blockSignals(False)
        self.refresh()

    def share_of(self, stage: str) -> float:
        """The minutes planned for a stage or agenda item."""
        if self._shares:
            return float(self._shares.get(stage, 0))
        return self.planned_per_stage()

    def _planned_items(self) -> list[str]:
        return list(self._shares) if self._shares else self._agenda

    def overrun_minutes(self) -> int:
        """How far the current item has run over its share (0 when within it)."""
        if self._stage not in self._planned_items():
            return 0
        over = self.stage_seconds(self._stage) / 60 - self.share_of(self._stage)
        return max(int(over), 0)

    def set_stage(self, stage: str) -> None:
        now = self._clock()
        self._bank_stage(now)
        self._stage = stage
        self._stage_since = now if self.running() else None
        self.refresh()

    def _bank_stage(self, now: float) -> None:
        if self._stage and self._stage_since is not None:
            spent = now - self._stage_since
            self._stage_elapsed[self._stage] = self._stage_elapsed.get(self._stage, 0.0) + spent
            self._stage_since = now

    def elapsed_seconds(self) -> float:
        running = self._clock() - self._started_at if self._started_at is not None else 0.0
        return self._elapsed + running

    def stage_seconds(self, stage: str) -> float:
        spent = self._stage_elapsed.get(stage, 0.0)
        if stage == self._stage and self._stage_since is not None:
            spent += self._clock() - self._stage_since
        return spent

    def planned_per_stage(self) -> float:
        return self.minutes.value() / max(len(self._agenda), 1)

    # -- display ----------------------------------------------------------------------

    def refresh(self) -> None:
        used = int(self.elapsed_seconds() // 60)
        planned = self.minutes.value()
        if not self.running() and self.elapsed_seconds() == 0:
            text = self.tr("Session timer")
        elif used > planned:
            text = self.tr("{used} min used, {over} over the plan").format(
                used=used, over=used - planned
            )
        else:
            text = self.tr("{used} of {planned} min").format(used=used, planned=planned)
        over = 0
        if self._stage and self._stage in self._planned_items() and self.elapsed_seconds() > 0:
            spent = int(self.stage_seconds(self._stage) // 60)
            share = round(self.share_of(self._stage))
            if self._shares:
                text += self.tr(" · this item {spent} of {share} min").format(
                    spent=spent, share=share
                )
                over = self.overrun_minutes()
                if over:
                    text += self.tr(" · {over} min over: move on when you can, to reach the plan")
                    text = text.format(over=over)
            else:
                text += self.tr(" · this stage {spent} min (about {share} planned)").format(
                    spent=spent, share=share
                )
        self.label.setText(text)
        self.label.setProperty("overrun", bool(over))
        self.label.setStyleSheet("color: #8A4B00;" if over else "")
        agenda = "\n".join(
            self.tr("{stage}: about {share} min, {spent} min so far").format(
                stage=stage,
                share=round(self.share_of(stage)),
                spent=int(self.stage_seconds(stage) // 60),
            )
            for stage in self._planned_items()
        )
        self.label.setToolTip(agenda)
        self.label.setAccessibleName(text)
        self.label.setAccessibleDescription(agenda)
        start = self.tr("Pause timer") if self.running() else self.tr("Start timer")
        self.toggle_button.setText(start)
        accessible(
            self.toggle_button, start, self.tr("The timer only shows time; it never interrupts")
        )
