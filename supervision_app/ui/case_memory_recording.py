"""Recording what the case remembers, from the case-so-far cards: an action reviewed, a
hypothesis added, reviewed or edited, an escalation raised, stepped up or closed, an event
added to the chronology. Each opens a form (window-modal, kept as :attr:`last_dialog` for
tests); in a session, what is recorded is recorded against it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from supervision_app.content import Content, EscalationPolicy
from supervision_app.domain import ValidationError
from supervision_app.domain.escalation import escalation_route, route_stage, stage_days
from supervision_app.domain.memory import (
    RECORDABLE_KINDS,
    Escalation,
    EventKind,
    Hypothesis,
    HypothesisStatus,
    ReferralOutcome,
    ReviewOutcome,
    TrackedAction,
)
from supervision_app.ui.memory_form_dialog import Field, MemoryFormDialog

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore


@dataclass
class MemoryScope:
    """The case the panel shows, and the session it is shown in (None on the case overview)."""

    case_id: int | None = None
    session_id: int | None = None
    session_date: date | None = None

    @property
    def today(self) -> date:
        return self.session_date or date.today()

    @property
    def case(self) -> int:
        """The case's id: what is recorded is recorded on the case shown."""
        assert self.case_id is not None, "no case is shown"
        return self.case_id


