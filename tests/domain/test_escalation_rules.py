"""The rules an escalation is recorded by (domain/escalation.py), without a database."""

from __future__ import annotations

import pytest

from supervision_app.domain import ValidationError
from supervision_app.domain.escalation import (
    next_stage,
    raise_problems,
    require_outcome,
    require_step_up,
)


def test_raising_lists_every_problem_at_once() -> None:
    assert raise_problems("Referral refused", "MASH", 5, 1) == []
    assert raise_problems(" ", "", 0, 0) == [
        "Say what is being escalated.",
        "Say who the escalation is with.",
        "The policy timescale must be at least one day.",
        "Stages are numbered from 1.",
    ]


def test_a_step_up_needs_someone_and_a_timescale_of_a_day_or_more() -> None:
    require_step_up("Head of Service", None)
    require_step_up("Head of Service", 1)
    with pytest.raises(ValidationError, match="who the escalation is with now"):
        require_step_up("  ", 3)
    with pytest.raises(ValidationError, match="at least one day"):
        require_step_up("Head of Service", 0)


def test_a_step_up_goes_to_the_next_or_a_later_stage_of_an_open_escalation() -> None:
    assert next_stage("", 2, None) == 3
    assert next_stage("", 2, 4) == 4
    with pytest.raises(ValidationError, match="Step up to a later stage"):
        next_stage("", 2, 2)
    with pytest.raises(ValidationError, match="closed; raise a new one"):
        next_stage("Upheld", 2, None)


def test_closing_needs_the_outcome() -> None:
    require_outcome("Upheld by the partnership")
    with pytest.raises(ValidationError, match="Write the outcome"):
        require_outcome("   ")
