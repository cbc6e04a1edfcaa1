"""What the case remembers: pattern prompts, open actions, escalations, hypotheses,
ratings, the chronology and the decisions, with the controls to bring them up to date.

Shown on the case overview and at the start of a session.  In a session, whatever is
recorded here (an action reviewed, a hypothesis updated) is recorded against it.

A long case (eight years of monthly supervision: 100 sessions, dozens of open actions)
costs what the screen shows, not what the case holds: each list builds its first few rows
(the most urgent actions, the newest decisions and chronology entries) and a "Show more"
button builds the next ones when asked (:class:`_Pager`).  The counts in the heading and
on each button say how much there is, so nothing is silently left out.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from supervision_app.content import Content, EscalationPolicy
from supervision_app.content.patterns import PatternRule
from supervision_app.domain import ValidationError, format_date
from supervision_app.domain.chronology import assemble_chronology
from supervision_app.domain.escalation import (
    escalation_clock,
    escalation_route,
    route_stage,
    stage_days,
)
from supervision_app.domain.memory import (
    HYPOTHESES_INVITED,
    RECORDABLE_KINDS,
    CaseHistory,
    DecisionEntry,
    Escalation,
    EventKind,
    Hypothesis,
    HypothesisStatus,
    Rag,
    ReferralOutcome,
    ReviewOutcome,
    TimelineEntry,
    TrackedAction,
)
from supervision_app.domain.patterns import PatternPrompt, evaluate
from supervision_app.ui.flow_layout import flow_row
from supervision_app.ui.memory_form_dialog import Field, MemoryFormDialog
from supervision_app.ui.ratings_chart import RatingsChart
from supervision_app.ui.widgets import push_button, text_label

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore

RAG_COLOURS = {Rag.RED: "#A3161B", Rag.AMBER: "#8A5300", Rag.GREEN: "#1C6B3A"}
RAG_BACKGROUNDS = {Rag.RED: "#FCEBEC", Rag.AMBER: "#FFF3DC", Rag.GREEN: "#E6F3EA"}
#: rows each list builds at first (the chronology: its newest entries)
FIRST_PAGE = 5
CHRONOLOGY_FIRST_PAGE = 10
#: rows each "Show more" adds
NEXT_PAGE = 20
FOUND_BACKGROUND = "#FFF3C4"  # the row a search result opened


def _chip(text: str, colour: str, background: str) -> QLabel:
    chip = text_label(text, "chip", wrap=False)
    chip.setStyleSheet(
        f"QLabel {{ color: {colour}; background: {background}; border-radius: 9px;"
        " padding: 2px 9px; font-weight: 600; }"
    )
    chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return chip


@dataclass
class _Pager:
    """One list of a card, built a page at a time.

    ``items`` are in display order; ``build`` makes the row of one item (its record's kind
    and id come from ``key``, so that a search result can find it).  With ``earlier``, the
    list shows its last items first and the button above them shows earlier ones (the
    chronology); otherwise the button under the rows shows the next ones."""

    name: str
    layout: QVBoxLayout
    items: list
    build: Callable[[Any], QWidget]
    key: Callable[[Any], tuple[str, int]]
    earlier: bool = False
    shown: int = 0
    button: QPushButton | None = None
    rows: list[QWidget] = field(default_factory=list)

    @property
    def remaining(self) -> int:
        return len(self.items) - self.shown


class CaseMemoryPanel(QScrollArea):
    changed = Signal()  # something was recorded
    start_requested = Signal()  # "go on to the reflection" (session mode)

    def __init__(
        self,
        store: SupervisionStore,
        content: Content,
        rules: Sequence[PatternRule],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus goes to the page's controls
        self.setObjectName("caseMemoryPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.store, self.content, self.rules = store, content, tuple(rules)
        self.case_id: int | None = None
        self.session_id: int | None = None
        self.session_date: date | None = None
        self.history: CaseHistory | None = None
        self.prompts: list[PatternPrompt] = []
        self.last_dialog: MemoryFormDialog | None = None
        self.found_row: QWidget | None = None  # the row a search result pointed at
        self._pagers: dict[str, _Pager] = {}
        #: A widget kept at the top of the column (the case card on the overview).
        self.top: QWidget | None = None
        self._body = QWidget()
        self._body.setObjectName("scrollContent")
        self._body.setStyleSheet("QLabel#promptTitle { font-weight: 600; }")
        self._column = QVBoxLayout(self._body)
        self._column.setContentsMargins(28, 20, 28, 28)
        self._column.setSpacing(16)
        self.setWidget(self._body)

    # -- loading -------------------------------------------------------------------------

    def show_case(
        self,
        case_id: int,
        session_id: int | None = None,
        session_date: date | None = None,
        load: bool = True,
    ) -> None:
        """Point the panel at a case (and session); ``load=False`` defers the reading."""
        self.case_id, self.session_id, self.session_date = case_id, session_id, session_date
        self.history = None
        if load:
            self.refresh()

    def forget(self) -> None:
        """Remove every case card (the window is locking); :meth:`show_case` brings them back."""
        self.case_id, self.session_id, self.history = None, None, None
        self._clear_column()

    @property
    def today(self) -> date:
        return self.session_date or date.today()

    def refresh(self) -> None:
        if self.case_id is None:
            return
        history = self.store.memory.case_history(self.case_id)
        if self.session_id is not None:
            # This session's own actions are not "carried forward", and a session that has
            # only just begun is not yet evidence of anything missing.
            history.actions = [a for a in history.actions if a.session_id != self.session_id]
            history.sessions = [s for s in history.sessions if s.session_id != self.session_id]
        self.history = history
        self.prompts = evaluate(self.rules, history, self.today)
        self._rebuild()

    def _clear_column(self) -> None:
        """Remove every card but :attr:`top`, which stays where it is: taking it out and
        adding it again would leave Qt's cached height of the old layout item in charge."""
        keep = 0
        if self.top is not None:
            if self._column.indexOf(self.top) != 0:
                self._column.insertWidget(0, self.top)
            keep = 1
        while self._column.count() > keep:
            widget = self._column.takeAt(keep).widget()
            if widget is not None:
                widget.setParent(None)  # out of the tree now, deleted when Qt is idle
                widget.deleteLater()

    def _rebuild(self) -> None:
        self._clear_column()
        self._pagers = {}
        h = self.history
        assert h is not None
        self._column.addWidget(self._heading(h))
        self._column.addWidget(self._actions_card(h))
        self._column.addWidget(self._escalations_card(h))
        self._column.addWidget(self._patterns_card())
        self._column.addWidget(self._hypotheses_card(h))
        self._column.addWidget(self._ratings_card(h))
        self._column.addWidget(self._chronology_card(h))
        self._column.addWidget(self._decisions_card(h))
        self._column.addStretch(1)

    # -- building blocks ---------------------------------------------------------------

    def _card(
        self, title: str, name: str, buttons: Sequence[QPushButton] = ()
    ) -> tuple[QFrame, QVBoxLayout]:
        card = QFrame()
        card.setObjectName("card")
        card.setProperty("section", name)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(22, 16, 22, 18)
        layout.setSpacing(10)
        head = QHBoxLayout()
        heading = text_label(title, "sectionTitle")
        heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        head.addWidget(heading, 1)
        for b in buttons:
            head.addWidget(b)
        layout.addLayout(head)
        return card, layout

    def _row(self, parent: QVBoxLayout | None, chip: QLabel | None,
             lines: Sequence[tuple[str, str]], buttons: Sequence[QPushButton] = ()) -> QFrame:  # fmt: skip
        row = QFrame()
        row.setObjectName("memoryRow")
        row.setStyleSheet("QFrame#memoryRow { border-top: 1px solid #E3E8ED; }")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 8, 0, 2)
        layout.setSpacing(12)
        if chip is not None:
            layout.addWidget(chip, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(2)
        for line, style in lines:
            if line:
                text.addWidget(text_label(line, style, selectable=True))
        if buttons:  # under the text, wrapping: the text keeps the width at 200%
            text.addSpacing(4)
            text.addWidget(flow_row(*buttons))
        layout.addLayout(text, 1)
        if parent is not None:
            parent.addWidget(row)
        return row

    # -- lists built a page at a time ------------------------------------------------------

    def _paged(self, name: str, layout: QVBoxLayout, items: Sequence[Any],
               build: Callable[[Any], QWidget], key: Callable[[Any], tuple[str, int]],
               first: int = FIRST_PAGE, earlier: bool = False) -> _Pager:  # fmt: skip
        """Show the first ``first`` rows of ``items`` in ``layout`` and a button for the rest."""
        pager = _Pager(name, layout, list(items), build, key, earlier)
        self._pagers[name] = pager
        self._show_more(pager, first)
        return pager

    def _show_more(self, pager: _Pager, count: int = NEXT_PAGE) -> list[QWidget]:
        """Build the next ``count`` rows of ``pager`` (all of them with a negative count)."""
        count = pager.remaining if count < 0 else min(count, pager.remaining)
        if count <= 0:
            return []
        total = len(pager.items)
        if pager.earlier:  # the newest are shown; these are the ones just before them
            chunk = pager.items[total - pager.shown - count : total - pager.shown]
        else:
            chunk = pager.items[pager.shown : pager.shown + count]
        if pager.button is None and pager.remaining > count:
            pager.button = self._button("", "showMoreButton", "", lambda p=pager: self._more_clicked(p))
            pager.button.setProperty("list", pager.name)
            pager.layout.addWidget(pager.button, 0, Qt.AlignmentFlag.AlignLeft)
        if pager.button is not None:
            at = pager.layout.indexOf(pager.button) + (1 if pager.earlier else 0)
        else:
            at = pager.layout.count()
        new_rows = []
        for offset, item in enumerate(chunk):
            row = pager.build(item)
            kind, item_id = pager.key(item)
            self._mark(row, kind, item_id)
            pager.layout.insertWidget(at + offset, row)
            new_rows.append(row)
        pager.rows = new_rows + pager.rows if pager.earlier else pager.rows + new_rows
        pager.shown += count
        self._label_more(pager)
        return new_rows

    def _label_more(self, pager: _Pager) -> None:
        button = pager.button
        if button is None:
            return
        if not pager.remaining:
            if button.hasFocus() and pager.rows:
                target = pager.rows[0] if pager.earlier else pager.rows[-1]
                (target.findChild(QPushButton) or self).setFocus(Qt.FocusReason.OtherFocusReason)
            pager.layout.removeWidget(button)
            button.setParent(None)
            button.deleteLater()
            pager.button = None
            return
        step = min(NEXT_PAGE, pager.remaining)
        text = (
            self.tr("Show {n} earlier ({shown} of {total} shown)")
            if pager.earlier
            else self.tr("Show {n} more ({shown} of {total} shown)")
        ).format(n=step, shown=pager.shown, total=len(pager.items))
        button.setText(text)
        button.setAccessibleName(text)

    def _more_clicked(self, pager: _Pager) -> None:
        self._show_more(pager)
        self._body.adjustSize()

    def _button(
        self, text: str, name: str, accessible_name: str, slot: Callable[[], None]
    ) -> QPushButton:
        button = push_button(text, name, accessible_name)
        button.clicked.connect(lambda _checked=False: slot())  # never pass "checked" on
        return button

    def _empty(self, layout: QVBoxLayout, text: str) -> None:
        layout.addWidget(text_label(text, "hint"))

    def _mark(self, row: QWidget, kind: str, item_id: int) -> None:
        """Name a row after the record it shows, so a search result can find it."""
        row.setProperty("memoryKind", kind)
        row.setProperty("memoryItem", item_id)

    def item_row(self, kind: str, item_id: int) -> QWidget | None:
        """The row showing record ``item_id`` of ``kind`` (action, decision, hypothesis,
        escalation, event), or None if it is not shown."""
        if self.history is None and self.case_id is not None:
            self.refresh()
        for pager in self._pagers.values():
            if pager.remaining and (kind, item_id) in {pager.key(item) for item in pager.items}:
                self._show_more(pager, -1)  # a search result may point past the first page
        for row in self._body.findChildren(QWidget):
            if row.property("memoryKind") == kind and row.property("memoryItem") == item_id:
                return row
        return None

    def show_section(self, name: str) -> bool:
        """Scroll to one card ("hypotheses", "escalations"…) and focus its first button."""
        if self.history is None and self.case_id is not None:
            self.refresh()
        card = next(
            (f for f in self._body.findChildren(QFrame) if f.property("section") == name), None
        )
        if card is None:
            return False
        button = card.findChild(QPushButton)
        (button or self).setFocus(Qt.FocusReason.OtherFocusReason)
        self._body.adjustSize()
        QTimer.singleShot(0, lambda c=card: self._scroll_to(c))
        self.ensureWidgetVisible(card, 0, 10)
        return True

    def focus_item(self, kind: str, item_id: int) -> bool:
        """Scroll to the row of one record, mark it and put the focus on it (a search result)."""
        row = self.item_row(kind, item_id) or self.item_row(f"timeline_{kind}", item_id)
        if self.found_row is not None:
            with contextlib.suppress(RuntimeError):  # already deleted by a rebuild
                self.found_row.setStyleSheet(self.found_row.property("plainStyle") or "")
        self.found_row = row
        if row is None:
            return False
        if not row.objectName():
            row.setObjectName("memoryLine")
        plain = row.property("plainStyle")
        if plain is None:
            plain = row.styleSheet()
            row.setProperty("plainStyle", plain)
        row.setStyleSheet(
            f"{plain} QWidget#{row.objectName()} {{ background: {FOUND_BACKGROUND}; }}"
        )
        button = row.findChild(QPushButton)
        (button or self).setFocus(Qt.FocusReason.OtherFocusReason)
        self._body.adjustSize()
        self.ensureWidgetVisible(row, 0, 40)
        QTimer.singleShot(0, lambda r=row: self._scroll_to(r))  # again once laid out
        return True

    def _scroll_to(self, row: QWidget) -> None:
        with contextlib.suppress(RuntimeError):
            self.ensureWidgetVisible(row, 0, 40)

    # -- sections ----------------------------------------------------------------------

    def _heading(self, h: CaseHistory) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        titles = QVBoxLayout()
        titles.addWidget(text_label(self.tr("Case so far").upper(), "eyebrow"))
        red = sum(1 for a in h.open_actions() if a.rag(self.today) is Rag.RED)
        summary = (
            self.tr(
                "{sessions} earlier session(s) · {actions} open action(s), {red} overdue · "
                "{escalations} open escalation(s) · {prompts} pattern prompt(s)"
            )
            if self.session_id is not None
            else self.tr(
                "{sessions} session(s) · {actions} open action(s), {red} overdue · "
                "{escalations} open escalation(s) · {prompts} pattern prompt(s)"
            )
        ).format(
            sessions=len(h.sessions),
            actions=len(h.open_actions()),
            red=red,
            escalations=len(h.open_escalations()),
            prompts=len(self.prompts),
        )
        self.summary_label = text_label(summary, "secondary")
        titles.addWidget(self.summary_label)
        layout.addLayout(titles, 1)
        if self.session_id is not None:
            start = push_button(
                self.tr("Go on to the reflection →"), "startReflectionButton", primary=True
            )
            start.clicked.connect(self.start_requested)
            layout.addWidget(start, 0, Qt.AlignmentFlag.AlignVCenter)
        return box

    def _patterns_card(self) -> QFrame:
        card, layout = self._card(self.tr("Pattern prompts"), "patterns")
        card.setStyleSheet("QFrame#card { border-left: 4px solid #8A5300; }")
        if not self.prompts:
            self._empty(
                layout, self.tr("No patterns from the serious case reviews show in this history.")
            )
        for p in self.prompts:
            self._row(
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

    def _actions_card(self, h: CaseHistory) -> QFrame:
        card, layout = self._card(self.tr("Open actions from earlier sessions"), "actions")
        actions = sorted(h.open_actions(), key=lambda a: a.action.due_date or date.max)
        if not actions:
            self._empty(layout, self.tr("No open actions."))
        def build(tracked: TrackedAction) -> QWidget:
            a = tracked.action
            rag = tracked.rag(self.today)
            history = "\n".join(  # one line per review: each reason reads as written
                f"{format_date(r.session_date)}: {r.outcome.label.lower()}"
                + (f" — {r.reason}" if r.reason else "")
                for r in tracked.reviews
            )
            return self._row(
                None,
                _chip(f"{rag.label} · {format_date(a.due_date)}", RAG_COLOURS[rag], RAG_BACKGROUNDS[rag]),
                [
                    (a.description, "promptTitle"),
                    (self.tr("{owner} · agreed {date}").format(owner=a.owner, date=format_date(tracked.session_date)), "secondary"),
                    (self.tr("History:\n{history}").format(history=history) if history else "", "hint"),
                ],
                [
                    self._button(self.tr("Done"), "actionDoneButton",
                                 self.tr("Mark done: {a}").format(a=a.description),
                                 lambda t=tracked: self.mark_done(t)),
                    self._button(self.tr("Not done…"), "actionNotDoneButton",
                                 self.tr("Not done: {a}").format(a=a.description),
                                 lambda t=tracked: self.review(t, ReviewOutcome.NOT_DONE)),
                    self._button(self.tr("Carry forward…"), "actionCarryButton",
                                 self.tr("Carry forward: {a}").format(a=a.description),
                                 lambda t=tracked: self.review(t, ReviewOutcome.CARRIED_FORWARD)),
                ],
            )  # fmt: skip

        self._paged("actions", layout, actions, build, lambda t: ("action", t.action.id))
        return card

    def _escalations_card(self, h: CaseHistory) -> QFrame:
        raise_button = self._button(
            self.tr("Raise escalation…"), "raiseEscalationButton", self.tr("Raise escalation"),
            self.raise_escalation,
        )  # fmt: skip
        card, layout = self._card(self.tr("Open escalations"), "escalations", [raise_button])
        if not h.open_escalations():
            self._empty(layout, self.tr("No open escalations."))
        route = self.route
        layout.addWidget(text_label(self.tr("Measured against: {policy}").format(policy=route.name), "hint"))  # fmt: skip
        def build(esc: Escalation) -> QWidget:
            clock = escalation_clock(esc, self.today)
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
            return self._row(
                None,
                _chip(stage, RAG_COLOURS[rag], RAG_BACKGROUNDS[rag]),
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
                    self._button(self.tr("Step up…"), "stepUpButton",
                                 self.tr("Step up: {s}").format(s=esc.subject),
                                 lambda e=esc: self.step_up(e)),
                    self._button(self.tr("Record outcome…"), "closeEscalationButton",
                                 self.tr("Record outcome: {s}").format(s=esc.subject),
                                 lambda e=esc: self.close_escalation(e)),
                ],
            )  # fmt: skip

        self._paged("escalations", layout, h.open_escalations(), build,
                    lambda e: ("escalation", e.id))  # fmt: skip
        return card

    def _hypotheses_card(self, h: CaseHistory) -> QFrame:
        add = self._button(
            self.tr("Add hypothesis…"), "addHypothesisButton", self.tr("Add hypothesis"),
            self.add_hypothesis,
        )  # fmt: skip
        card, layout = self._card(self.tr("Hypotheses"), "hypotheses", [add])
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
            colour = "#44505C" if hyp.status is HypothesisStatus.DISCARDED else "#1D5A96"
            return self._row(
                None,
                _chip(hyp.status.label, colour, "#EEF2F5"),
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
                [self._button(self.tr("Review…"), "updateHypothesisButton",
                              self.tr("Review hypothesis: {h}").format(h=hyp.text),
                              lambda x=hyp: self.update_hypothesis(x)),
                 self._button(self.tr("Edit…"), "editHypothesisButton",
                              self.tr("Edit hypothesis: {h}").format(h=hyp.text),
                              lambda x=hyp: self.edit_hypothesis(x))],
            )  # fmt: skip

        self._paged("hypotheses", layout, ordered, build, lambda x: ("hypothesis", x.id))
        return card

    def _ratings_card(self, h: CaseHistory) -> QFrame:
        card, layout = self._card(self.tr("Scaling over time"), "ratings")
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
        if self.session_id is not None:
            layout.addLayout(self._rating_inputs())
        return card

    def _rating_inputs(self) -> QHBoxLayout:
        child, worker = self.store.memory.get_rating(self.session_id)
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

        self.store.memory.set_rating(
            self.session_id, value(self.child_rating), value(self.worker_rating)
        )
        history = self.store.memory.case_history(self.case_id)
        self.chart.set_ratings(history.ratings)
        self.changed.emit()

    def _chronology_card(self, h: CaseHistory) -> QFrame:
        add = self._button(self.tr("Add event…"), "addEventButton", self.tr("Add event to the chronology"), self.add_event)  # fmt: skip
        card, layout = self._card(self.tr("Chronology"), "chronology", [add])
        entries = assemble_chronology(h)
        if not entries:
            self._empty(layout, self.tr("Nothing in the chronology yet."))

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
            return ("event" if entry.source == "event" else f"timeline_{entry.source}", entry.item_id)

        self._paged("chronology", layout, entries, build, key, CHRONOLOGY_FIRST_PAGE, earlier=True)
        return card

    def _decisions_card(self, h: CaseHistory) -> QFrame:
        card, layout = self._card(self.tr("Decisions on this case"), "decisions")
        if not h.decisions:
            self._empty(layout, self.tr("No decisions recorded yet."))
        def build(d: DecisionEntry) -> QWidget:
            return self._row(
                None,
                None,
                [(f"{format_date(d.on)} — {d.text}", "promptTitle"),
                 (self.tr("Rationale: {r}").format(r=d.rationale), "secondary")],
            )  # fmt: skip

        self._paged("decisions", layout, list(reversed(h.decisions)), build,
                    lambda d: ("decision", d.id))  # fmt: skip
        return card

    # -- recording -----------------------------------------------------------------------

    def _ask(self, title: str, fields: list[Field], save: Callable[[dict[str, Any]], object],
             intro: str = "", ok_text: str = "") -> MemoryFormDialog:  # fmt: skip
        dialog = MemoryFormDialog(self.window(), title, fields, save, intro=intro, ok_text=ok_text)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._after_change)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit()

    def mark_done(self, tracked: TrackedAction) -> None:
        try:
            self.store.memory.review_action(
                tracked.action.id, ReviewOutcome.DONE, "", self.session_id, self.today
            )
        except ValidationError:  # pragma: no cover - "done" needs nothing more
            return
        self._after_change()

    def review(self, tracked: TrackedAction, outcome: ReviewOutcome) -> MemoryFormDialog:
        carry = outcome is ReviewOutcome.CARRIED_FORWARD
        fields = [Field("reason", self.tr("&Why?") if not carry else self.tr("&Note"), "text")]
        if carry:
            due = tracked.action.due_date
            suggested = max(due, self.today + timedelta(days=14)) if due else None
            fields.append(Field("new_due", self.tr("New &due date"), "optional_date", suggested))

        def save(values: dict[str, Any]) -> None:
            self.store.memory.review_action(
                tracked.action.id, outcome, values["reason"], self.session_id, self.today,
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
                self.case_id, v["text"], self.today, self.session_id, v["basis"], v["test_plan"]),
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
                hyp.id, v["status"], v["note"], self.today, self.session_id, v["result"],
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
        combo.currentIndexChanged.connect(
            lambda _i: spin.setValue(stage_days(route_stage(self.route, combo.currentData())))
        )
        return dialog

    def raise_escalation(self) -> MemoryFormDialog:
        route = self.route

        def save(v: dict[str, Any]) -> None:
            stage = route_stage(route, v["stage"])
            self.store.memory.raise_escalation(
                self.case_id, v["subject"], v["with"], v["on"], v["days"],
                self.session_id, v["note"], stage.name, v["stage"])  # fmt: skip

        return self._timescale_follows_stage(self._ask(
            self.tr("Raise an escalation"),
            [Field("subject", self.tr("&What is being escalated?")),
             Field("stage", self.tr("&Stage"), "choice", 1, self._stage_choices()),
             Field("days", self.tr("&Timescale for this stage (days)"), "number",
                   stage_days(route.stages[0]), minimum=1),
             Field("with", self.tr("&With whom")),
             Field("on", self.tr("&Raised on"), "date", self.today),
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
                esc.id, v["with"], v["on"], v["note"], self.session_id, stage.name,
                v["days"], v["stage"])  # fmt: skip

        return self._timescale_follows_stage(self._ask(
            self.tr("Step up the escalation"),
            [Field("stage", self.tr("&Stage"), "choice", choices[0][1], choices),
             Field("days", self.tr("&Timescale for this stage (days)"), "number",
                   stage_days(route_stage(route, choices[0][1])), minimum=1),
             Field("with", self.tr("&With whom now")),
             Field("on", self.tr("&Date"), "date", self.today),
             Field("note", self.tr("&Why"), "text")],
            save,
            intro=esc.subject,
        ))  # fmt: skip

    def close_escalation(self, esc: Escalation) -> MemoryFormDialog:
        return self._ask(
            self.tr("Record the outcome"),
            [Field("outcome", self.tr("&Outcome"), "text"),
             Field("on", self.tr("&Date"), "date", self.today)],
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
            [Field("on", self.tr("&Date"), "date", self.today),
             Field("kind", self.tr("&Kind"), "choice", EventKind.SIGNIFICANT_EVENT, kinds),
             Field("title", self.tr("&What happened")),
             Field("detail", self.tr("De&tail"), "text"),
             Field("outcome", self.tr("Referral &outcome"), "choice", ReferralOutcome.NONE, outcomes)],
            lambda v: self.store.memory.add_event(
                self.case_id, v["on"], v["kind"], v["title"], v["detail"], v["outcome"], self.session_id),
        )  # fmt: skip