class MemoryRecorder(QObject):
    """``parent``: the panel (its window owns the forms)."""

    recorded = Signal()  # something was recorded

    def __init__(
        self, store: SupervisionStore, content: Content, scope: MemoryScope, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.store, self.content, self.scope = store, content, scope
        self._parent = parent
        self.last_dialog: MemoryFormDialog | None = None

    def _ask(self, title: str, fields: list[Field], save: Callable[[dict[str, Any]], object],
             intro: str = "", ok_text: str = "") -> MemoryFormDialog:  # fmt: skip
        dialog = MemoryFormDialog(
            self._parent.window(), title, fields, save, intro=intro, ok_text=ok_text
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.recorded)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def mark_done(self, tracked: TrackedAction) -> None:
        try:
            self.store.memory.review_action(
                tracked.action.id, ReviewOutcome.DONE, "", self.scope.session_id, self.scope.today
            )
        except ValidationError:  # pragma: no cover - "done" needs nothing more
            return
        self.recorded.emit()

    def review(self, tracked: TrackedAction, outcome: ReviewOutcome) -> MemoryFormDialog:
        carry = outcome is ReviewOutcome.CARRIED_FORWARD
        fields = [Field("reason", self.tr("&Why?") if not carry else self.tr("&Note"), "text")]
        if carry:
            due = tracked.action.due_date
            suggested = max(due, self.scope.today + timedelta(days=14)) if due else None
            fields.append(Field("new_due", self.tr("New &due date"), "optional_date", suggested))

        def save(values: dict[str, Any]) -> None:
            self.store.memory.review_action(
                tracked.action.id, outcome, values["reason"], self.scope.session_id, self.scope.today,
                values.get("new_due"),
            )  # fmt: skip

        return self._ask(
            self.tr("Carry the action forward") if carry else self.tr("Action not done"),
            fields, save, intro=tracked.action.description,
        )  # fmt: skip

    def add_hypothesis(self) -> MemoryFormDialog:
        return self._ask(
            self.tr("Add a hypothesis"),
            [Field("text", self.tr("&Hypothesis"), "text"),
             Field("basis", self.tr("What is it &based on?"), "text"),
             Field("test_plan", self.tr("How will it be &tested?"), "text")],
            lambda v: self.store.memory.add_hypothesis(
                self.scope.case, v["text"], self.scope.today, self.scope.session_id, v["basis"], v["test_plan"]),
            intro=self.tr("What might be happening for this child? Hold it lightly and test it."),
        )  # fmt: skip

    def update_hypothesis(self, hyp: Hypothesis) -> MemoryFormDialog:
        choices = [(s.label, s) for s in HypothesisStatus]
        intro = hyp.text + (
            "\n" + self.tr("To be tested: {plan}").format(plan=hyp.test_plan)
            if hyp.test_plan
            else ""
        )
        return self._ask(
            self.tr("Review the hypothesis"),
            [Field("status", self.tr("&Status"), "choice", hyp.status, choices),
             Field("note", self.tr("How was it &tested?"), "text"),
             Field("result", self.tr("What did that &find?"), "text"),
             Field("evaluation", self.tr("&Evaluation so far"), "text", hyp.evaluation)],
            lambda v: self.store.memory.update_hypothesis(
                hyp.id, v["status"], v["note"], self.scope.today, self.scope.session_id, v["result"],
                v["evaluation"]),
            intro=intro,
        )  # fmt: skip

    def edit_hypothesis(self, hyp: Hypothesis) -> MemoryFormDialog:
        return self._ask(
            self.tr("Edit the hypothesis"),
            [Field("text", self.tr("&Hypothesis"), "text", hyp.text),
             Field("basis", self.tr("What is it &based on?"), "text", hyp.basis),
             Field("test_plan", self.tr("How will it be &tested?"), "text", hyp.test_plan),
             Field("evaluation", self.tr("&Evaluation"), "text", hyp.evaluation)],
            lambda v: self.store.memory.edit_hypothesis(
                hyp.id, v["text"], v["basis"], v["test_plan"], v["evaluation"]),
        )  # fmt: skip

    @property
    def route(self) -> EscalationPolicy:
        """The agency's escalation policy from a content pack, else the built-in route."""
        return escalation_route(self.content.escalation_policy)

    def _stage_choices(self, after: int = 0) -> list[tuple[str, int]]:
        return [
            (self.tr("{n}. {name} ({days} days)").format(n=n, name=stage.name, days=stage_days(stage)), n)
            for n, stage in enumerate(self.route.stages, start=1)
            if n > after
        ]  # fmt: skip

    def _timescale_follows_stage(self, dialog: MemoryFormDialog) -> MemoryFormDialog:
        """The timescale field shows the policy's days for the chosen stage (and can be changed,
        for a local policy that no content pack describes)."""
        combo, spin = dialog.inputs["stage"], dialog.inputs["days"]
        assert isinstance(combo, QComboBox) and isinstance(spin, QSpinBox)
        combo.currentIndexChanged.connect(
            lambda _i: spin.setValue(stage_days(route_stage(self.route, combo.currentData())))
        )
        return dialog

    def raise_escalation(self) -> MemoryFormDialog:
        route = self.route

        def save(v: dict[str, Any]) -> None:
            stage = route_stage(route, v["stage"])
            self.store.memory.raise_escalation(
                self.scope.case, v["subject"], v["with"], v["on"], v["days"],
                self.scope.session_id, v["note"], stage.name, v["stage"])  # fmt: skip

        return self._timescale_follows_stage(self._ask(
            self.tr("Raise an escalation"),
            [Field("subject", self.tr("&What is being escalated?")),
             Field("stage", self.tr("&Stage"), "choice", 1, self._stage_choices()),
             Field("days", self.tr("&Timescale for this stage (days)"), "number",
                   stage_days(route.stages[0]), minimum=1),
             Field("with", self.tr("&With whom")),
             Field("on", self.tr("&Raised on"), "date", self.scope.today),
             Field("note", self.tr("&Note"), "text")],
            save,
            intro=self.tr("Following: {policy}").format(policy=route.name),
        ))  # fmt: skip

    def step_up(self, esc: Escalation) -> MemoryFormDialog:
        route = self.route
        reached = esc.current.stage if esc.current else 0
        choices = self._stage_choices(after=reached)
        if not choices:  # already past the policy's last stage: go on at its last stage's name
            last = route_stage(route, reached + 1)
            choices = [(f"{reached + 1}. {last.name} ({stage_days(last)} days)", reached + 1)]

        def save(v: dict[str, Any]) -> None:
            stage = route_stage(route, v["stage"])
            self.store.memory.step_up_escalation(
                esc.id, v["with"], v["on"], v["note"], self.scope.session_id, stage.name,
                v["days"], v["stage"])  # fmt: skip

        return self._timescale_follows_stage(self._ask(
            self.tr("Step up the escalation"),
            [Field("stage", self.tr("&Stage"), "choice", choices[0][1], choices),
             Field("days", self.tr("&Timescale for this stage (days)"), "number",
                   stage_days(route_stage(route, choices[0][1])), minimum=1),
             Field("with", self.tr("&With whom now")),
             Field("on", self.tr("&Date"), "date", self.scope.today),
             Field("note", self.tr("&Why"), "text")],
            save,
            intro=esc.subject,
        ))  # fmt: skip

    def close_escalation(self, esc: Escalation) -> MemoryFormDialog:
        return self._ask(
            self.tr("Record the outcome"),
            [Field("outcome", self.tr("&Outcome"), "text"),
             Field("on", self.tr("&Date"), "date", self.scope.today)],
            lambda v: self.store.memory.close_escalation(esc.id, v["outcome"], v["on"]),
            intro=esc.subject,
        )  # fmt: skip

    def add_event(self) -> MemoryFormDialog:
        kinds = [(k.label, k) for k in RECORDABLE_KINDS]
        outcomes = [(self.tr("(not a referral)"), ReferralOutcome.NONE)] + [
            (o.label, o) for o in ReferralOutcome if o is not ReferralOutcome.NONE
        ]
        return self._ask(
            self.tr("Add to the chronology"),
            [Field("on", self.tr("&Date"), "date", self.scope.today),
             Field("kind", self.tr("&Kind"), "choice", EventKind.SIGNIFICANT_EVENT, kinds),
             Field("title", self.tr("&What happened")),
             Field("detail", self.tr("De&tail"), "text"),
             Field("outcome", self.tr("Referral &outcome"), "choice", ReferralOutcome.NONE, outcomes)],
            lambda v: self.store.memory.add_event(
                self.scope.case, v["on"], v["kind"], v["title"], v["detail"], v["outcome"], self.scope.session_id),
        )  # fmt: skip
