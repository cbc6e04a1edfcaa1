"""The escalation route a tracked escalation is measured against.

An agency's content pack may bring its own policy (``escalation.toml``: stage names,
timescales in days, contacts).  Without one, the built-in default route (content.route) is used: the
usual stages of a local escalation policy, each with the app's default timescale, which the
tracker labels as a default so nobody mistakes it for their local policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from supervision_app.content.model import EscalationPolicy, EscalationStage
from supervision_app.content.route import DEFAULT_ROUTE, DEFAULT_STAGE_DAYS
from supervision_app.domain.memory import Escalation


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
