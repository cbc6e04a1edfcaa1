"""Plain objects for the case's memory across sessions.

Carried-forward actions, hypotheses, escalations, chronology events, ratings,
pattern prompts and search hits.  No Qt, no SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from supervision_app.domain.models import Action, ActionStatus


class ReviewOutcome(StrEnum):
    DONE = "done"
    NOT_DONE = "not_done"
    CARRIED_FORWARD = "carried_forward"

    @property
    def label(self) -> str:
        return {
            "done": "Done",
            "not_done": "Not done",
            "carried_forward": "Carried forward",
        }[self.value]


class HypothesisStatus(StrEnum):
    OPEN = "open"
    TESTING = "testing"
    SUPPORTED = "supported"
    DISCARDED = "discarded"

    @property
    def label(self) -> str:
        return {
            "open": "Open",
            "testing": "Being tested",
            "supported": "Supported",
            "discarded": "Discarded",
        }[self.value]

    @property
    def is_current(self) -> bool:
        return self is not HypothesisStatus.DISCARDED


class EventKind(StrEnum):
    CONCERN = "concern"
    SIGNIFICANT_EVENT = "significant_event"
    REFERRAL = "referral"
    WAS_NOT_BROUGHT = "was_not_brought"
    ASSESSMENT = "assessment"
    OTHER = "other"
    # assembled from other records, never stored as events:
    DECISION = "decision"
    ESCALATION = "escalation"

    @property
    def label(self) -> str:
        return {
            "concern": "Concern raised",
            "significant_event": "Significant event",
            "referral": "Referral",
            "was_not_brought": "Was not brought",
            "assessment": "Assessment / re-assessment",
            "other": "Other",
            "decision": "Decision",
            "escalation": "Escalation",
        }[self.value]


#: The kinds a user may record directly.
RECORDABLE_KINDS = (
    EventKind.CONCERN,
    EventKind.SIGNIFICANT_EVENT,
    EventKind.REFERRAL,
    EventKind.WAS_NOT_BROUGHT,
    EventKind.ASSESSMENT,
    EventKind.OTHER,
)


class ReferralOutcome(StrEnum):
    NONE = ""
    PENDING = "pending"
    ACCEPTED = "accepted"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return {
            "": "",
            "pending": "Awaiting outcome",
            "accepted": "Accepted",
            "refused": "Refused",
        }[self.value]


class Rag(StrEnum):
    """Red, amber, green status of an open action on a given day."""

    RED = "red"  # overdue
    AMBER = "amber"  # due within the next week
    GREEN = "green"

    @property
    def label(self) -> str:
        return {"red": "Overdue", "amber": "Due soon", "green": "On track"}[self.value]


AMBER_DAYS = 7


def action_rag(due: date | None, today: date) -> Rag:
    if due is None:
        return Rag.GREEN
    if due < today:
        return Rag.RED
    if (due - today).days <= AMBER_DAYS:
        return Rag.AMBER
    return Rag.GREEN


@dataclass(frozen=True, slots=True)
class ActionReview:
    session_date: date | None
    outcome: ReviewOutcome
    reason: str
    session_id: int | None = None


@dataclass(slots=True)
class TrackedAction:
    """An action with where it was agreed and what happened to it since."""

    action: Action
    session_id: int
    session_date: date
    reviews: list[ActionReview] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.action.status is ActionStatus.OPEN

    def rag(self, today: date) -> Rag:
        return action_rag(self.action.due_date, today)


@dataclass(frozen=True, slots=True)
class HypothesisNote:
    """A review of a hypothesis: how it was tested (``text``), what that found, its new status."""

    on: date
    status: HypothesisStatus
    text: str
    session_id: int | None = None
    result: str = ""

    @property
    def summary(self) -> str:
        """How it was tested and what that found, as one line ("Tested: … Found: …")."""
        parts = [f"Tested: {_sentence(self.text)}" if self.text.strip() else "",
                 f"Found: {_sentence(self.result)}" if self.result.strip() else ""]  # fmt: skip
        return " ".join(p for p in parts if p)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text[-1:] in ".!?…" else text + "."


#: The hypothesising tool asks for at least this many hypotheses (Manchester SCR training).
HYPOTHESES_INVITED = 4


@dataclass(slots=True)
class Hypothesis:
    """One possible explanation, what it rests on, how it will be tested, and its reviews."""

    id: int
    text: str
    status: HypothesisStatus
    raised_on: date
    session_id: int | None
    notes: list[HypothesisNote] = field(default_factory=list)
    basis: str = ""  # what it is based on
    test_plan: str = ""  # how it will be tested
    evaluation: str = ""  # what the testing leads to (the evaluation step)


@dataclass(frozen=True, slots=True)
class EscalationStep:
    stage: int
    with_whom: str
    on: date
    note: str = ""
    session_id: int | None = None
    name: str = ""  # the policy's name for the stage ("Managers or safeguarding leads")
    days: int | None = None  # the policy's timescale for the stage; None: the escalation's


@dataclass(slots=True)
class Escalation:
    id: int
    subject: str
    raised_on: date
    timescale_days: int
    session_id: int | None
    steps: list[EscalationStep] = field(default_factory=list)
    outcome: str = ""
    closed_on: date | None = None

    @property
    def is_open(self) -> bool:
        return not self.outcome.strip()

    @property
    def current(self) -> EscalationStep | None:
        return self.steps[-1] if self.steps else None

    def days_open(self, today: date) -> int:
        return ((self.closed_on or today) - self.raised_on).days

    def days_at_stage(self, today: date) -> int:
        step = self.current
        start = step.on if step else self.raised_on
        return ((self.closed_on or today) - start).days

    @property
    def days_allowed(self) -> int:
        """The policy's timescale for the current stage (the escalation's own if not recorded)."""
        step = self.current
        return step.days if step is not None and step.days is not None else self.timescale_days

    def overdue(self, today: date) -> bool:
        return self.is_open and self.days_at_stage(today) > self.days_allowed


@dataclass(slots=True)
class ChronologyEvent:
    id: int
    on: date
    kind: EventKind
    title: str
    detail: str = ""
    outcome: ReferralOutcome = ReferralOutcome.NONE
    session_id: int | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of the assembled chronology."""

    on: date
    kind: EventKind
    title: str
    detail: str
    source: str  # "event", "decision", "escalation"
    item_id: int
    session_id: int | None


