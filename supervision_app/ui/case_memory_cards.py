"""The cards of the case so far, built from one case history: the heading, open actions,
escalations, pattern prompts, hypotheses, ratings (with this session's, in a session), the
chronology and the decisions. Their buttons record through the
:class:`~.case_memory_recording.MemoryRecorder`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from supervision_app.content import Content
from supervision_app.domain import format_date
from supervision_app.domain.chronology import assemble_chronology
from supervision_app.domain.escalation import escalation_clock
from supervision_app.domain.memory import (
    HYPOTHESES_INVITED,
    CaseHistory,
    DecisionEntry,
    Escalation,
    Hypothesis,
    HypothesisStatus,
    Rag,
    ReviewOutcome,
    TimelineEntry,
    TrackedAction,
)
from supervision_app.domain.patterns import PatternPrompt
from supervision_app.ui.case_memory_recording import MemoryRecorder, MemoryScope
from supervision_app.ui.case_memory_rows import (
    CHRONOLOGY_FIRST_PAGE,
    PagedLists,
    action_button,
    card_frame,
    chip,
    empty_hint,
    memory_row,
    rag_chip,
)
from supervision_app.ui.ratings_chart import RatingsChart
from supervision_app.ui.widgets import push_button, text_label

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore


class MemoryCards(QObject):
    start_requested = Signal()  # "go on to the reflection" (in a session)
    changed = Signal()  # this session's rating was saved

    def __init__(
        self,
        store: SupervisionStore,
        content: Content,
        scope: MemoryScope,
        recorder: MemoryRecorder,
        lists: PagedLists,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.content, self.scope = store, content, scope
        self.recorder, self.lists = recorder, lists

    def heading(self, h: CaseHistory, prompts: Sequence[PatternPrompt]) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        titles = QVBoxLayout()
        titles.addWidget(text_label(self.tr("Case so far").upper(), "eyebrow"))
        red = sum(1 for a in h.open_actions() if a.rag(self.scope.today) is Rag.RED)
        summary = (
            self.tr(
                "{sessions} earlier session(s) · {actions} open action(s), {red} overdue · "
                "{escalations} open escalation(s) · {prompts} pattern prompt(s)"
            )
            if self.scope.session_id is not None
            else self.tr(
                "{sessions} session(s) · {actions} open action(s), {red} overdue · "
                "{escalations} open escalation(s) · {prompts} pattern prompt(s)"
            )
        ).format(
            sessions=len(h.sessions),
            actions=len(h.open_actions()),
            red=red,
            escalations=len(h.open_escalations()),
            prompts=len(prompts),
        )
        self.summary_label = text_label(summary, "secondary")
        titles.addWidget(self.summary_label)
        layout.addLayout(titles, 1)
        if self.scope.session_id is not None:
            start = push_button(
                self.tr("Go on to the reflection →"), "startReflectionButton", primary=True
            )
            start.clicked.connect(self.start_requested)
            layout.addWidget(start, 0, Qt.AlignmentFlag.AlignVCenter)
        return box

    def patterns_card(self, prompts: Sequence[PatternPrompt]) -> QFrame:
        card, layout = card_frame(self.tr("Pattern prompts"), "patterns")
        card.setProperty("attention", True)  # the amber edge: theme.STYLE_SHEET
        if not prompts:
            empty_hint(
                layout, self.tr("No patterns from the serious case reviews show in this history.")
            )
        for p in prompts:
            memory_row(
                layout,
                None,
                [
                    (p.title, "promptTitle"),
                    (p.evidence, ""),
                    (p.message, "secondary"),
                    (
                        self.tr("Source: {source}").format(
                            source=self.content.citations(p.sources)
                        ),
                        "hint",
                    ),
                ],
            )
        return card

    def actions_card(self, h: CaseHistory) -> QFrame:
        card, layout = card_frame(self.tr("Open actions from earlier sessions"), "actions")
        actions = sorted(h.open_actions(), key=lambda a: a.action.due_date or date.max)
        if not actions:
            empty_hint(layout, self.tr("No open actions."))

        def build(tracked: TrackedAction) -> QWidget:
            a = tracked.action
            rag = tracked.rag(self.scope.today)
            history = "\n".join(  # one line per review: each reason reads as written
                f"{format_date(r.session_date)}: {r.outcome.label.lower()}"
                + (f" — {r.reason}" if r.reason else "")
                for r in tracked.reviews
            )
            return memory_row(
                None,
                rag_chip(f"{rag.label} · {format_date(a.due_date)}", rag),
                [
                    (a.description, "promptTitle"),
                    (self.tr("{owner} · agreed {date}").format(owner=a.owner, date=format_date(tracked.session_date)), "secondary"),
                    (self.tr("History:\n{history}").format(history=history) if history else "", "hint"),
                ],
                [
                    action_button(self.tr("Done"), "actionDoneButton",
                                  self.tr("Mark done: {a}").format(a=a.description),
                                  partial(self.recorder.mark_done, tracked)),
                    action_button(self.tr("Not done…"), "actionNotDoneButton",
                                  self.tr("Not done: {a}").format(a=a.description),
                                  partial(self.recorder.review, tracked, ReviewOutcome.NOT_DONE)),
                    action_button(self.tr("Carry forward…"), "actionCarryButton",
                                  self.tr("Carry forward: {a}").format(a=a.description),
                                  partial(self.recorder.review, tracked, ReviewOutcome.CARRIED_FORWARD)),
                ],
            )  # fmt: skip

        self.lists.add("actions", layout, actions, build, lambda t: ("action", t.action.id))
        return card

    def escalations_card(self, h: CaseHistory) -> QFrame:
        raise_button = action_button(
            self.tr("Raise escalation…"), "raiseEscalationButton", self.tr("Raise escalation"),
            self.recorder.raise_escalation,
        )  # fmt: skip
        card, layout = card_frame(self.tr("Open escalations"), "escalations", [raise_button])
        if not h.open_escalations():
            empty_hint(layout, self.tr("No open escalations."))
        route = self.recorder.route
        layout.addWidget(text_label(self.tr("Measured against: {policy}").format(policy=route.name), "hint"))  # fmt: skip

        def build(esc: Escalation) -> QWidget:
            clock = escalation_clock(esc, self.scope.today)
            rag = Rag.RED if clock.overdue else Rag.GREEN
            steps = " → ".join(
                f"{s.stage}. {s.name + ': ' if s.name else ''}{s.with_whom} ({format_date(s.on)})"
                for s in esc.steps
            )
            stage = (
                self.tr("Stage {n} of {total}")
                if clock.stage_name and clock.stage <= len(route.stages)
                else self.tr("Stage {n}")
            ).format(n=clock.stage, total=len(route.stages))
            timing = (
                self.tr("{at} days at this stage; the policy allows {allowed}: overdue")
                if clock.overdue
                else self.tr("{at} days at this stage; the policy allows {allowed}")
            ).format(at=clock.days_at_stage, allowed=clock.days_allowed)
            return memory_row(
                None,
                rag_chip(stage, rag),
                [
                    (esc.subject, "promptTitle"),
                    (self.tr("{stage}With {who} since {since} · raised {raised} · open {days} days")
                     .format(stage=f"{clock.stage_name} · " if clock.stage_name else "",
                             who=clock.with_whom, since=format_date(clock.stage_since),
                             raised=format_date(clock.raised_on), days=clock.days_open),
                     "secondary"),
                    (timing, "promptTitle" if clock.overdue else ""),
                    (self.tr("Stages: {steps}").format(steps=steps), "hint"),
                ],
                [
                    action_button(self.tr("Step up…"), "stepUpButton",
                                  self.tr("Step up: {s}").format(s=esc.subject),
                                  partial(self.recorder.step_up, esc)),
                    action_button(self.tr("Record outcome…"), "closeEscalationButton",
                                  self.tr("Record outcome: {s}").format(s=esc.subject),
                                  partial(self.recorder.close_escalation, esc)),
                ],
            )  # fmt: skip

        self.lists.add("escalations", layout, h.open_escalations(), build,
                       lambda e: ("escalation", e.id))  # fmt: skip
        return card

    def hypotheses_card(self, h: CaseHistory) -> QFrame:
        add = action_button(
            self.tr("Add hypothesis…"), "addHypothesisButton", self.tr("Add hypothesis"),
            self.recorder.add_hypothesis,
        )  # fmt: skip
        card, layout = card_frame(self.tr("Hypotheses"), "hypotheses", [add])
        current = len(h.current_hypotheses())
        invite = self.tr(
            "Aim for at least {n} hypotheses, including the one you least want to be true; "
            "say what each is based on and how it will be tested, then review and evaluate them."
        ).format(n=HYPOTHESES_INVITED)
        if current < HYPOTHESES_INVITED:
            invite += " " + self.tr("{count} current so far.").format(count=current)
        self.hypotheses_invite = text_label(invite, "hint")
        layout.addWidget(self.hypotheses_invite)
        ordered = sorted(h.hypotheses, key=lambda x: (not x.status.is_current, x.raised_on))

        def build(hyp: Hypothesis) -> QWidget:
            reviews = "\n".join(
                f"{format_date(n.on)} — {n.status.label}" + (f". {n.summary}" if n.summary else "")
                for n in hyp.notes
            )
            tone = "discarded" if hyp.status is HypothesisStatus.DISCARDED else "current"
            return memory_row(
                None,
                chip(hyp.status.label, tone),
                [
                    (hyp.text, "promptTitle"),
                    (self.tr("Raised {date}").format(date=format_date(hyp.raised_on)), "secondary"),
                    (self.tr("Based on: {basis}").format(basis=hyp.basis) if hyp.basis else "", ""),
                    (self.tr("How it will be tested: {plan}").format(plan=hyp.test_plan)
                     if hyp.test_plan else "", ""),
                    (self.tr("Reviews:") + "\n" + reviews if reviews else "", "hint"),
                    (self.tr("Evaluation: {text}").format(text=hyp.evaluation)
                     if hyp.evaluation else "", "secondary"),
                ],
                [action_button(self.tr("Review…"), "updateHypothesisButton",
                               self.tr("Review hypothesis: {h}").format(h=hyp.text),
                               partial(self.recorder.update_hypothesis, hyp)),
                 action_button(self.tr("Edit…"), "editHypothesisButton",
                               self.tr("Edit hypothesis: {h}").format(h=hyp.text),
                               partial(self.recorder.edit_hypothesis, hyp))],
            )  # fmt: skip

        self.lists.add("hypotheses", layout, ordered, build, lambda x: ("hypothesis", x.id))
        return card

    def ratings_card(self, h: CaseHistory) -> QFrame:
        card, layout = card_frame(self.tr("Scaling over time"), "ratings")
        self.chart = RatingsChart()
        self.chart.set_ratings(h.ratings)
        layout.addWidget(self.chart)
        latest = h.latest_rating()
        if latest is not None:
            layout.addWidget(text_label(self.tr(
                "Latest ({date}): child's safety {child}/10, worker's safety {worker}/10. "
                "If workers do not feel safe, the child is likely not safe either (Ferguson)."
            ).format(date=format_date(latest.on),
                     child="–" if latest.child_safety is None else latest.child_safety,
                     worker="–" if latest.worker_safety is None else latest.worker_safety),
                "secondary"))  # fmt: skip
        if self.scope.session_id is not None:
            layout.addLayout(self._rating_inputs())
        return card

    def _rating_inputs(self) -> QHBoxLayout:
        assert self.scope.session_id is not None  # ratings are given in a session
        child, worker = self.store.memory.get_rating(self.scope.session_id)
        row = QHBoxLayout()
        row.addWidget(text_label(self.tr("This session:"), "secondary", wrap=False))
        self.child_rating = self._rating_spin(child, self.tr("How safe is the child? (0 to 10)"))
        self.worker_rating = self._rating_spin(
            worker, self.tr("How safe and authoritative do you feel? (0 to 10)")
        )
        for label, spin in (
            (self.tr("Child safe"), self.child_rating),
            (self.tr("Worker safe"), self.worker_rating),
        ):
            row.addWidget(text_label(label, "", wrap=False))
            row.addWidget(spin)
            spin.valueChanged.connect(self._save_rating)
        row.addStretch(1)
        return row

    def _rating_spin(self, value: int | None, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(-1, 10)
        spin.setSpecialValueText(self.tr("not rated"))
        spin.setValue(-1 if value is None else value)
        spin.setAccessibleName(name)
        spin.setMinimumWidth(110)
        return spin

    def _save_rating(self) -> None:
        def value(spin: QSpinBox) -> int | None:
            return None if spin.value() < 0 else spin.value()

        session_id, case_id = self.scope.session_id, self.scope.case_id
        assert session_id is not None and case_id is not None  # shown in a session of a case
        self.store.memory.set_rating(
            session_id, value(self.child_rating), value(self.worker_rating)
        )
        history = self.store.memory.case_history(case_id)
        self.chart.set_ratings(history.ratings)
        self.changed.emit()

    def chronology_card(self, h: CaseHistory) -> QFrame:
        add = action_button(self.tr("Add event…"), "addEventButton", self.tr("Add event to the chronology"), self.recorder.add_event)  # fmt: skip
        card, layout = card_frame(self.tr("Chronology"), "chronology", [add])
        entries = assemble_chronology(h)
        if not entries:
            empty_hint(layout, self.tr("Nothing in the chronology yet."))

        def build(entry: TimelineEntry) -> QWidget:
            box = QWidget()
            line = QHBoxLayout(box)
            line.setContentsMargins(0, 2, 0, 2)
            when = text_label(format_date(entry.on), "secondary", wrap=False)
            when.setMinimumWidth(96)
            kind = text_label(entry.kind.label, "secondary", wrap=False)
            kind.setFixedWidth(200)
            title = text_label(entry.title + (f" — {entry.detail}" if entry.detail else ""), selectable=True)  # fmt: skip
            line.addWidget(when, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(kind, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(title, 1)
            return box

        def key(entry: TimelineEntry) -> tuple[str, int]:
            return (
                "event" if entry.source == "event" else f"timeline_{entry.source}",
                entry.item_id,
            )

        self.lists.add(
            "chronology", layout, entries, build, key, CHRONOLOGY_FIRST_PAGE, earlier=True
        )
        return card

    def decisions_card(self, h: CaseHistory) -> QFrame:
        card, layout = card_frame(self.tr("Decisions on this case"), "decisions")
        if not h.decisions:
            empty_hint(layout, self.tr("No decisions recorded yet."))

        def build(d: DecisionEntry) -> QWidget:
            return memory_row(
                None,
                None,
                [(f"{format_date(d.on)} — {d.text}", "promptTitle"),
                 (self.tr("Rationale: {r}").format(r=d.rationale), "secondary")],
            )  # fmt: skip

        self.lists.add("decisions", layout, list(reversed(h.decisions)), build,
                       lambda d: ("decision", d.id))  # fmt: skip
        return card
