"""The escalation route a tracked escalation is measured against.

Also the rules an escalation is recorded by (checked by the store before it writes).

An agency's content pack may bring its own policy (``escalation.toml``: stage names,
timescales in days, contacts).  Without one, the built-in default route (content.route) is used: the
usual stages of a local escalation policy, each with the app's default timescale, which the
tracker labels as a default so nobody mistakes it for their local policy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from supervision_app.content.model import EscalationPolicy, EscalationStage
from supervision_app.content.route import DEFAULT_ROUTE, DEFAULT_STAGE_DAYS
from supervision_app.domain.memory import Escalation
from supervision_app.domain.validation import ValidationError


def escalation_route(policy: EscalationPolicy | None) -> EscalationPolicy:
    """The agency's policy if a content pack brings one, else the built-in default route."""
    return policy if policy is not None and policy.stages else DEFAULT_ROUTE


def route_stage(route: EscalationPolicy, number: int) -> EscalationStage:
    """Stage ``number`` (1-based) of the route; past its end, its last stage."""
    return route.stages[min(max(number, 1), len(route.stages)) - 1]


def stage_days(stage: EscalationStage) -> int:
    return stage.days if stage.days is not None else DEFAULT_STAGE_DAYS


@dataclass(frozen=True, slots=True)
class EscalationClock:
    """Where an escalation stands against the policy's timescale for its current stage."""

    stage: int
    stage_name: str
    with_whom: str
    raised_on: date
    stage_since: date
    days_open: int
    days_at_stage: int
    days_allowed: int
    overdue: bool

    @property
    def summary(self) -> str:
        """For example "9 days at this stage; the policy allows 5: overdue"."""
        text = f"{self.days_at_stage} days at this stage; the policy allows {self.days_allowed}"
        return text + (": overdue" if self.overdue else "")


def escalation_clock(escalation: Escalation, today: date) -> EscalationClock:
    step = escalation.current
    return EscalationClock(
        stage=step.stage if step else 1,
        stage_name=step.name if step else "",
        with_whom=step.with_whom if step else "",
        raised_on=escalation.raised_on,
        stage_since=step.on if step else escalation.raised_on,
        days_open=escalation.days_open(today),
        days_at_stage=escalation.days_at_stage(today),
        days_allowed=escalation.days_allowed,
        overdue=escalation.overdue(today),
    )


def escalation_as_of(escalation: Escalation, on: date) -> Escalation:
    """``escalation`` as it stood on ``on``: the steps taken by then, open unless closed by then.

    A record shows each escalation as it stood on the session's date; measuring a stage
    stepped up after the session against that date gave a negative day count.
    """
    steps = [s for s in escalation.steps if s.on <= on] or escalation.steps[:1]
    closed = escalation.closed_on is not None and escalation.closed_on <= on
    return replace(
        escalation,
        steps=steps,
        outcome=escalation.outcome if closed or escalation.closed_on is None else "",
        closed_on=escalation.closed_on if closed else None,
    )


# -- the rules for recording an escalation ----------------------------------------------------

#: An escalation's timescale when the caller gives none (days at a stage).
DEFAULT_TIMESCALE_DAYS = 5


def raise_problems(subject: str, with_whom: str, timescale_days: int, stage: int) -> list[str]:
    """What is wrong with raising an escalation (all of it at once; empty: nothing)."""
    problems = []
    if not subject.strip():
        problems.append("Say what is being escalated.")
    if not with_whom.strip():
        problems.append("Say who the escalation is with.")
    if timescale_days < 1:
        problems.append("The policy timescale must be at least one day.")
    if stage < 1:
        problems.append("Stages are numbered from 1.")
    return problems


def require_step_up(with_whom: str, days: int | None) -> None:
    """Refuse a step up to nobody, or with a timescale under a day (ValidationError)."""
    _require(bool(with_whom.strip()), "Say who the escalation is with now.")
    _require(days is None or days >= 1, "The policy timescale must be at least one day.")


def next_stage(outcome: str, reached: int, stage: int | None) -> int:
    """The stage a step up goes to: ``stage``, or the one after the ``reached`` stage.  An
    escalation that is closed (has an ``outcome``) or a stage not later than the one reached
    is refused (ValidationError)."""
    _require(not outcome.strip(), "This escalation is closed; raise a new one.")
    _require(stage is None or stage > reached, "Step up to a later stage.")
    return stage if stage is not None else reached + 1


def require_outcome(outcome: str) -> None:
    """An escalation is closed with its outcome written (ValidationError otherwise)."""
    _require(bool(outcome.strip()), "Write the outcome of the escalation before closing it.")


def _require(condition: bool, problem: str) -> None:
    if not condition:
        raise ValidationError([problem])