@dataclass(frozen=True, slots=True)
class Rating:
    session_id: int
    on: date
    child_safety: int | None
    worker_safety: int | None


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    id: int
    session_id: int
    on: date
    text: str
    rationale: str


@dataclass(frozen=True, slots=True)
class SessionAnswers:
    """What the pattern rules need to know about one session."""

    session_id: int
    on: date
    answered_prompts: frozenset[str]
    decision_count: int


@dataclass(slots=True)
class CaseHistory:
    """Everything recorded across a case's sessions, loaded in one go."""

    case_id: int
    reference: str
    sessions: list[SessionAnswers] = field(default_factory=list)  # oldest first
    actions: list[TrackedAction] = field(default_factory=list)
    decisions: list[DecisionEntry] = field(default_factory=list)
    hypotheses: list[Hypothesis] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)
    events: list[ChronologyEvent] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)  # oldest first

    def open_actions(self) -> list[TrackedAction]:
        return [a for a in self.actions if a.is_open]

    def open_escalations(self) -> list[Escalation]:
        return [e for e in self.escalations if e.is_open]

    def current_hypotheses(self) -> list[Hypothesis]:
        return [h for h in self.hypotheses if h.status.is_current]

    def latest_rating(self) -> Rating | None:
        rated = [
            r for r in self.ratings if r.child_safety is not None or r.worker_safety is not None
        ]
        return rated[-1] if rated else None


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # answer, decision, action, hypothesis, event, escalation
    case_id: int
    case_reference: str
    session_id: int | None
    session_date: date | None
    locator: str  # prompt id for answers; "note" (a hypothesis's review), "step" (a stage); else ""
    item_id: int  # the row (for a review, its hypothesis)
    snippet: str  # with [[ and ]] around matched terms
